import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

@Suite struct QueueTests {
    static func seeded(_ count: Int) throws -> Replica {
        let path = try temporaryDirectory().appendingPathComponent("seeded.sqlite").path
        try seed(replicaPath: path, cases: count, seed: 11, services: testServices, now: fixedNow)
        return try Replica.open(path: path, services: testServices)
    }

    @Test(arguments: QueueSort.allCases)
    func keysetPagesCoverEveryRowExactlyOnce(sort: QueueSort) throws {
        let replica = try Self.seeded(1500)
        for filter in [QueueFilter(openOnly: false), QueueFilter(), QueueFilter(serviceID: "ummeldung")] {
            var seen: [Int64] = []
            var keys: [QueueCursor] = []
            var cursor: QueueCursor?
            while true {
                let page = try replica.queuePage(filter: filter, sort: sort, after: cursor, limit: 37)
                seen += page.map(\.seq)
                keys += page.map { $0.cursor(for: sort) }
                guard let last = page.last, page.count == 37 else { break }
                cursor = last.cursor(for: sort)
            }
            #expect(seen.count == Set(seen).count, "a row came twice")
            #expect(seen.count == (try replica.count(filter)))
            let ordered = zip(keys, keys.dropFirst()).allSatisfy { a, b in
                sort == .receivedNewestFirst
                    ? (a.key, a.seq) > (b.key, b.seq) : (a.key, a.seq) < (b.key, b.seq)
            }
            #expect(ordered)
        }
    }

    @Test(arguments: QueueSort.allCases)
    func backwardPagesFromTheEndCoverEveryRowInListOrder(sort: QueueSort) throws {
        let replica = try Self.seeded(1500)
        for filter in [QueueFilter(openOnly: false), QueueFilter(), QueueFilter(serviceID: "ummeldung")] {
            let all = try replica.queuePage(filter: filter, sort: sort, limit: 5000).map(\.seq)
            var seen: [Int64] = []
            var before: QueueCursor?
            while true {
                let page = try replica.queuePage(filter: filter, sort: sort, before: before, limit: 37)
                seen = page.map(\.seq) + seen
                guard let first = page.first, page.count == 37 else { break }
                before = first.cursor(for: sort)
            }
            #expect(seen == all, "\(filter) \(sort)")
        }
    }

    @Test func pendingLocalChangesShowInTheQueue() throws {
        let replica = try Self.seeded(300)
        let first = try #require(
            try replica.queuePage(filter: QueueFilter(state: "eingegangen"), limit: 1).first)
        try replica.record(
            operation(first.caseID, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)))
        let moved = try replica.queuePage(filter: QueueFilter(state: "in_bearbeitung"), limit: 1000)
        #expect(moved.contains { $0.caseID == first.caseID && $0.pendingOperations == 1 })
        #expect(
            !(try replica.queuePage(filter: QueueFilter(state: "eingegangen"), limit: 1000)).contains {
                $0.caseID == first.caseID
            })
    }

    @Test func mainQueueQueriesUseIndexesWithoutSorting() throws {
        let replica = try Self.seeded(200)
        let filters = [
            QueueFilter(), QueueFilter(openOnly: false), QueueFilter(serviceID: "hundesteuer"),
            QueueFilter(state: "rueckfrage"), QueueFilter(assignee: "m.huber"),
            QueueFilter(orgUnit: "kvr-parken"),
            QueueFilter(openOnly: false, conflictsOnly: true),
        ]
        for filter in filters {
            for sort in QueueSort.allCases {
                for after in [nil, QueueCursor(key: 20_000, seq: 10)] {
                    for part in [false, true].flatMap({
                        QueueSQL.parts(filter: filter, sort: sort, after: after, backward: $0)
                    }) {
                        let text = try replica.queryPlan(part, limit: 50)
                        #expect(!text.contains("TEMP B-TREE"), "\(filter) \(sort): \(text)")
                        #expect(
                            text.contains("USING INDEX") || text.contains("USING COVERING INDEX"), "\(text)")
                    }
                }
            }
        }
    }

    @Test func countsPerServiceAndState() throws {
        let replica = try Self.seeded(500)
        let counts = try replica.openCountsByServiceAndState()
        #expect(counts.reduce(0) { $0 + $1.count } == (try replica.count(QueueFilter())))
        #expect(counts.allSatisfy { !["abgeschlossen", "zurueckgezogen"].contains($0.state) })
    }
}
