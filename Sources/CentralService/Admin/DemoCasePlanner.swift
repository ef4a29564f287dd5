import CaseModel
import DemoData
import Foundation

/// Turns a generated demo case into the operations clerks would have made to get it there:
/// create (values fitted to the form), assign, the shortest allowed path of transitions to its
/// state, and its comments. Claims and conflicts of generated cases are not replayed. A
/// citizen who applies to several org units gets a pseudonymous id per unit.
struct DemoCasePlanner {
    let services: [String: ServiceDefinition]
    let clerks: [DemoClerk]
    private var rng: DemoRandom

    init(services: [ServiceDefinition], clerks: [DemoClerk], seed: UInt64) {
        self.services = Dictionary(services.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        self.clerks = clerks
        self.rng = DemoRandom(seed: seed ^ 0x5EED_DE30)
    }

    /// The operations for `demo`, or nil if its values cannot be made to fit the form.
    mutating func operations(for demo: DemoCase, now: Date) -> [CaseModel.Operation]? {
        let target = demo.caseValue
        guard let service = services[target.serviceID],
            let path = Self.path(service.workflow, to: target.state, clerks: clerks)
        else { return nil }
        let received = min(target.receivedAt, now)
        let demoContext = DemoFieldValues.Context(
            citizen: demo.citizen, receivedDay: MunichClock.day(of: received))
        // The generator's values already fit; this checks them on the service's own calendar day.
        guard
            let fields = DemoFieldValues.fitted(
                target.fields, form: service.form, context: demoContext, using: &rng)
        else { return nil }

        let creator = creator(for: target.channel)
        // Each org unit knows a citizen only under its own pseudonymous id.
        var citizen = demo.citizen
        citizen.id = Hashing.uuid(named: "\(demo.citizen.id.uuidString)|\(target.orgUnit)")
        var operations: [CaseModel.Operation] = []
        var version: Int64 = 0
        func add(_ clerk: String, at time: Date, _ kind: OperationKind) {
            operations.append(
                CaseModel.Operation(
                    id: DemoIDs.uuid(using: &rng), caseID: target.id, baseVersion: version, clerk: clerk,
                    device: "demo-seed", timestamp: min(time, now), kind: kind))
            version += 1
        }
        add(
            creator, at: received,
            .createCase(
                NewCase(
                    number: target.number, serviceID: service.id, formVersion: service.version,
                    orgUnit: target.orgUnit, channel: target.channel,
                    initialState: service.workflow.initialState,
                    citizen: citizen, fields: fields, receivedAt: received,
                    enteredBy: target.channel == .online ? nil : creator)))
        if target.assignee != nil, let lead = clerks.first(where: { $0.roles.contains(.teamLead) }) {
            let assignee = rng.pick(clerks).id
            add(lead.id, at: received.addingTimeInterval(60), .assign(to: assignee))
        }
        let end = max(target.stateSince, received.addingTimeInterval(120))
        for (index, step) in path.enumerated() {
            let share = Double(index + 1) / Double(path.count)
            let time = received.addingTimeInterval(120 + (end.timeIntervalSince(received) - 120) * share)
            let reason = step.transition.reasonRequired ? "Demo: \(step.transition.label.de)" : nil
            add(
                step.clerk, at: time,
                .transition(from: step.transition.from, to: step.transition.to, reason: reason))
        }
        for comment in target.comments {
            add(creator, at: max(comment.at, end), .addComment(text: comment.text))
        }
        return operations
    }

    /// The clerk who enters a case received through `channel`.
    private func creator(for channel: Channel) -> String {
        let role: Role =
            switch channel {
            case .counter, .online: .counter
            case .phone: .phone
            case .field: .field
            }
        return (clerks.first { $0.roles.contains(role) } ?? clerks[0]).id
    }

    /// The shortest path of transitions from the initial state to `state`, each made by a demo
    /// clerk allowed to make it; nil if there is none.
    static func path(_ workflow: Workflow, to state: String, clerks: [DemoClerk])
        -> [(transition: Transition, clerk: String)]?
    {
        var previous: [String: (Transition, String)] = [:]
        var queue = [workflow.initialState]
        var seen: Set<String> = [workflow.initialState]
        while !queue.isEmpty, !seen.contains(state) {
            let from = queue.removeFirst()
            for transition in workflow.transitions
            where transition.from == from && !seen.contains(transition.to) {
                guard workflow.transition(from: from, to: transition.to) != nil,
                    let clerk = clerks.first(where: { transition.isAllowed(for: Set($0.roles)) })
                else { continue }
                seen.insert(transition.to)
                previous[transition.to] = (transition, clerk.id)
                queue.append(transition.to)
            }
        }
        guard seen.contains(state) else { return nil }
        var steps: [(transition: Transition, clerk: String)] = []
        var cursor = state
        while cursor != workflow.initialState, let (transition, clerk) = previous[cursor] {
            steps.insert((transition, clerk), at: 0)
            cursor = transition.from
        }
        return steps
    }
}
