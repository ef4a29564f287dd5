import CaseModel
import Foundation

/// One generated case with its citizen.
public struct DemoCase: Hashable, Sendable {
    public var caseValue: Case
    public var citizen: Citizen
    /// Whether this citizen appeared in an earlier case of the same run already.
    public var citizenIsNew: Bool
}

/// Streams realistic cases in the order they were received, over the two years before `now`.
///
/// Deterministic: the same services, count, seed and `now` give the same cases, value by value.
/// Nothing is built up front, so a million cases cost no more memory than one.
///
/// - Cases are spread over the services (earlier services are more popular) and over two years.
/// - Whether a case is still open depends on its age against its service's deadline: most open
///   cases are within it, a few overdue; the rest have reached a terminal state. Open cases are
///   spread over the non-terminal states.
/// - Numbers read `<PREFIX>-<YEAR>-<7 digits>`, counted per prefix and year.
public struct DemoCaseGenerator: Sequence, IteratorProtocol {
    public let count: Int
    private let services: [ServiceDefinition]
    private let serviceWeights: [Double]
    private let channelsByService: [[Channel]]
    private let now: Date
    private let today: LocalDate
    private var rng: DemoRandom
    private var produced = 0
    private var counters: [String: Int] = [:]
    private var recentCitizens: [Citizen] = []

    /// Clerk ids cases are assigned to and entered by.
    public static let clerks = [
        "m.huber", "s.yilmaz", "a.mueller", "k.schmid", "t.wagner", "j.novak", "l.weiss", "f.bauer",
        "e.papadopoulou", "c.rossi", "b.gruber", "n.haddad",
    ]

    /// Seconds in the two years the cases span.
    static let span: Double = 730 * 86_400

    /// A generator of `count` cases for `services` (at least one), received before `now`.
    public init(services: [ServiceDefinition], count: Int, seed: UInt64, now: Date) {
        precondition(!services.isEmpty, "at least one service is needed")
        self.services = services
        self.count = count
        self.serviceWeights = services.indices.map { 1 / Double($0 + 1).squareRoot() }
        self.channelsByService = services.map { service in
            Channel.allCases.filter { service.channels.contains($0) }
        }
        self.now = now
        self.today = DemoCaseGenerator.munichDay(of: now)
        self.rng = DemoRandom(seed: seed)
    }

    /// The next case, or nil after `count` cases.
    public mutating func next() -> DemoCase? {
        guard produced < count else { return nil }
        defer { produced += 1 }
        let serviceIndex = rng.weightedIndex(serviceWeights)
        let service = services[serviceIndex]
        let channels = channelsByService[serviceIndex]
        let channel = pickChannel(channels)
        let received = receivedAt(index: produced, channel: channel)
        let receivedDay = DemoCaseGenerator.munichDay(of: received)

        let (citizen, isNew) = nextCitizen(on: receivedDay)
        var fields = DemoFieldValues.values(
            for: service.form, context: .init(citizen: citizen, receivedDay: receivedDay), using: &rng)

        let year = receivedDay.year
        let counterKey = "\(service.numberPrefix)-\(year)"
        let serial = (counters[counterKey] ?? 0) + 1
        counters[counterKey] = serial
        let number = "\(counterKey)-\(LocalDateFormat.pad(serial, 7))"

        let ageDays = Swift.max(0, today.dayNumber - receivedDay.dayNumber)
        let state = pickState(service.workflow, ageDays: ageDays, slaWorkingDays: service.sla.workingDays)
        let stateInfo = service.workflow.states.first { $0.id == state.id }
        let elapsed = now.timeIntervalSince(received)
        let stateSince =
            state.id == service.workflow.initialState
            ? received : received.addingTimeInterval(elapsed * (0.2 + 0.6 * rng.unit()))
        let lastActivity = stateSince.addingTimeInterval(now.timeIntervalSince(stateSince) * 0.3 * rng.unit())
        var pauses: [SLAPause] = []
        if stateInfo?.pausesSLA == true {
            pauses.append(SLAPause(start: DemoCaseGenerator.munichDay(of: stateSince), end: nil))
        }
        var assignee: String?
        if state.id != service.workflow.initialState || rng.chance(0.2) {
            assignee = rng.pick(DemoCaseGenerator.clerks)
        }
        var claim: Claim?
        if !state.terminal, assignee != nil, rng.chance(0.03) {
            claim = Claim(
                clerk: assignee ?? "", until: now.addingTimeInterval(Double(rng.int(in: 600...7200))))
        }
        var conflicts: [FieldConflict] = []
        var fieldAuthors: [String: String] = [:]
        if !state.terminal, rng.chance(0.002), let field = conflictField(service.form, fields),
            let mine = otherValue(
                for: field, than: fields[field.id], citizen: citizen, receivedDay: receivedDay)
        {
            let theirs = fields[field.id]
            let writers = twoClerks()
            conflicts.append(
                FieldConflict(
                    field: field.id, base: nil, mine: mine, theirs: theirs,
                    operationID: DemoIDs.uuid(using: &rng), clerk: writers.later, theirsClerk: writers.earlier
                ))
            fields[field.id] = theirs
            fieldAuthors[field.id] = writers.earlier
        }
        var comments: [Comment] = []
        if rng.chance(0.1) {
            comments.append(
                Comment(
                    id: DemoIDs.uuid(using: &rng), clerk: rng.pick(DemoCaseGenerator.clerks),
                    at: lastActivity,
                    text: rng.pick(DemoFieldValues.sentences)))
        }
        let enteredBy: String? = channel == .online ? nil : rng.pick(DemoCaseGenerator.clerks)
        let value = Case(
            id: DemoIDs.uuid(using: &rng), number: number, serviceID: service.id,
            formVersion: service.version,
            orgUnit: service.orgUnit.id, channel: channel, state: state.id, citizenID: citizen.id,
            fields: fields,
            assignee: assignee, claim: claim, receivedAt: received, stateSince: stateSince,
            lastActivityAt: lastActivity, slaPauses: pauses, enteredBy: enteredBy, comments: comments,
            conflicts: conflicts, version: Int64(rng.int(in: 1...12)), fieldAuthors: fieldAuthors)
        return DemoCase(caseValue: value, citizen: citizen, citizenIsNew: isNew)
    }

    /// Two different clerks: the one whose change was met and the one whose change landed first
    /// (the next in the list).
    private mutating func twoClerks() -> (earlier: String, later: String) {
        let clerks = DemoCaseGenerator.clerks
        let later = rng.below(clerks.count)
        return (clerks[(later + 1) % clerks.count], clerks[later])
    }

    /// A citizen applying on `day`: often a new one, sometimes one who applied before (cases come
    /// in the order they were received, so a returning citizen is only ever older).
    private mutating func nextCitizen(on day: LocalDate) -> (Citizen, Bool) {
        if recentCitizens.count > 50, rng.chance(0.15) {
            return (rng.pick(recentCitizens), false)
        }
        let citizen = DemoCitizens.citizen(today: day, using: &rng)
        if recentCitizens.count < 1000 {
            recentCitizens.append(citizen)
        } else {
            recentCitizens[rng.below(recentCitizens.count)] = citizen
        }
        return (citizen, true)
    }

    private mutating func pickChannel(_ channels: [Channel]) -> Channel {
        guard !channels.isEmpty else { return .online }
        let weights = channels.map { channel -> Double in
            switch channel {
            case .online: 0.45
            case .counter: 0.3
            case .phone: 0.15
            case .field: 0.1
            }
        }
        return channels[rng.weightedIndex(weights)]
    }

    /// Spreads case `index` evenly over the span; offline channels during office hours on workdays.
    private mutating func receivedAt(index: Int, channel: Channel) -> Date {
        let position = (Double(index) + rng.unit()) / Double(Swift.max(count, 1))
        let instant = now.addingTimeInterval(-DemoCaseGenerator.span * (1 - position))
        guard channel != .online else { return instant }
        var day = DemoCaseGenerator.munichDay(of: instant)
        while day.isoWeekday > 5 { day = day.adding(days: -1) }
        let minute = rng.int(in: (7 * 60 + 30)...(17 * 60 + 30))
        let date = DemoCaseGenerator.date(day: day, minute: minute)
        return Swift.min(date, now)
    }

    /// Open or closed by the case's age measured in its service's deadlines: most cases are
    /// decided within the deadline, few run over, and very few linger for long.
    private mutating func pickState(_ workflow: Workflow, ageDays: Int, slaWorkingDays: Int) -> WorkflowState
    {
        let open = workflow.states.filter { !$0.terminal }
        let closed = workflow.states.filter(\.terminal)
        let deadlineDays = Swift.max(3.0, Double(slaWorkingDays) * 1.4)  // working days in calendar days
        let openShare: Double =
            switch Double(ageDays) / deadlineDays {
            case ..<0.5: 0.92
            case ..<1: 0.6
            case ..<2: 0.15
            case ..<6: 0.02
            default: 0.002
            }
        if !open.isEmpty && (closed.isEmpty || rng.chance(openShare)) {
            let weights = open.map { $0.id == workflow.initialState ? (ageDays < 7 ? 3.0 : 1.0) : 0.8 }
            return open[rng.weightedIndex(weights)]
        }
        guard !closed.isEmpty else { return workflow.states[0] }
        let weights = closed.indices.map { $0 == 0 ? 0.85 : 0.15 / Double(Swift.max(closed.count - 1, 1)) }
        return closed[rng.weightedIndex(weights)]
    }

    /// A value for `field` another clerk might have typed: one that differs from `value`.
    private mutating func otherValue(
        for field: FieldDefinition, than value: FieldValue?, citizen: Citizen, receivedDay: LocalDate
    ) -> FieldValue? {
        for _ in 0..<4 {
            let other = DemoFieldValues.value(
                for: field, context: .init(citizen: citizen, receivedDay: receivedDay), using: &rng)
            if other != value { return other }
        }
        return nil
    }

    private func conflictField(_ form: FormDefinition, _ fields: [String: FieldValue]) -> FieldDefinition? {
        form.fields.first { field in
            field.calculate == nil && fields[field.id] != nil
                && [.text, .money, .phone, .email, .date, .address].contains(field.type)
        }
    }

    /// The Munich calendar day of an instant, as the central service counts it.
    static func munichDay(of date: Date) -> LocalDate { MunichClock.day(of: date) }

    static func date(day: LocalDate, minute: Int) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + Double(minute) * 60 - 3600)
    }
}

enum LocalDateFormat {
    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
