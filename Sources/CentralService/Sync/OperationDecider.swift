import CaseModel
import Foundation

/// Decides what one operation does to the authoritative state of a case. Pure.
///
/// The service decides every fact it can know itself: before anything is checked, the
/// operation is stamped (`stamped(_:current:clerk:device:now:)`) — who (the token's clerk and
/// device; a new case is entered by that clerk), when (the service's clock for receipt, state
/// changes, activity, comments and the start of a claim, which lasts the duration the device
/// asked for, measured on the device's clock; the rules refuse one longer than the role's
/// limit, and the service shortens any claim to its own maximum) — and the device's own time is kept only as when the
/// change was done (`doneAt`, bounded). A new case is numbered by the store.
///
/// Then checks, in order: the clerk's org units (the same answer for an unknown case and a case
/// of another unit), the service version the case was filled with (with a catalogue loaded, an
/// unknown service or version is refused), CaseModel's `OperationRules` — the one source of
/// truth for ownership, channels, the initial state, transitions, roles, reasons, claims and
/// assignment — on the server's clock, `OperationLimits` (sizes, control characters, citizen
/// data), that an assignee is an active clerk of the case's unit, the pluggable `OperationValidator`
/// (form values), and finally `Operation.apply(to:mode:context:)` in `.central` mode (merge per
/// field, state changed meanwhile; the stamped clerk becomes the author of every field the
/// operation writes, and a conflict names the author of the value it met). The validator then
/// settles the result (calculated fields).
public struct OperationDecider: Sendable {
    /// Whose clock and numbers a decision uses.
    public enum Stamping: Sendable {
        /// The service's: every push from a workstation.
        case server
        /// The operations' own times and case numbers: trusted imports by the administrator
        /// (the demo's history), never a clerk's push.
        case asSent
    }

    public var definitions: ServiceDefinitions
    public var validator: (any OperationValidator)?
    public var rules: OperationRules
    public var limits: OperationLimits
    /// The longest claim the service grants from its own clock; longer ones are shortened.
    public var maxClaimDuration: TimeInterval
    /// How far ahead of the service's clock a device's time is still believed.
    public var clockSkew: TimeInterval
    public var stamping: Stamping

    /// How long before its arrival a new case may have been entered offline.
    public static let longestOffline: TimeInterval = 30 * 24 * 3600

    public init(
        definitions: ServiceDefinitions, validator: (any OperationValidator)? = nil,
        rules: OperationRules = OperationRules(), limits: OperationLimits = .standard,
        maxClaimDuration: TimeInterval = 8 * 3600, clockSkew: TimeInterval = 300,
        stamping: Stamping = .server
    ) {
        self.definitions = definitions
        self.validator = validator
        self.rules = rules
        self.limits = limits
        self.maxClaimDuration = maxClaimDuration
        self.clockSkew = clockSkew
        self.stamping = stamping
    }

    /// The decision for `operation` by `clerk` (pushing from `device`) on `current` (nil if the
    /// case does not exist) at the service's `now`; `clerks` holds the records of the clerks
    /// the operation assigns the case to.
    public func decide(
        _ operation: CaseModel.Operation, current: Case?, clerk: ClerkRecord, now: Date,
        device: String? = nil, clerks: [String: ClerkRecord] = [:]
    ) -> OperationDecision {
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
        // An import replays history that came through every channel, the web included.
        let acting = ActingClerk(
            id: clerk.id, roles: Set(clerk.roles), orgUnits: Set(clerk.orgUnits),
            enterableChannels: stamping == .asSent ? Set(Channel.allCases) : nil)
        var stamped: CaseModel.Operation
        var doneAt: Date?
        var numberPrefix: String?
        switch stamping {
        case .server:
            stamped = self.stamped(operation, current: current, clerk: acting, device: device, now: now)
            doneAt = self.doneAt(operation.timestamp, current: current, now: now)
            if current == nil {
                numberPrefix = "\(definition.numberPrefix)-\(MunichClock.day(of: now).year)"
            }
        case .asSent:
            stamped = operation
        }
        func decision(_ outcome: OperationDecision.Outcome, citizen: Citizen? = nil) -> OperationDecision {
            OperationDecision(
                outcome, citizen: citizen, numberPrefix: numberPrefix, doneAt: doneAt, device: device)
        }
        if let rejection = check(
            stamped, current: current, definition: definition, acting: acting, now: now, clerks: clerks)
        {
            return decision(.rejected(rejection))
        }
        if case .claim(let until) = stamped.kind {
            stamped.kind = .claim(until: min(until, now.addingTimeInterval(maxClaimDuration)))
        }
        switch stamped.apply(to: current, mode: .central, context: ApplyContext(service: definition)) {
        case .applied(let next):
            let citizen: Citizen?
            switch stamped.kind {
            // A create of a case that exists already changes nothing, its citizen included.
            case .createCase(let new): citizen = current == nil ? new.citizen : nil
            case .updateCitizen(let corrected): citizen = corrected
            default: citizen = nil
            }
            return decision(.applied(settle(next, stamped, definition, now)), citizen: citizen)
        case .conflict(let next, let fields):
            return decision(.conflict(settle(next, stamped, definition, now), fields))
        case .rejected(let rejection):
            return decision(.rejected(rejection))
        }
    }

    /// Every check before the operation is applied; nil when it may be applied.
    private func check(
        _ operation: CaseModel.Operation, current: Case?, definition: ServiceDefinition, acting: ActingClerk,
        now: Date, clerks: [String: ClerkRecord]
    ) -> Rejection? {
        if let rejection = rules.check(operation, on: current, service: definition, by: acting, at: now) {
            return rejection
        }
        if let rejection = limits.check(operation, on: current, today: MunichClock.day(of: now)) {
            return rejection
        }
        if case .assign(let to?) = operation.kind, let current {
            guard let assignee = clerks[to], assignee.disabledAt == nil,
                assignee.orgUnits.contains(current.orgUnit)
            else {
                return RuleRejections.unknownAssignee
            }
        }
        return validator?.validate(operation, current: current, definition: definition, now: now)
    }

    /// `operation` with the facts the service knows itself: the time is the service's `now`,
    /// the device the token's, a new case received now and entered by the clerk, a claim
    /// starting now for the duration the device asked for.
    public func stamped(
        _ operation: CaseModel.Operation, current: Case?, clerk: ActingClerk, device: String?, now: Date
    ) -> CaseModel.Operation {
        var stamped = operation
        stamped.timestamp = now
        if let device { stamped.device = device }
        switch operation.kind {
        case .createCase(var new):
            new.receivedAt = now
            new.enteredBy = clerk.id
            stamped.kind = .createCase(new)
        case .claim(let until):
            // The duration the device asked for, measured on its own clock; the rules refuse
            // one longer than the role's limit.
            let asked = until.timeIntervalSince(operation.timestamp)
            stamped.kind = .claim(until: now.addingTimeInterval(asked))
        default:
            break
        }
        return stamped
    }

    /// When the device says the change was made, bounded: never later than the service's clock
    /// (beyond the allowed skew it is taken as `now`), never before the case was received (a
    /// new case: at most `longestOffline` before `now`).
    public func doneAt(_ deviceTime: Date, current: Case?, now: Date) -> Date {
        if deviceTime > now.addingTimeInterval(clockSkew) { return now }
        let earliest = current?.receivedAt ?? now.addingTimeInterval(-Self.longestOffline)
        return max(min(deviceTime, now), earliest)
    }

    /// The case as the validator stores it (calculated fields recomputed, fields no longer
    /// relevant dropped). A value settling changed was changed by this operation, so its clerk
    /// becomes the field's author (not for a new case: its values are the application's).
    private func settle(
        _ next: Case, _ operation: CaseModel.Operation, _ definition: ServiceDefinition, _ now: Date
    ) -> Case {
        guard let validator else { return next }
        var settled = validator.settle(next, after: operation, definition: definition, now: now)
        if case .createCase = operation.kind { return settled }
        for field in Set(next.fields.keys).union(settled.fields.keys)
        where next.fields[field] != settled.fields[field] {
            settled.fieldAuthors[field] = operation.clerk
        }
        return settled
    }
}
