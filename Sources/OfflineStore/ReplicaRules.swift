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

    /// Custom rules.
    public init(
        applyContext: @escaping @Sendable (String) -> ApplyContext,
        dueDay: @escaping @Sendable (Case) -> Int?,
        isOpen: @escaping @Sendable (Case) -> Bool
    ) {
        self.applyContext = applyContext
        self.dueDay = dueDay
        self.isOpen = isOpen
    }

    /// Rules derived from `services`; unknown services count as open with a 14-day deadline.
    public init(services: [ServiceDefinition]) {
        var byID: [String: ServiceDefinition] = [:]
        for service in services { byID[service.id] = service }
        let services = byID
        let pausing = services.mapValues { Set($0.workflow.states.filter(\.pausesSLA).map(\.id)) }
        let terminal = services.mapValues { Set($0.workflow.states.filter(\.terminal).map(\.id)) }
        let contexts = pausing.mapValues { ApplyContext(slaPausingStates: $0, dayOf: ReplicaRules.munichDay) }
        let fallback = ApplyContext(slaPausingStates: [], dayOf: ReplicaRules.munichDay)
        self.applyContext = { contexts[$0] ?? fallback }
        self.isOpen = { c in !(terminal[c.serviceID]?.contains(c.state) ?? false) }
        self.dueDay = { c in
            if terminal[c.serviceID]?.contains(c.state) ?? false { return nil }
            let received = ReplicaRules.munichDay(c.receivedAt)
            let today = ReplicaRules.munichDay(Date())
            let paused = c.slaPauses.reduce(0) { sum, pause in
                sum + max(0, (pause.end ?? today).dayNumber - pause.start.dayNumber)
            }
            let workingDays = services[c.serviceID]?.sla.workingDays ?? 10
            return ReplicaRules.addingWorkingDays(workingDays, to: received).dayNumber + paused
        }
    }

    /// The day `days` working days (Monday to Friday) after `day`.
    public static func addingWorkingDays(_ days: Int, to day: LocalDate) -> LocalDate {
        var d = day
        var left = days
        while left > 0 {
            d = d.adding(days: 1)
            if d.isoWeekday <= 5 { left -= 1 }
        }
        return d
    }

    /// The calendar day in Munich (Europe/Berlin) of an instant.
    @Sendable public static func munichDay(_ date: Date) -> LocalDate {
        let offset = munichZone?.secondsFromGMT(for: date) ?? 3600
        return LocalDate(
            dayNumber: Int(((date.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down)))
    }

    private static let munichZone = TimeZone(identifier: "Europe/Berlin")
}
