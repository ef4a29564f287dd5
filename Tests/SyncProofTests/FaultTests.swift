import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import Testing

/// Pushes to one server and pulls from another (a healthy push, a broken pull).
struct RoutedServer: SyncServer {
    let pushes: any SyncServer
    let pulls: any SyncServer

    func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        try await pushes.login(request)
    }
    func logout(token: String) async throws(SyncError) { try await pushes.logout(token: token) }
    func catalog(token: String) async throws(SyncError) -> CatalogResponse {
        try await pulls.catalog(token: token)
    }
    func checkReachable() async throws(SyncError) { try await pulls.checkReachable() }
    func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        try await pushes.push(request, token: token)
    }
    func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        try await pulls.pull(after: cursor, limit: limit, token: token)
    }
}

@Suite("Sync faults")
struct FaultTests {
    @Test("the answer to a push is lost after the central service applied it: the resend is recognised")
    func lostPushAnswer() async throws {
        try await withCentral { central in
            let network = ChaosServer(inner: central.http, seed: 1, chaos: false)
            let anna = try await Node.make("anna", central: central, server: network)
            defer { anna.close() }
            let create = World.create(by: "anna")
            try anna.replica.record(create)
            let edit = try anna.record(
                create.caseID, .setField(field: "farbe", old: nil, new: .text("braun")))
            let note = try anna.record(create.caseID, .addComment(text: "Hund ist geimpft"))
            network.force([.loseAnswer])

            await #expect(throws: SyncError.self) { try await anna.engine.syncOnce() }
            #expect(try anna.replica.pendingCount() == 3)
            let ids = [create.id, edit.id, note.id]
            #expect(ids.map { central.store.firstApplications[$0] } == [1, 1, 1])
            #expect(try await central.store.currentCase(id: create.caseID)?.version == 3)

            let report = try await anna.engine.syncOnce()
            #expect(report.duplicates == 3)
            #expect(report.applied == 3)
            #expect(ids.map { central.store.firstApplications[$0] } == [1, 1, 1])
            #expect(ids.map { central.store.results[$0]?.count } == [2, 2, 2])
            let stored = try #require(try await central.store.currentCase(id: create.caseID))
            #expect(stored.version == 3)
            #expect(stored.comments.count == 1)
            #expect(try anna.replica.pendingCount() == 0)
            #expect(try anna.replica.visibleCase(id: create.caseID) == stored)
        }
    }

    @Test("the client dies in the middle of a pull: the next sync resumes after the last full page")
    func interruptedPull() async throws {
        try await withCentral { central in
            let dora = try await Node.make("dora", central: central)
            defer { dora.close() }
            for offset in 0..<10 {
                try dora.replica.record(World.create(by: "dora", at: TimeInterval(offset)))
            }
            try await dora.engine.syncOnce()

            let network = ChaosServer(inner: central.http, seed: 2, chaos: false)
            let anna = try await Node.make("anna", central: central, server: network, pullPageSize: 3)
            network.failPull(atPage: 3)
            await #expect(throws: SyncError.unreachable(detail: "connection dropped during the pull (test)"))
            {
                try await anna.engine.syncOnce()
            }
            // Two full pages are in, with the cursor of their last change.
            let firstSix = try await central.store.changes(after: 0, orgUnits: [World.mitte.id], limit: 6)
            #expect(try anna.replica.visibleCaseIDs().count == 6)
            #expect(try anna.replica.syncState().cursor == firstSix.nextCursor)

            // The process is gone; a new one opens the same replica file and syncs.
            let path = anna.replica.path
            try anna.replica.close()
            let reopened = try Replica.open(path: path, services: [World.dogTax])
            let engine = SyncEngine(
                replica: reopened, server: central.http, token: try await central.token("anna"),
                deviceID: "dev-anna", pullPageSize: 3)
            let report = try await engine.syncOnce()
            #expect(report.pulledChanges == 4)
            let cases = try await central.cases()
            #expect(Set(try reopened.visibleCaseIDs()) == Set(cases.keys))
            for (id, expected) in cases { #expect(try reopened.visibleCase(id: id) == expected) }
            try reopened.close()
            try? FileManager.default.removeItem(at: anna.directory)
        }
    }

    /// Answers of a broken server: junk, JSON cut off, a connection closed mid-answer, a 5xx
    /// page, JSON of the wrong shape, and pages of the right store that break its promises
    /// (`STORE` stands for the identity of the store the replica synced with).
    static let brokenAnswers: [(String, String)] = [
        ("junk", "\u{0}\u{7}garbage, not JSON at all"),
        ("truncated JSON", #"{"changes":[{"seq":1,"case":{"id":"#),
        ("connection cut off", #"{"changes":["#),
        ("wrong status", "<html>proxy error</html>"),
        ("wrong shape", #"{"results":"ok","changes":7}"#),
        (
            "seq going backwards",
            #"{"changes":[],"next_cursor":-5,"has_more":true,"store_id":"STORE","head":9}"#
        ),
        (
            "cursor beyond the head",
            #"{"changes":[],"next_cursor":9,"has_more":false,"store_id":"STORE","head":5}"#
        ),
    ]

    @Test(
        "a garbage answer shows an error in plain words and leaves the replica untouched",
        arguments: 0..<brokenAnswers.count)
    func garbageAnswer(index: Int) async throws {
        let (name, body) = Self.brokenAnswers[index]
        let store = Mutex("")
        let garbage = try await GarbageServer.start { _ in
            let text = body.replacingOccurrences(of: "STORE", with: store.withLock { $0 })
            return switch name {
            case "connection cut off": GarbageServer.response(body: text, length: 5000)
            case "wrong status": GarbageServer.response(status: "502 Bad Gateway", body: text)
            default: GarbageServer.response(body: text)
            }
        }
        try await withCentral { central in
            let anna = try await Node.make("anna", central: central)
            defer { anna.close() }
            let create = World.create(by: "anna", citizen: World.citizen())
            try anna.replica.record(create)
            try await anna.engine.syncOnce()
            let synced = try #require(try anna.replica.syncState().centralStore)
            store.withLock { $0 = synced.uuidString }
            try anna.record(create.caseID, .setField(field: "farbe", old: nil, new: .text("schwarz")))
            let before = try anna.snapshot()

            let token = try await central.token("anna")
            let broken = HTTPSyncServer(baseURL: garbage.url, timeoutSeconds: 5)
            for server in [broken, RoutedServer(pushes: central.http, pulls: broken)] as [any SyncServer] {
                let logPath = anna.directory.appendingPathComponent("sync-\(UUID().uuidString).log").path
                let logFile = try LogFile(path: logPath)
                let logger = FileLogHandler.logger(label: "clerk.sync", file: logFile)
                let engine = SyncEngine(
                    replica: anna.replica, server: server, token: token, deviceID: "dev-anna", logger: logger)
                let statuses = StatusLog()
                let scheduler = SyncScheduler(
                    engine: engine, replica: anna.replica, logger: logger, onStatus: statuses.append)
                _ = await scheduler.runRound()
                let status = try #require(statuses.all.last)
                #expect(status.connection == .offline, "\(name)")
                let error = try #require(status.error, "\(name): no error shown")
                #expect(error.message.de.contains("Zentrale"), "\(name): \(error.message.de)")
                #expect(try anna.snapshot() == before, "\(name): the replica changed")
                logFile.close()
                let log = try String(contentsOfFile: logPath, encoding: .utf8)
                #expect(log.contains("sync failed"), "\(name): nothing logged")
                #expect(log.contains(error.detail.prefix(12)), "\(name): detail missing from the log")
            }
        }
        try await garbage.stop()
    }

    @Test("an expired token asks for the password again and leaves the outbox alone")
    func expiredToken() async throws {
        try await withCentral { central in
            let anna = try await Node.make("anna", central: central)
            defer { anna.close() }
            try anna.replica.record(World.create(by: "anna"))
            let statuses = StatusLog()
            let scheduler = SyncScheduler(
                engine: anna.engine, replica: anna.replica, onStatus: statuses.append)
            central.clock.advance(seconds: 13 * 3600)
            let before = try anna.snapshot()
            _ = await scheduler.runRound()
            #expect(statuses.all.last?.connection == .loginRequired)
            #expect(statuses.all.last?.pending == 1)
            #expect(try anna.snapshot() == before)
            #expect(central.store.results.isEmpty)

            await scheduler.resume(withToken: try await central.token("anna"))
            _ = await scheduler.runRound()
            #expect(statuses.all.last?.connection == .online)
            #expect(statuses.all.last?.pending == 0)
        }
    }

    @Test("a refused operation is kept with its reason and does not block the ones behind it")
    func rejectedDoesNotBlock() async throws {
        try await withCentral { central in
            let anna = try await Node.make("anna", central: central)
            let bernd = try await Node.make("bernd", central: central, pushBatchSize: 10)
            defer {
                anna.close()
                bernd.close()
            }
            let create = World.create(by: "anna")
            try anna.replica.record(create)
            try await anna.engine.syncOnce()
            try await bernd.engine.syncOnce()
            // Bernd (phone) may not start work on a case; his edit behind it must still land.
            let move = try bernd.record(
                create.caseID, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
            let edit = try bernd.record(
                create.caseID, .setField(field: "farbe", old: nil, new: .text("weiß")))
            #expect(try bernd.replica.visibleCase(id: create.caseID)?.state == "in_bearbeitung")
            let report = try await bernd.engine.syncOnce()
            #expect(report.rejected == 1)
            #expect(report.applied == 1)
            let rejected = try bernd.replica.rejectedOperations()
            #expect(rejected.map(\.operation.id) == [move.id])
            #expect(rejected.first?.rejection.code == "role_not_allowed")
            #expect(rejected.first?.rejection.message.de.isEmpty == false)
            let stored = try #require(try await central.store.currentCase(id: create.caseID))
            #expect(stored.fields["farbe"] == .text("weiß"))
            #expect(stored.state == "eingegangen")
            #expect(try bernd.replica.visibleCase(id: create.caseID) == stored)
            #expect(edit.id != move.id)
        }
    }
}

/// Collects the statuses a scheduler publishes.
final class StatusLog: Sendable {
    private let statuses = Mutex<[SyncStatus]>([])
    var all: [SyncStatus] { statuses.withLock { $0 } }
    @Sendable func append(_ status: SyncStatus) { statuses.withLock { $0.append(status) } }
}
