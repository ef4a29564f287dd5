import CaseModel

/// The hook where form-value validation plugs in: checks an operation's values against the
/// service's form before the central service applies it.
///
/// The central service already checks org units, the clerk, the workflow (transition exists,
/// role, reason) and claims; a validator adds the form engine's rules (types, required fields,
/// constraints). Return a rejection to refuse the operation; it then changes nothing and does
/// not block the operations behind it.
public protocol OperationValidator: Sendable {
    /// A rejection if `operation` must not be applied to `current` (nil for a new case).
    func validate(_ operation: CaseModel.Operation, current: Case?, definition: ServiceDefinition?)
        -> Rejection?
}
