/// One service of the city (e.g. dog tax) as defined in the catalogue: data, not code.
public struct ServiceDefinition: Hashable, Sendable {
    /// Stable id, e.g. `hundesteuer`.
    public var id: String
    /// Increases with every change of the definition; a case remembers the version it used.
    public var version: Int
    public var title: LocalizedText
    /// Short prefix of case numbers, e.g. `HUN`.
    public var numberPrefix: String
    public var orgUnit: OrgUnitRef
    public var channels: Set<Channel>
    /// Why a channel is not offered (e.g. the legal reason a service may not be applied for by phone).
    public var channelNote: LocalizedText?
    public var workflow: Workflow
    public var sla: SLAPolicy
    public var form: FormDefinition

    public init(
        id: String, version: Int, title: LocalizedText, numberPrefix: String, orgUnit: OrgUnitRef,
        channels: Set<Channel>, channelNote: LocalizedText? = nil, workflow: Workflow, sla: SLAPolicy,
        form: FormDefinition
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.numberPrefix = numberPrefix
        self.orgUnit = orgUnit
        self.channels = channels
        self.channelNote = channelNote
        self.workflow = workflow
        self.sla = sla
        self.form = form
    }
}

/// The org unit responsible for a service, with the direct number callers are given.
public struct OrgUnitRef: Hashable, Sendable, Codable {
    public var id: String
    public var name: LocalizedText
    /// The responsible team's direct phone number — never the general hotline.
    public var directPhone: String
    public init(id: String, name: LocalizedText, directPhone: String) {
        self.id = id
        self.name = name
        self.directPhone = directPhone
    }
}

/// The service-level agreement of a service.
public struct SLAPolicy: Hashable, Sendable, Codable {
    /// Working days (Bavarian, Munich) from receipt to decision.
    public var workingDays: Int
    /// A case with no activity for this many working days counts as stalled.
    public var stalledAfterWorkingDays: Int
    /// What the service aims for, against which team leads see its figures; nil when the
    /// definition sets none (services defined in code for tests and benchmarks).
    public var targets: ServiceTargets?
    public init(workingDays: Int, stalledAfterWorkingDays: Int, targets: ServiceTargets? = nil) {
        self.workingDays = workingDays
        self.stalledAfterWorkingDays = stalledAfterWorkingDays
        self.targets = targets
    }
}

/// A service's targets: how many cases it decides per week, how quickly, and how many within
/// the deadline. An org unit may set its own (a small office decides fewer per week).
public struct ServiceTargets: Hashable, Sendable, Codable {
    /// Cases decided per week.
    public var decidedPerWeek: Int
    /// Median lead time from receipt to decision, in working days.
    public var leadTimeWorkingDays: Int
    /// Share of cases decided within the deadline, in percent (1…100).
    public var decidedWithinDeadlinePercent: Int
    /// Targets of single org units, replacing the service's where set.
    public var orgUnits: [String: UnitTargets]

    public init(
        decidedPerWeek: Int, leadTimeWorkingDays: Int, decidedWithinDeadlinePercent: Int,
        orgUnits: [String: UnitTargets] = [:]
    ) {
        self.decidedPerWeek = decidedPerWeek
        self.leadTimeWorkingDays = leadTimeWorkingDays
        self.decidedWithinDeadlinePercent = decidedWithinDeadlinePercent
        self.orgUnits = orgUnits
    }

    /// The targets that hold for `orgUnit`: its own where it sets them, the service's otherwise.
    public func forUnit(_ orgUnit: String) -> ServiceTargets {
        guard let own = orgUnits[orgUnit] else { return ServiceTargets(from: self) }
        return ServiceTargets(
            decidedPerWeek: own.decidedPerWeek ?? decidedPerWeek,
            leadTimeWorkingDays: own.leadTimeWorkingDays ?? leadTimeWorkingDays,
            decidedWithinDeadlinePercent: own.decidedWithinDeadlinePercent ?? decidedWithinDeadlinePercent)
    }

    private init(from service: ServiceTargets) {
        self.init(
            decidedPerWeek: service.decidedPerWeek, leadTimeWorkingDays: service.leadTimeWorkingDays,
            decidedWithinDeadlinePercent: service.decidedWithinDeadlinePercent)
    }
}

/// An org unit's own targets for a service; what it leaves nil is the service's.
public struct UnitTargets: Hashable, Sendable, Codable {
    public var decidedPerWeek: Int?
    public var leadTimeWorkingDays: Int?
    public var decidedWithinDeadlinePercent: Int?

    public init(
        decidedPerWeek: Int? = nil, leadTimeWorkingDays: Int? = nil, decidedWithinDeadlinePercent: Int? = nil
    ) {
        self.decidedPerWeek = decidedPerWeek
        self.leadTimeWorkingDays = leadTimeWorkingDays
        self.decidedWithinDeadlinePercent = decidedWithinDeadlinePercent
    }
}

/// The states of a service's cases and the moves between them.
public struct Workflow: Hashable, Sendable {
    public var states: [WorkflowState]
    public var initialState: String
    public var transitions: [Transition]
    public init(states: [WorkflowState], initialState: String, transitions: [Transition]) {
        self.states = states
        self.initialState = initialState
        self.transitions = transitions
    }
}

/// One state of a workflow.
public struct WorkflowState: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    /// No transition leaves a terminal state; its cases leave the working queues.
    public var terminal: Bool
    /// While in this state the SLA clock stands still (e.g. waiting for the citizen).
    public var pausesSLA: Bool
    public init(id: String, label: LocalizedText, terminal: Bool = false, pausesSLA: Bool = false) {
        self.id = id
        self.label = label
        self.terminal = terminal
        self.pausesSLA = pausesSLA
    }
}

/// An allowed move between two states.
public struct Transition: Hashable, Sendable {
    public var from: String
    public var to: String
    public var label: LocalizedText
    /// Roles that may make the move; empty means every role.
    public var roles: Set<Role>
    public var reasonRequired: Bool
    public init(
        from: String, to: String, label: LocalizedText, roles: Set<Role> = [], reasonRequired: Bool = false
    ) {
        self.from = from
        self.to = to
        self.label = label
        self.roles = roles
        self.reasonRequired = reasonRequired
    }
}
