import CaseModel
import Foundation

/// The hook where form-value validation plugs in: checks an operation's values against the
/// service's form before the central service applies it, and settles the stored case after.
///
/// The decider already checks org units and `OperationRules` (workflow, roles, reasons, claims,
/// assignment); a validator adds the form engine's rules. Return a rejection to refuse the
/// operation; it then changes nothing and does not block the operations behind it. The
/// production implementation is `FormOperationValidator`.
public protocol OperationValidator: Sendable {
    /// A rejection if `operation` must not be applied to `current` (nil for a new case) at `now`;
    /// `definition` is the service version the case is filled with.
    func validate(
        _ operation: CaseModel.Operation, current: Case?, definition: ServiceDefinition, now: Date
    ) -> Rejection?

    /// The case to store after `operation` was applied to give `next` (e.g. with calculated
    /// fields recomputed); by default `next` unchanged.
    func settle(_ next: Case, after operation: CaseModel.Operation, definition: ServiceDefinition, now: Date)
        -> Case
}

extension OperationValidator {
    /// Stores the case as the operation left it.
    public func settle(
        _ next: Case, after operation: CaseModel.Operation, definition: ServiceDefinition, now: Date
    ) -> Case {
        next
    }
}
