import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults of a real `clerk-central` process (the built binary, its own SQLite store, a loopback
/// port): killed during a push and during a pull, its port closed, stopped so that it accepts
/// connections but never answers, its store put back from an older copy, another store in its
/// place. Nothing acknowledged is lost, nothing is applied twice, the outbox is kept, and the
/// workstation's status says offline within 10 s (the measured times are printed).
@Suite("Faults of a real central service", .serialized)
struct CentralProcessFaultTests {
    /// A workstation of anna's against the process: a fresh replica and an engine over `server`.
    struct Station {
        let replica: Replica
        let engine: SyncEngine
        let tap: TappedServer
        let directory: URL

        static func make(_ central: CentralProcess, pushBatchSize: Int = 200, pullPageSize: Int = 1000)
            async throws -> Station
        {
            let directory = try World.temporaryDirectory("station")
            let replica = try Replica.open(
                path: directory.appendingPathComponent("replica.sqlite").path,
                rules: ReplicaRules(services: []))
            let tap = TappedServer(inner: central.http)
            let engine = SyncEngine(
                replica: replica, server: tap, token: try await central.token(), deviceID: "dev-anna",
                pushBatchSize: pushBatchSize, pullPageSize: pullPageSize, logger: World.quietLogger)
            return Station(replica: replica, engine: engine, tap: tap, directory: directory)
        }

        /// Records comments with these texts, one case after the other.
        @discardableResult
        func comment(_ texts: [String], on caseIDs: [UUID]) throws -> [CaseModel.Operation] {
            try texts.enumerated().map { index, text in
                let caseID = caseIDs[index % caseIDs.count]
                let operation = CaseModel.Operation(
                    caseID: caseID, baseVersion: try replica.visibleCase(id: caseID)?.version ?? 0,
                    clerk: "anna",
                    device: "dev-anna", timestamp: Date(), kind: .addComment(text: text))
                try replica.record(operation)
                return operation
            }
        }

        func visibleCases() throws -> [UUID: Case] {
            var cases: [UUID: Case] = [:]
            for id in try replica.visibleCaseIDs() { cases[id] = try replica.visibleCase(id: id) }
            return cases
        }

        func close() {
            try? replica.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// How often each of `texts` is a comment of some case of `cases`.
    static func occurrences(of texts: [String], in cases: [UUID: Case]) -> [String: Int] {
        let wanted = Set(texts)
        var counts: [String: Int] = [:]
        for c in cases.values {
            for comment in c.comments where wanted.contains(comment.text) {
                counts[comment.text, default: 0] += 1
            }
        }
        return counts
    }

    /// Kills the process `pid` a moment after the request that is about to be sent has left.
    static func killSoon(_ pid: Int32) {
        Task.detached {
            try? await Task.sleep(for: .milliseconds(2))
            kill(pid, SIGKILL)
        }
    }

    /// Seconds since `start`, for the log.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Polls until `condition` holds (every 20 ms, at most `limit` seconds); returns the seconds it took.
    static func measure(within limit: Double = 30, _ condition: () throws -> Bool) async throws -> Double {
        let start = ContinuousClock.now
        while !(try condition()) {
            guard seconds(since: start) < limit else {
                Issue.record("condition not met within \(limit) s")
                return limit
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return seconds(since: start)
    }

    @Test("killed during a push: every operation arrives exactly once, the outbox is kept until then")
    func killedDuringPush() async throws {
        let central = try await CentralProcess(cases: 20)
        defer { central.close() }
        try await central.start()
        let station = try await Station.make(central, pushBatchSize: 25)
        defer { station.close() }
        try await station.engine.syncOnce()
        let caseIDs = try station.replica.visibleCaseIDs()
        try #require(caseIDs.count == 20)

        let texts = (0..<300).map { "Nachweis \($0) (Push-Abbruch)" }
        try station.comment(texts, on: caseIDs)
        let pid = try #require(central.pid)
        station.tap.tap { request, number in if request == .push && number == 5 { Self.killSoon(pid) } }
        await #expect(throws: SyncError.self) { try await station.engine.syncOnce() }
        station.tap.tap(nil)
        central.kill()
        #expect(try station.replica.pendingCount() == 300, "nothing leaves the outbox before the pull")
        let before = Self.occurrences(of: texts, in: try await central.cases().cases)
        #expect(before.values.allSatisfy { $0 == 1 })
        #expect(before.count >= 100, "the four batches answered before the kill are stored")

        try await central.start()
        let report = try await station.engine.syncOnce()
        let after = try await central.cases().cases
        let counts = Self.occurrences(of: texts, in: after)
        #expect(counts.count == texts.count, "every operation arrived")
        #expect(counts.values.allSatisfy { $0 == 1 }, "none twice")
        #expect(try station.replica.pendingCount() == 0)
        #expect(try station.visibleCases() == after)
        print(
            "kill -9 during push: \(before.count) of \(texts.count) stored before the kill; "
                + "the resend was answered \(report.duplicates) times as already applied")
    }

    @Test("killed during a pull: the pages written stay, the next pull goes on from there")
    func killedDuringPull() async throws {
        let central = try await CentralProcess(cases: 120)
        defer { central.close() }
        try await central.start()
        let station = try await Station.make(central, pullPageSize: 5)
        defer { station.close() }
        let pid = try #require(central.pid)
        station.tap.tap { request, number in if request == .pull && number == 8 { Self.killSoon(pid) } }
        await #expect(throws: SyncError.self) { try await station.engine.syncOnce() }
        station.tap.tap(nil)
        central.kill()

        let (cases, _, head) = try await central.cases()
        let cursor = try station.replica.syncState().cursor
        let partial = try station.visibleCases()
        #expect(cursor > 0 && cursor < head, "cursor \(cursor), head \(head)")
        #expect(partial.count >= 25 && partial.count < cases.count)
        for (id, shown) in partial { #expect(cases[id] == shown, "a page is written whole or not at all") }

        try await central.start()
        let report = try await station.engine.syncOnce()
        #expect(try station.visibleCases() == cases)
        #expect(report.pulledChanges == cases.count - partial.count, "only what was missing is pulled")
        print("kill -9 during pull: \(partial.count) of \(cases.count) cases were in before the kill")
    }

    @Test("port closed and process stopped: offline within 10 s, back online and delivered within 15 s")
    func detectionTimes() async throws {
        let central = try await CentralProcess(cases: 10)
        defer { central.close() }
        try await central.start()
        let station = try await Station.make(central, pullPageSize: 5)
        defer { station.close() }
        let statuses = StatusLog()
        // As in the workstation: a round every 15 s, the service asked every 3 s in between.
        let scheduler = SyncScheduler(
            engine: station.engine, replica: station.replica, interval: .seconds(15),
            logger: World.quietLogger,
            onStatus: statuses.append)
        await scheduler.start()
        _ = try await Self.measure { statuses.all.last?.connection == .online }
        let caseIDs = try station.replica.visibleCaseIDs()
        var lines: [String] = []

        // Killed while idle: the port is closed.
        central.kill()
        let killed = try await Self.measure { statuses.all.last?.connection == .offline }
        #expect(killed <= 10, "offline after \(killed) s")
        lines.append(String(format: "port closed (kill -9, idle): offline after %.2f s", killed))
        let offlineWork = try station.comment(["offline notiert"], on: caseIDs)
        try await central.start()
        let returned = try await Self.measure {
            statuses.all.last?.connection == .online && statuses.all.last?.pending == 0
        }
        #expect(returned <= 15, "the offline change reached the service \(returned) s after its return")
        lines.append(String(format: "service back: online, offline change delivered after %.2f s", returned))

        // Stopped while idle: connections are accepted, nothing answers.
        central.hang()
        let hungIdle = try await Self.measure { statuses.all.last?.connection == .offline }
        #expect(hungIdle <= 10, "offline after \(hungIdle) s")
        lines.append(String(format: "hang (SIGSTOP, idle): offline after %.2f s", hungIdle))
        central.proceed()
        let continued = try await Self.measure { statuses.all.last?.connection == .online }
        #expect(continued <= 15)
        lines.append(String(format: "hang over (SIGCONT): online after %.2f s", continued))

        // Stopped in the middle of a round: the round's second pull is never answered.
        try station.comment(["während des Abgleichs"], on: caseIDs)
        let pid = try #require(central.pid)
        let stoppedAt = Mutex<ContinuousClock.Instant?>(nil)
        station.tap.tap { request, number in
            guard request == .pull && number == 2 else { return }
            kill(pid, SIGSTOP)
            stoppedAt.withLock { $0 = .now }
        }
        await scheduler.syncNow()
        _ = try await Self.measure { stoppedAt.withLock { $0 } != nil }
        _ = try await Self.measure { statuses.all.last?.connection == .offline }
        let stopped = try #require(stoppedAt.withLock { $0 })
        let hungRound = Self.seconds(since: stopped)
        #expect(hungRound <= 10, "the round hung for \(hungRound) s before offline was shown")
        lines.append(String(format: "hang (SIGSTOP, during a round): offline after %.2f s", hungRound))
        station.tap.tap(nil)
        central.proceed()
        await scheduler.syncNow()
        let finished = try await Self.measure {
            statuses.all.last?.connection == .online && statuses.all.last?.pending == 0
        }
        lines.append(String(format: "after the hang: F5, online and delivered after %.2f s", finished))
        await scheduler.stop()

        let stored = try await central.cases().cases
        #expect(
            Self.occurrences(of: ["offline notiert", "während des Abgleichs"], in: stored).values.sorted()
                == [1, 1])
        #expect(offlineWork.count == 1)
        #expect(try station.visibleCases() == stored)
        for line in lines { print("detection: " + line) }
    }

    @Test("the store put back from an older copy: found by its head, pulled afresh, the outbox kept")
    func restoredFromAnOlderCopy() async throws {
        let central = try await CentralProcess(cases: 15)
        defer { central.close() }
        try await central.start()
        let station = try await Station.make(central)
        defer { station.close() }
        try await station.engine.syncOnce()
        let caseIDs = try station.replica.visibleCaseIDs()

        central.kill()
        try central.copyStore(to: "backup.sqlite")
        try await central.start()
        let lost = (0..<3).map { "nach der Sicherung \($0)" }
        try station.comment(lost, on: caseIDs)
        try await station.engine.syncOnce()
        let cursor = try station.replica.syncState().cursor
        let waiting = "vor der Wiederherstellung notiert"
        try station.comment([waiting], on: caseIDs)

        central.kill()
        try central.restoreStore(from: "backup.sqlite")
        try await central.start()
        let head = try await central.cases().head
        #expect(head < cursor)
        let statuses = StatusLog()
        let scheduler = SyncScheduler(
            engine: station.engine, replica: station.replica, logger: World.quietLogger,
            onStatus: statuses.append)
        _ = await scheduler.runRound()
        let status = try #require(statuses.all.last)
        #expect(status.connection == .online)
        #expect(status.restart == .cursorAhead(cursor: cursor, head: head))
        #expect(status.restart?.message.de.contains("Zentrale wurde zurückgesetzt oder gewechselt") == true)

        let stored = try await central.cases().cases
        #expect(
            Self.occurrences(of: [waiting], in: stored) == [waiting: 1],
            "the outbox reached the restored store")
        #expect(
            Self.occurrences(of: lost, in: stored).isEmpty,
            "the restore lost these; the workstation shows that")
        #expect(try station.replica.pendingCount() == 0)
        #expect(try station.visibleCases() == stored)
        let restoredHead = try await central.cases().head
        #expect(try station.replica.syncState().cursor == restoredHead)
        print(
            "restore: cursor \(cursor) was beyond the restored head \(head); pulled \(stored.count) cases afresh"
        )
    }

    @Test("another store in its place: after the new login the pull starts over; what it refuses is kept")
    func anotherStore() async throws {
        let central = try await CentralProcess(cases: 12)
        defer { central.close() }
        try await central.start()
        let station = try await Station.make(central)
        defer { station.close() }
        try await station.engine.syncOnce()
        let previous = try #require(try station.replica.syncState().centralStore)
        let old = try station.visibleCases()
        let note = try #require(try station.comment(["für die alte Zentrale"], on: Array(old.keys)).first)

        central.kill()
        try await central.replaceStore(cases: 8, seed: 7)
        try await central.start()
        // The new store does not know the token.
        let refusedToken = await #expect(throws: SyncError.self) { try await station.engine.syncOnce() }
        guard case .unauthorized? = refusedToken else {
            Issue.record("expected unauthorized, got \(String(describing: refusedToken))")
            return
        }
        await station.engine.replaceToken(try await central.token())
        let report = try await station.engine.syncOnce()
        let (stored, storeID, _) = try await central.cases()
        #expect(report.restart == .otherStore(previous: previous, current: storeID))
        #expect(report.removedCases == old.count)
        #expect(try station.visibleCases() == stored)
        #expect(try station.replica.pendingCount() == 0)
        let refused = try station.replica.rejectedOperations()
        #expect(
            refused.map(\.operation.id) == [note.id], "the change for a case the store does not know is kept")
        print("another store: \(old.count) cases removed, \(stored.count) pulled; 1 change kept as refused")
    }
}
