import CaseModel
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

@Suite("Pulling in short transactions")
struct PullTests {
    @Test("a page is written in transactions sized by time, not by rows, each with its cursor")
    func transactionsFollowTheTimeBudget() async throws {
        try await withCentral { central in
            let dora = try await Node.make("dora", central: central)
            defer { dora.close() }
            for offset in 0..<120 {
                try dora.replica.record(World.create(by: "dora", at: TimeInterval(offset)))
            }
            try await dora.engine.syncOnce()
            let token = try await central.token("anna")

            var reports: [SyncReport] = []
            for budget in [Duration.nanoseconds(1), .seconds(10)] {
                let directory = try World.temporaryDirectory("budget")
                defer { try? FileManager.default.removeItem(at: directory) }
                let replica = try Replica.open(
                    path: directory.appendingPathComponent("r.sqlite").path, services: [World.dogTax])
                let engine = SyncEngine(
                    replica: replica, server: central.http, token: token, deviceID: "dev-anna",
                    pullPageSize: 1000,
                    transactionBudget: budget, logger: World.quietLogger)
                reports.append(try await engine.syncOnce())
                #expect(try replica.visibleCaseIDs().count == 120)
                let last = try await central.store.changes(after: 0, orgUnits: [World.mitte.id], limit: 1000)
                #expect(try replica.syncState().cursor == last.nextCursor)
                try replica.close()
            }
            // One page each time; a tiny budget gives one row per transaction, a huge one few.
            #expect(reports.map(\.pulledPages) == [1, 1])
            #expect(reports[0].transactions >= 100)
            #expect(reports[1].transactions < 10)
        }
    }
}
