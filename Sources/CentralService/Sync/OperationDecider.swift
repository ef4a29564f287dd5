import CaseModel
import Foundation

/// Decides what one operation does to the authoritative state of a case. Pure.
///
/// Checks, in order: the clerk's org units, the workflow of the service (the transition
/// exists, the clerk's role may make it, a required reason is given; a new case starts in a
/// known state through an offered channel), the claim rules on the server's clock, the
/// pluggable `OperationValidator`, and finally CaseModel's `Operation.apply(to:mode:context:)`
/// in `.central` mode (merge per field, state changed meanwhile, claims held by others).
public struct OperationDecider: Sendable {
    public var definitions: ServiceDefinitions
    public var validator: (any OperationValidator)?
    /// The longest claim the service grants; longer claims are shortened to this.
    public var maxClaimDuration: TimeInterval

    public init(
        definitions: ServiceDefinitions, validator: (any OperationValidator)? = nil,
        maxClaimDuration: TimeInterval = 8 * 3600
    ) {
        self.definitions = definitions
        self.validator = validator
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
        let definition = definitions.definition(service: serviceID, version: formVersion)
        if let definition, let rejection = workflowRejection(operation, current, definition, clerk) {
            return .rejected(rejection)
        }
        if case .claim(let until) = operation.kind {
            if let claim = current?.claim, claim.clerk != clerk.id, claim.isActive(at: now) {
                return .rejected(Rejection(code: "claimed", message: Rejections.claimed(by: claim.clerk)))
            }
            operation.kind = .claim(until: min(until, now.addingTimeInterval(maxClaimDuration)))
        }
        if let rejection = validator?.validate(operation, current: current, definition: definition) {
            return .rejected(rejection)
        }
        let pausing = Set(definition?.workflow.states.filter(\.pausesSLA).map(\.id) ?? [])
        let context = ApplyContext(slaPausingStates: pausing, dayOf: MunichCalendar.day(of:))
        switch operation.apply(to: current, mode: .central, context: context) {
        case .applied(let next):
            if case .createCase(let new) = operation.kind { return .applied(next, citizen: new.citizen) }
            return .applied(next, citizen: nil)
        case .conflict(let next, let fields): return .conflict(next, fields)
        case .rejected(let rejection): return .rejected(rejection)
        }
    }

    private func workflowRejection(
        _ operation: CaseModel.Operation, _ current: Case?, _ definition: ServiceDefinition,
        _ clerk: ClerkRecord
    ) -> Rejection? {
        let workflow = definition.workflow
        switch operation.kind {
        case .createCase(let new) where current == nil:
            guard workflow.states.contains(where: { $0.id == new.initialState }) else {
                return Rejection(code: "unknown_state", message: CentralTexts.unknownState(new.initialState))
            }
            guard definition.channels.contains(new.channel) else {
                return Rejection(
                    code: "channel_not_allowed",
                    message: definition.channelNote ?? CentralTexts.channelNotAllowed(new.channel))
            }
            return nil
        case .transition(let from, let to, let reason):
            guard let transition = workflow.transitions.first(where: { $0.from == from && $0.to == to })
            else {
                return Rejection(
                    code: "transition_not_allowed", message: CentralTexts.transitionNotAllowed(from, to))
            }
            if !transition.roles.isEmpty, transition.roles.isDisjoint(with: clerk.roles) {
                return Rejection(code: "role_not_allowed", message: CentralTexts.roleNotAllowed)
            }
            if transition.reasonRequired,
                (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                return Rejection(code: "reason_required", message: CentralTexts.reasonRequired)
            }
            return nil
        default:
            return nil
        }
    }
}

/// The Munich calendar day of an instant (Europe/Berlin).
enum MunichCalendar {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? TimeZone(secondsFromGMT: 3600) ?? .gmt
        return calendar
    }()

    @Sendable static func day(of date: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? LocalDate(dayNumber: 0)
    }
}
