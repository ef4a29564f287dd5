import CaseModel
import Foundation

/// One line of a case's history timeline: who did what when.
public struct TimelineEntry: Hashable, Sendable {
    public var at: Date
    public var clerk: String
    public var what: LocalizedText
    /// Whether the central service has not yet acknowledged it.
    public var pending: Bool
    public init(at: Date, clerk: String, what: LocalizedText, pending: Bool = false) {
        self.at = at
        self.clerk = clerk
        self.what = what
        self.pending = pending
    }
}

/// Everything the case screen shows about one case, as loaded from the replica.
public struct CaseDetail: Hashable, Sendable {
    public var value: Case
    public var citizen: Citizen?
    public var service: ServiceDefinition?
    public var history: [TimelineEntry]
    public var due: LocalDate?
    public var workingDaysLeft: Int?
    public var light: SLALight
    public var stalled: Bool
    /// The moves the workflow allows this clerk from the case's state.
    public var allowedTransitions: [Transition]

    public init(
        value: Case, citizen: Citizen?, service: ServiceDefinition?, history: [TimelineEntry],
        due: LocalDate?,
        workingDaysLeft: Int?, light: SLALight, stalled: Bool, allowedTransitions: [Transition]
    ) {
        self.value = value
        self.citizen = citizen
        self.service = service
        self.history = history
        self.due = due
        self.workingDaysLeft = workingDaysLeft
        self.light = light
        self.stalled = stalled
        self.allowedTransitions = allowedTransitions
    }

    /// The label of the case's state in its workflow.
    public var stateLabel: LocalizedText {
        service?.workflow.states.first { $0.id == value.state }?.label
            ?? LocalizedText(de: value.state, en: value.state)
    }
}

/// One search result: a case found by number, citizen name or address.
public struct SearchHit: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var number: String
    public var citizen: String
    public var address: String
    public var service: LocalizedText
    public var state: LocalizedText
    public init(
        id: UUID, number: String, citizen: String, address: String, service: LocalizedText,
        state: LocalizedText
    ) {
        self.id = id
        self.number = number
        self.citizen = citizen
        self.address = address
        self.service = service
        self.state = state
    }
}
