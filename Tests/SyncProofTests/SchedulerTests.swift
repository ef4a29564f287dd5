import CaseModel
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

@Suite("Background sync")
struct SchedulerTests {
    @Test("the loop syncs in the background, F5 syncs at once, an unreachable service backs off")
    func loopAndSyncNow() async throws {
        try await withCentral { central in
            let network = ChaosServer(inner: central.http, seed: 3, chaos: false)
            let anna = try await Node.make("anna", central: central, server: network)
            defer { anna.close() }
            let statuses = StatusLog()
            let scheduler = SyncScheduler(
                engine: anna.engine, replica: anna.replica, interval: .seconds(3600),
                logger: World.quietLogger,
                onStatus: statuses.append)
            await scheduler.start()
            try await waitFor { statuses.all.last?.connection == .online }

            // Nothing happens by itself within the hour; F5 pushes at once.
            let create = World.create(by: "anna")
            try anna.replica.record(create)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try anna.replica.pendingCount() == 1)
            await scheduler.syncNow()
            try await waitFor {
                try anna.replica.pendingCount() == 0 && statuses.all.last?.connection == .online
            }
            #expect(central.store.firstApplications[create.id] == 1)

            // Offline: the round fails, the clerk reads why, the edit stays pending.
            network.setOnline(false)
            try anna.record(create.caseID, .addComment(text: "offline notiert"))
            await scheduler.syncNow()
            try await waitFor { statuses.all.last?.connection == .offline }
            let shown = try #require(statuses.all.last?.error)
            #expect(shown.message.de.contains("offline"))
            #expect(statuses.all.last?.pending == 1)

            // Back online: F5 again and it is through.
            network.setOnline(true)
            await scheduler.syncNow()
            try await waitFor { statuses.all.last?.connection == .online && statuses.all.last?.pending == 0 }
            await scheduler.stop()
        }
    }

    @Test(
        "while the service is away, attempts are never more than 12 s apart; the first after its return goes through"
    )
    func offlineRetriesStayClose() async throws {
        try await withCentral { central in
            let network = ChaosServer(inner: central.http, seed: 5, chaos: false)
            let anna = try await Node.make("anna", central: central, server: network)
            defer { anna.close() }
            let scheduler = SyncScheduler(
                engine: anna.engine, replica: anna.replica, interval: .seconds(3600),
                logger: World.quietLogger, onStatus: { _ in })
            network.setOnline(false)
            try anna.replica.record(World.create(by: "anna"))
            var waits: [Duration] = []
            for _ in 0..<25 { waits.append(await scheduler.runRound()) }
            #expect(waits.allSatisfy { $0 <= .seconds(SyncScheduler.retryCap) }, "\(waits)")
            #expect(try anna.replica.pendingCount() == 1)
            network.setOnline(true)
            #expect(await scheduler.runRound() == .seconds(3600))
            #expect(try anna.replica.pendingCount() == 0)
        }
    }

    /// Polls `condition` every 20 ms for up to 10 seconds.
    func waitFor(_ condition: () throws -> Bool) async throws {
        for _ in 0..<500 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("condition not met within 10 s")
    }
}
