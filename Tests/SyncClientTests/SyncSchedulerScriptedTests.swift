import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

/// The background sync against a scripted central service: what the status bar is told, and when.
@Suite("Background sync, scripted")
struct SyncSchedulerScriptedTests {
    /// A scheduler whose rounds are an hour apart, so that only probes and F5 make things happen.
    static func scheduler(_ node: ScriptedNode, statuses: Statuses, probe: Duration? = .milliseconds(20))
        -> SyncScheduler
    {
        SyncScheduler(
            engine: node.engine, replica: node.replica, interval: .seconds(3600), probeInterval: probe,
            logger: ScriptedWorld.quietLogger, onStatus: statuses.append)
    }

    @Test("a service gone between rounds shows as offline at the next probe, not at the next round")
    func goneBetweenRounds() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        await scheduler.start()
        #expect(try await eventually { statuses.last?.connection == .online })

        server.script(.reachable, .unreachable)
        server.script(.pull, .unreachable)
        #expect(try await eventually { statuses.last?.connection == .offline })
        let shown = try #require(statuses.last?.error)
        #expect(shown.message.de.contains("offline"))
        #expect(shown.message.en.contains("offline"))
        // Offline, it tries whole rounds again (back-off) and is online once the service answers.
        #expect(try await eventually(within: 15) { statuses.last?.connection == .online })
        #expect(server.pulls.count >= 2)
        await scheduler.stop()
    }

    @Test("no probes when they are switched off: nothing is asked between rounds")
    func probesCanBeSwitchedOff() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses, probe: nil)
        await scheduler.start()
        #expect(try await eventually(within: 60) { statuses.last?.connection == .online })
        // Rounds at F5 with quiet time between them, in which a prober (every 20 ms in these
        // tests) would have asked many times.
        for round in 2...4 {
            try await Task.sleep(for: .milliseconds(200))
            await scheduler.syncNow()
            #expect(try await eventually(within: 60) { server.pulls.count >= round })
        }
        #expect(server.reachableCalls == 0)
        await scheduler.stop()
    }

    @Test("F5 during a round that hangs cancels it and starts a new one at once")
    func syncNowDuringAHangingRound() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let create = ScriptedWorld.create(name: "Luna")
        try node.replica.record(create)
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        server.script(.push, .hang)
        await scheduler.start()
        #expect(try await eventually { statuses.last?.connection == .syncing })

        await scheduler.syncNow()
        #expect(try await eventually { statuses.last?.connection == .online && statuses.last?.pending == 0 })
        #expect(server.cancelled == 1, "the hanging request was given up")
        #expect(server.firstApplications[create.id] == 1)
        #expect(!statuses.all.contains { $0.connection == .offline }, "a cancelled round is not a failure")
        await scheduler.stop()
    }

    @Test("F5 while offline tries again at once, without waiting for the back-off")
    func syncNowWhileOffline() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        // After a failure the next attempt would follow within the hour, at a random time.
        let scheduler = SyncScheduler(
            engine: node.engine, replica: node.replica, interval: .seconds(3600), probeInterval: nil,
            backoff: Backoff(base: 3600, cap: 3600), logger: ScriptedWorld.quietLogger,
            onStatus: statuses.append)
        server.script(.pull, .unreachable)
        await scheduler.start()
        #expect(try await eventually { statuses.last?.connection == .offline })
        await scheduler.syncNow()
        #expect(try await eventually { statuses.last?.connection == .online })
        #expect(server.pulls.count == 2)
        await scheduler.stop()
    }

    @Test("an expired token asks for the password and nothing else is tried")
    func unauthorized() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        try node.replica.record(ScriptedWorld.create(name: "Luna"))
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        server.script(.pull, .unauthorized)
        #expect(await scheduler.runRound() == .seconds(3600))
        #expect(statuses.last?.connection == .loginRequired)
        #expect(statuses.last?.pending == 1)
        #expect(server.pushed.isEmpty)
        await scheduler.resume(withToken: "new-token")
        #expect(await scheduler.runRound() == .seconds(3600))
        #expect(statuses.last?.connection == .online)
        #expect(statuses.last?.pending == 0)
    }

    @Test("a garbage answer is shown in plain words and the next attempt follows within the cap")
    func garbage() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        server.script(.pull, .garbage)
        let wait = await scheduler.runRound()
        #expect(wait <= .seconds(SyncScheduler.retryCap))
        #expect(statuses.last?.connection == .offline)
        #expect(statuses.last?.error?.message.de.contains("unverständlich") == true)
        #expect(try node.replica.syncState().lastError?.contains("unverständlich") == true)
    }

    @Test("too large even for one case: the reason is shown, and the pull does not silently stall")
    func tooLargeIsShown() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Riesig")])
        server.tooLarge(above: 0)
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        _ = await scheduler.runRound()
        let error = try #require(statuses.last?.error)
        guard case .tooLarge = error else {
            Issue.record("expected tooLarge, got \(error)")
            return
        }
        #expect(statuses.last?.connection == .offline)
        #expect(error.message.de.contains("MB"))
        server.tooLarge(above: nil)
        _ = await scheduler.runRound()
        #expect(statuses.last?.connection == .online)
        #expect(statuses.last?.error == nil)
        #expect(try node.visibleCases() == server.cases)
    }

    @Test("a restart of the pull is published with the status, also when the round fails after it")
    func restartIsPublished() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Bello")])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let statuses = Statuses()
        let scheduler = Self.scheduler(node, statuses: statuses)
        _ = await scheduler.runRound()
        let previous = server.storeID
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Rex")])
        server.script(.pull, .normal, .unreachable)  // the store is checked, the first page after it fails
        _ = await scheduler.runRound()
        let restart = PullRestart.otherStore(previous: previous, current: server.storeID)
        #expect(statuses.last?.connection == .offline)
        #expect(statuses.last?.restart == restart)
        _ = await scheduler.runRound()
        #expect(statuses.last?.connection == .online)
        #expect(statuses.last?.restart == restart, "the last restart stays in the status")
        #expect(try node.visibleCases() == server.cases)
    }
}
