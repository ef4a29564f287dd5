import CaseModel
import Foundation

/// What the replica needs to know about services to keep its queue columns right.
///
/// The queue stores, per case, whether it is open and its SLA due day, so that lists can be
/// sorted and filtered by index. These rules say how to compute them; the default derives them
/// from service definitions (terminal states, SLA working days Monday to Friday, paused days added).
public struct ReplicaRules: Sendable {
    /// The apply context (SLA-pausing states, Munich day) of a service.
    public var applyContext: @Sendable (_ serviceID: String) -> ApplyContext
    /// The SLA due day (day number since 1970) of a case; nil when it has none (e.g. closed).
    public var dueDay: @Sendable (Case) -> Int?
    /// Whether a case is still being worked on (not in a terminal state).
    public var isOpen: @Sendable (Case) -> Bool
    /// The history line of an operation on a case of a service, in the service's own words.
    public var describe: @Sendable (_ kind: OperationKind, _ serviceID: String) -> String

    /// Custom rules.
    public init(
        applyContext: @escaping @Sendable (String) -> ApplyContext,
        dueDay: @escaping @Sendable (Case) -> Int?,
        isOpen: @escaping @Sendable (Case) -> Bool
    ) {
        self.applyContext = applyContext
        self.dueDay = dueDay
        self.isOpen = isOpen
        self.describe = { kind, _ in HistoryText.describe(kind, service: nil) }
    }

    /// Rules derived from `services`: terminal states close a case; the due day is the SLA due
    /// date in Bavarian working days (public holidays, paused days added) as of the moment the row
    /// is written. Unknown services count as open with a 10-working-day deadline.
    public init(services: [ServiceDefinition]) {
        var byID: [String: ServiceDefinition] = [:]
        for service in services { byID[service.id] = service }
        let services = byID
        let contexts = services.mapValues { ApplyContext(service: $0) }
        // The SLA clock stops at the decision, so a decided case is never overdue.
        let stopped = services.mapValues { $0.workflow.terminalStates.union($0.workflow.decisionStates) }
        let fallback = ApplyContext(slaPausingStates: [], dayOf: MunichClock.day(of:))
        self.applyContext = { contexts[$0] ?? fallback }
        self.isOpen = { c in !(services[c.serviceID]?.workflow.isTerminal(c.state) ?? false) }
        self.describe = { kind, serviceID in HistoryText.describe(kind, service: services[serviceID]) }
        self.dueDay = { c in
            guard let service = services[c.serviceID] else {
                return BavarianCalendar.munich.adding(workingDays: 10, to: MunichClock.day(of: c.receivedAt))
                    .dayNumber
            }
            if stopped[c.serviceID]?.contains(c.state) ?? false { return nil }
            return service.slaStatus(of: c, at: Date()).dueDate.dayNumber
        }
    }
}
