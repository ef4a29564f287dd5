import CaseModel
import CentralService
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import Testing

/// The sync invariant as a property: after random local work on two or three replicas, random
/// offline periods and a network that duplicates, reorders and loses push answers and cuts
/// pulls off, and a final quiet sync, every replica shows exactly the central state, every
/// operation took effect centrally exactly once, every refused one is kept with its reason, and
/// no concurrent edit of one field was silently overwritten.
@Suite("Replicas converge")
struct ConvergenceTests {
    /// 200 small scenarios against the SQLite store, in 8 groups of 25 seeds.
    @Test("two and three replicas, SQLite store", arguments: 0..<8)
    func convergeSQLite(group: Int) async throws {
        let totals = ScenarioTotals()
        for seed in (group * 25)..<(group * 25 + 25) {
            try await withCentral(.sqlite) { central in
                totals.add(try await Scenario(seed: UInt64(seed), central: central).run())
            }
        }
        // The generator reaches the interesting cases: conflicts, refusals and resends.
        let sum = totals.sum
        #expect(sum.operations > 100)
        #expect(sum.conflicts > 0)
        #expect(sum.rejected > 0)
        #expect(sum.duplicates > 0)
    }

    /// A few scenarios against PostgreSQL (needs `CLERK_TEST_POSTGRES_URL`; fails under CI without).
    @Test("two and three replicas, PostgreSQL store")
    func convergePostgres() async throws {
        for seed in 1000..<1012 {
            try await withCentral(.postgres) { central in
                _ = try await Scenario(seed: UInt64(seed), central: central).run()
            }
        }
    }
}

/// One random scenario, replayable by its seed.
struct Scenario {
    let seed: UInt64
    let central: Central

    /// Runs the scenario, checks the invariant and returns what happened.
    @discardableResult
    func run() async throws -> ScenarioStats {
        var random = SplitMix(seed: seed)
        let count = Int.random(in: 2...3, using: &random)
        let clerks = ["anna", "bernd", "dora"].prefix(count)
        var nodes: [Node] = []
        var networks: [ChaosServer] = []
        for clerk in clerks {
            let network = ChaosServer(inner: central.http, seed: random.next())
            networks.append(network)
            nodes.append(
                try await Node.make(
                    clerk, central: central, server: network,
                    pushBatchSize: Int.random(in: 1...4, using: &random),
                    pullPageSize: Int.random(in: 1...5, using: &random)))
        }
        defer { for node in nodes { node.close() } }
        var recorded: [UUID: (node: Int, operation: CaseModel.Operation)] = [:]
        var tick: TimeInterval = 0
        var valueCounter = 0

        // Someone creates the first cases and everybody gets them.
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            let operation = World.create(by: nodes[0].clerk, at: tick)
            try nodes[0].replica.record(operation)
            recorded[operation.id] = (0, operation)
        }
        for (index, node) in nodes.enumerated() {
            networks[index].setChaos(false)
            try await node.engine.syncOnce()
            networks[index].setChaos(true)
        }

        for _ in 0..<Int.random(in: 8...16, using: &random) {
            tick += 60
            let index = Int.random(in: 0..<nodes.count, using: &random)
            let node = nodes[index]
            let roll = Int.random(in: 0..<100, using: &random)
            if roll < 50 {
                let ids = try node.replica.visibleCaseIDs()
                guard let caseID = ids.randomElement(using: &random),
                    let visible = try node.replica.visibleCase(id: caseID)
                else { continue }
                let kind: OperationKind
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<5:
                    let field = ["farbe", "rasse"].randomElement(using: &random) ?? "farbe"
                    valueCounter += 1
                    kind = .setField(
                        field: field, old: visible.fields[field], new: .text("w\(seed)-\(valueCounter)"))
                case 5..<7:
                    kind = .addComment(text: "Notiz \(valueCounter)")
                case 7..<9:
                    switch visible.state {
                    case "eingegangen":
                        kind = .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)
                    case "in_bearbeitung":
                        kind = .transition(from: "in_bearbeitung", to: "rueckfrage", reason: nil)
                    default: kind = .transition(from: "rueckfrage", to: "in_bearbeitung", reason: nil)
                    }
                default:
                    let operation = World.create(by: node.clerk, at: tick)
                    try node.replica.record(operation)
                    recorded[operation.id] = (index, operation)
                    continue
                }
                do {
                    let operation = try node.record(caseID, kind, at: tick)
                    recorded[operation.id] = (index, operation)
                } catch is ReplicaError {
                    continue  // refused locally: never entered the outbox
                }
            } else if roll < 65 {
                networks[index].setOnline(Bool.random(using: &random))
            } else {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    networks[index].failPull(atPage: Int.random(in: 1...3, using: &random))
                }
                let before = try node.snapshot()
                do {
                    try await node.engine.syncOnce()
                } catch {
                    // A failed round never loses a local change: every pending operation is
                    // still pending or was answered.
                    let after = try node.snapshot()
                    let kept = Set(after.outbox.map(\.id))
                    let answered = Set(central.store.results.keys)
                    for operation in before.outbox {
                        #expect(
                            kept.contains(operation.id) || answered.contains(operation.id),
                            "seed \(seed): operation \(operation.id) vanished after \(error)")
                    }
                }
                networks[index].failPull(atPage: nil)
            }
        }

        // The network heals; everybody syncs until nothing is pending and all have pulled last.
        for network in networks {
            network.setOnline(true)
            network.setChaos(false)
            network.failPull(atPage: nil)
        }
        for _ in 0..<3 {
            for node in nodes { try await node.engine.syncOnce() }
        }
        for node in nodes { try await node.engine.syncOnce() }

        try await check(nodes: nodes, recorded: recorded)
        var stats = ScenarioStats(operations: recorded.count)
        for list in central.store.results.values {
            stats.duplicates += list.filter { if case .duplicate = $0 { true } else { false } }.count
            switch list.first?.original {
            case .conflict: stats.conflicts += 1
            case .rejected: stats.rejected += 1
            default: break
            }
        }
        return stats
    }

    func check(nodes: [Node], recorded: [UUID: (node: Int, operation: CaseModel.Operation)]) async throws {
        let cases = try await central.cases()
        let applications = central.store.firstApplications
        let answers = central.store.results

        // Every replica shows exactly the central state.
        for node in nodes {
            #expect(
                try node.replica.pendingCount() == 0,
                "seed \(seed): \(node.clerk) still has pending operations")
            let snapshot = try node.snapshot()
            #expect(
                Set(snapshot.cases.keys) == Set(cases.keys), "seed \(seed): \(node.clerk) sees other cases")
            for (id, expected) in cases {
                #expect(snapshot.cases[id] == expected, "seed \(seed): \(node.clerk) differs on case \(id)")
            }
        }

        // Every recorded operation took effect centrally exactly once.
        for (id, entry) in recorded {
            #expect(
                applications[id] == 1,
                "seed \(seed): operation \(entry.operation.kind.name) of \(nodes[entry.node].clerk) applied \(applications[id] ?? 0) times"
            )
        }
        #expect(applications.values.allSatisfy { $0 == 1 }, "seed \(seed): an operation was applied twice")

        // What was refused is kept, with its reason, on the replica it came from.
        var firstResult: [UUID: PushResult] = [:]
        for (id, list) in answers {
            firstResult[id] = list.first { if case .duplicate = $0 { false } else { true } }
        }
        for (index, node) in nodes.enumerated() {
            let kept = Dictionary(
                try node.replica.rejectedOperations().map { ($0.operation.id, $0.rejection) },
                uniquingKeysWith: { a, _ in a })
            for (id, entry) in recorded where entry.node == index {
                if case .rejected(let why) = firstResult[id] {
                    #expect(kept[id]?.code == why.code, "seed \(seed): rejection of \(id) not kept")
                } else {
                    #expect(kept[id] == nil, "seed \(seed): \(id) kept as rejected but it landed")
                }
            }
        }

        // Comments never conflict and appear once.
        for (id, entry) in recorded {
            guard case .addComment = entry.operation.kind, case .applied = firstResult[id] else { continue }
            let comments = cases[entry.operation.caseID]?.comments.filter { $0.id == id } ?? []
            #expect(comments.count == 1, "seed \(seed): comment \(id) appears \(comments.count) times")
        }

        // Concurrent edits of one field (same base value, different new values) were never both
        // simply applied: one of them was merged, the other recorded as a conflict.
        let edits = recorded.values.compactMap {
            entry -> (CaseModel.Operation, String, FieldValue?, FieldValue?)? in
            guard case .setField(let field, let old, let new) = entry.operation.kind else { return nil }
            return (entry.operation, field, old, new)
        }
        for a in edits {
            for b in edits where a.0.id.uuidString < b.0.id.uuidString {
                guard a.0.caseID == b.0.caseID, a.1 == b.1, a.2 == b.2, a.3 != b.3 else { continue }
                guard case .applied = firstResult[a.0.id], case .applied = firstResult[b.0.id] else {
                    continue
                }
                Issue.record(
                    "seed \(seed): concurrent edits \(a.0.id) and \(b.0.id) of \(a.1) both overwrote")
            }
            if case .conflict = firstResult[a.0.id] {
                let marked = cases[a.0.caseID]?.conflicts.contains { $0.field == a.1 } ?? false
                #expect(marked, "seed \(seed): conflict on \(a.1) not recorded in the case")
            }
        }
    }
}

/// What one scenario exercised.
struct ScenarioStats: Sendable {
    var operations = 0
    var conflicts = 0
    var rejected = 0
    var duplicates = 0
}

/// Sums the stats of several scenarios.
final class ScenarioTotals: Sendable {
    private let total = Mutex(ScenarioStats())
    var sum: ScenarioStats { total.withLock { $0 } }
    func add(_ stats: ScenarioStats) {
        total.withLock {
            $0.operations += stats.operations
            $0.conflicts += stats.conflicts
            $0.rejected += stats.rejected
            $0.duplicates += stats.duplicates
        }
    }
}
