import CaseModel
import Foundation
import PropertyBased
import Testing

/// A deterministic random source for one simulated run, seeded by the property checker.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The central service in miniature: applies each operation id at most once and remembers its result.
struct SimulatedCentral {
    var current: Case
    var results: [UUID: ApplyResult] = [:]
    /// Every delivery in arrival order, resends included.
    var deliveries: [CaseOperation] = []
    /// Set-field operations that landed while the field held something other than their base.
    var silentOverwrites: [UUID] = []

    init(_ start: Case) { current = start }

    mutating func receive(_ op: CaseOperation) -> ApplyResult {
        deliveries.append(op)
        if let earlier = results[op.id] { return earlier }
        let before = current
        let result = op.apply(to: current, mode: .central, context: Sample.context)
        switch result {
        case .applied(let next), .conflict(let next, _):
            current = next
            current.version = before.version + 1
        case .rejected:
            break
        }
        if case .applied = result, case .setField(let field, let old, let new) = op.kind,
            current.fields[field] != before.fields[field],
            before.fields[field] != old || current.fields[field] != new
        {
            silentOverwrites.append(op.id)
        }
        results[op.id] = result
        return result
    }
}

/// One clerk's replica: the last pulled state with the clerk's unacknowledged operations on top.
struct SimulatedReplica {
    let clerk: String
    /// The fields this clerk edits.
    let fields: [String]
    var pulled: Case
    var outbox: [CaseOperation] = []

    var visible: Case {
        outbox.reduce(pulled) { view, op in Sample.applying(op, to: view, mode: .overlay) ?? view }
    }
}

/// A run of several clerks editing one case offline and syncing at random moments.
struct SyncSimulation {
    var central: SimulatedCentral
    var replicas: [SimulatedReplica]
    var made: [CaseOperation] = []
    var clock: Date
    var rng: SplitMix64

    static let values: [FieldValue?] = [
        nil, .text("Huber"), .text("Maier"), .text("Öztürk"), .money(cents: 500),
    ]

    init(seed: UInt64, start: Case, fieldsPerClerk: [[String]]) {
        rng = SplitMix64(state: seed)
        central = SimulatedCentral(start)
        replicas = fieldsPerClerk.enumerated().map { index, fields in
            SimulatedReplica(clerk: "clerk\(index)", fields: fields, pulled: start)
        }
        clock = start.lastActivityAt
    }

    mutating func run(steps: Int) {
        for _ in 0..<steps {
            let r = Int.random(in: 0..<replicas.count, using: &rng)
            clock = clock.addingTimeInterval(60)
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<55: edit(r)
            case 55..<85: pushOne(r, responseLost: Int.random(in: 0..<4, using: &rng) == 0)
            default: replicas[r].pulled = central.current
            }
        }
        // Everyone comes back online: push everything, then pull.
        for r in replicas.indices {
            while !replicas[r].outbox.isEmpty { pushOne(r, responseLost: false) }
        }
        for r in replicas.indices { replicas[r].pulled = central.current }
    }

    mutating func edit(_ r: Int) {
        let view = replicas[r].visible
        let choice = Int.random(in: 0..<100, using: &rng)
        let kind: OperationKind
        let moves = Sample.workflow.transitions(from: view.state, for: Set(Role.allCases))
        if choice < 60, let field = replicas[r].fields.randomElement(using: &rng) {
            let new = Self.values[Int.random(in: 0..<Self.values.count, using: &rng)]
            kind = .setField(field: field, old: view.fields[field], new: new)
        } else if choice < 80 || moves.isEmpty {
            kind = .addComment(text: "Notiz \(made.count)")
        } else {
            let move = moves[Int.random(in: 0..<moves.count, using: &rng)]
            kind = .transition(from: move.from, to: move.to, reason: move.reasonRequired ? "Grund" : nil)
        }
        let id =
            UUID(uuidString: String(format: "00000000-0000-4000-8000-%012llx", UInt64(made.count) + 1))
            ?? UUID()
        let op = CaseOperation(
            id: id, caseID: view.id, baseVersion: replicas[r].pulled.version, clerk: replicas[r].clerk,
            device: "dev-\(r)", timestamp: clock, kind: kind)
        made.append(op)
        replicas[r].outbox.append(op)
    }

    /// Sends the oldest unacknowledged operation; if the answer is lost it stays and is sent again
    /// later. An answer acknowledges the operation and brings back the central case, so the
    /// replica never shows less than it has sent.
    mutating func pushOne(_ r: Int, responseLost: Bool) {
        guard let op = replicas[r].outbox.first else { return }
        _ = central.receive(op)
        guard !responseLost else { return }
        replicas[r].outbox.removeFirst()
        replicas[r].pulled = central.current
    }
}

@Suite struct MergeConvergenceTests {
    static let seeds = Gen.uint64(in: 0...UInt64.max)

    func start() throws -> Case {
        var c = try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
        c.fields["vorname"] = .text("Anna")
        c.version = 1
        return c
    }

    /// Replays `deliveries` on a fresh central, skipping ids seen before.
    func replay(_ deliveries: [CaseOperation], from start: Case) -> SimulatedCentral {
        var central = SimulatedCentral(start)
        for op in deliveries { _ = central.receive(op) }
        return central
    }

    @Test func clerksEditingTheSameFieldsOfflineLoseNothing() async throws {
        let start = try start()
        let shared = ["nachname", "strasse", "vorname"]
        await propertyCheck(count: 300, input: Self.seeds, Gen.int(in: 2...4), Gen.int(in: 5...60)) {
            seed, clerks, steps in
            var sim = SyncSimulation(
                seed: seed, start: start, fieldsPerClerk: Array(repeating: shared, count: clerks))
            sim.run(steps: steps)
            let final = sim.central.current

            // Every operation made was delivered and got exactly one recorded result.
            #expect(sim.made.allSatisfy { sim.central.results[$0.id] != nil })

            // Duplicates do not matter: the deduplicated delivery order gives the same case and results.
            var seen = Set<UUID>()
            let deduplicated = sim.central.deliveries.filter { seen.insert($0.id).inserted }
            let clean = replay(deduplicated, from: start)
            #expect(clean.current == final)
            #expect(clean.results == sim.central.results)
            // … and neither do more resends, delivered again at the end.
            let noisy = replay(sim.central.deliveries + deduplicated.reversed(), from: start)
            #expect(noisy.current == final)

            for op in sim.made {
                let result = sim.central.results[op.id]
                switch op.kind {
                case .setField(_, let old, let new):
                    // Landed, or kept as a conflict with the clerk's value; never refused.
                    switch result {
                    case .applied: break
                    case .conflict:
                        let kept = final.conflicts.first { $0.operationID == op.id }
                        #expect(kept?.mine == new)
                        #expect(kept?.base == old)
                        #expect(kept?.clerk == op.clerk)
                    default: Issue.record("set-field \(op.id) was \(String(describing: result))")
                    }
                case .addComment(let text):
                    #expect(final.comments.filter { $0.id == op.id }.map(\.text) == [text])
                default: break
                }
            }
            #expect(final.comments.count == sim.made.filter { $0.kind.name == "add_comment" }.count)
            #expect(Set(final.conflicts.map(\.operationID)).count == final.conflicts.count)
            #expect(sim.central.silentOverwrites.isEmpty)
            #expect(Sample.workflow.state(final.state) != nil)

            // After the last sync every replica shows exactly the central case.
            #expect(sim.replicas.allSatisfy { $0.outbox.isEmpty && $0.visible == final })
        }
    }

    @Test func clerksEditingDifferentFieldsConvergeWithoutConflicts() async throws {
        let start = try start()
        let owned = [["nachname"], ["strasse", "hausnummer"], ["vorname"], ["telefon"]]
        await propertyCheck(count: 300, input: Self.seeds, Gen.int(in: 2...4), Gen.int(in: 5...60)) {
            seed, clerks, steps in
            var sim = SyncSimulation(seed: seed, start: start, fieldsPerClerk: Array(owned.prefix(clerks)))
            sim.run(steps: steps)
            let final = sim.central.current
            #expect(final.conflicts.isEmpty)
            // Each field ends with the last value its only writer gave it, whatever the interleaving.
            for replica in sim.replicas {
                for field in replica.fields {
                    let writes = sim.made.compactMap { op -> FieldValue?? in
                        guard op.clerk == replica.clerk, case .setField(field, _, let new) = op.kind else {
                            return nil
                        }
                        return .some(new)
                    }
                    let expected = writes.last ?? start.fields[field]
                    #expect(final.fields[field] == expected, "field \(field)")
                }
            }
        }
    }
}
