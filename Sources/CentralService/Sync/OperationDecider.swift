import CaseModel
import Foundation

/// Decides what one operation does to the authoritative state of a case. Pure.
///
/// Checks, in order: the clerk's org units (the same answer for an unknown case and a case of
/// another unit), the service version the case was filled with (with a catalogue loaded, an
/// unknown service or version is refused), CaseModel's `OperationRules` — the one source of
/// truth for channels, the initial state, transitions, roles, reasons, claims and assignment —
/// on the server's clock, the pluggable `OperationValidator` (form values), and finally
/// `Operation.apply(to:mode:context:)` in `.central` mode (merge per field, state changed
/// meanwhile). The validator then settles the result (calculated fields). An operation on a
/// service or form version the definitions lack is refused: nothing is applied unchecked.
public struct OperationDecider: Sendable {
    public var definitions: ServiceDefinitions
    public var validator: (any OperationValidator)?
    public var rules: OperationRules
    /// The longest claim the service grants from its own clock; later ends are moved forward.
    public var maxClaimDuration: TimeInterval

    public init(
        definitions: ServiceDefinitions, validator: (any OperationValidator)? = nil,
        rules: OperationRules = OperationRules(), maxClaimDuration: TimeInterval = 8 * 3600
    ) {
        self.definitions = definitions
        self.validator = validator
        self.rules = rules
        self.maxClaimDuration = maxClaimDuration
    }

    /// The decision for `operation` by `clerk` on `current` (nil if the case does not exist).
    public func decide(
        _ operation: CaseModel.Operation, current: Case?, clerk: ClerkRecord, now: Date
    ) -> OperationDecision {
        var operation = operation
        let unit: String
        let serviceID: String
        let formVersion: Int
        if case .createCase(let new) = operation.kind, current == nil {
            (unit, serviceID, formVersion) = (new.orgUnit, new.serviceID, new.formVersion)
        } else if let current {
            (unit, serviceID, formVersion) = (current.orgUnit, current.serviceID, current.formVersion)
        } else {
            return .rejected(Rejection(code: "unknown_case", message: Rejections.unknownCase))
        }
        guard clerk.orgUnits.contains(unit) else {
            return .rejected(Rejection(code: "forbidden", message: CentralTexts.forbiddenCase))
        }
        guard let definition = definitions.definition(service: serviceID, version: formVersion) else {
            let known = definitions.newest(service: serviceID) != nil
            return .rejected(
                Rejection(
                    code: known ? "unknown_form_version" : "unknown_service",
                    message: known
                        ? CentralTexts.unknownFormVersion(serviceID, formVersion)
                        : CentralTexts.unknownService(serviceID)))
        }
        let acting = ActingClerk(id: clerk.id, roles: Set(clerk.roles), orgUnits: Set(clerk.orgUnits))
        if let rejection = rules.check(operation, on: current, service: definition, by: acting, at: now) {
            return .rejected(rejection)
        }
        if case .claim(let until) = operation.kind {
            operation.kind = .claim(until: min(until, now.addingTimeInterval(maxClaimDuration)))
        }
        if let rejection = validator?.validate(operation, current: current, definition: definition, now: now)
        {
            return .rejected(rejection)
        }
        let context = ApplyContext(service: definition)
        switch operation.apply(to: current, mode: .central, context: context) {
        case .applied(let next):
            let settled = settle(next, operation, definition, now)
            if case .createCase(let new) = operation.kind { return .applied(settled, citizen: new.citizen) }
            return .applied(settled, citizen: nil)
        case .conflict(let next, let fields):
            return .conflict(settle(next, operation, definition, now), fields)
        case .rejected(let rejection): return .rejected(rejection)
        }
    }

    private func settle(
        _ next: Case, _ operation: CaseModel.Operation, _ definition: ServiceDefinition, _ now: Date
    ) -> Case {
        validator?.settle(next, after: operation, definition: definition, now: now) ?? next
    }
}
