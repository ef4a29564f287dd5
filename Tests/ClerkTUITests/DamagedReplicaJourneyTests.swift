import CaseModel
import Foundation
import SyncClient
import SyncProtocol
import Synchronization
import TerminalKit
import Testing

@testable import ClerkTUI
@testable import OfflineStore

/// The workstation on a replica with a damaged page, against the real central service.
@Suite("Journeys: a damaged replica", .serialized)
struct DamagedReplicaJourneyTests {
    /// The central service behind a switch: while off, it cannot be reached.
    final class Switchable: SyncServer {
        let server: HTTPSyncServer
        private let on = Mutex(false)
        init(_ server: HTTPSyncServer) { self.server = server }
        func turnOn() { on.withLock { $0 = true } }

        private func reachable() throws(SyncError) {
            guard on.withLock({ $0 }) else { throw .unreachable(detail: "switched off in the test") }
        }
        func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
            try reachable()
            return try await server.login(request)
        }
        func logout(token: String) async throws(SyncError) {
            try reachable()
            try await server.logout(token: token)
        }
        func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
            try reachable()
            return try await server.push(request, token: token)
        }
        func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
            try reachable()
            return try await server.pull(after: cursor, limit: limit, token: token)
        }
        func catalog(token: String) async throws(SyncError) -> CatalogResponse {
            try reachable()
            return try await server.catalog(token: token)
        }
        func checkReachable() async throws(SyncError) {
            try reachable()
            try await server.checkReachable()
        }
    }

    static func newCase(_ n: Int) -> NewCase {
        NewCase(
            number: "HUN-2026-\(String(format: "%07d", n))", serviceID: "hundesteuer", formVersion: 3,
            orgUnit: SyncJourneyTests.unit.id, channel: .counter, initialState: "eingegangen", citizen: nil,
            fields: [
                "hundename": .text("Hund Nummer \(n) mit einem recht langen Rufnamen"),
                "geburtsdatum": .date(LocalDate(year: 2021, month: 3, day: 1) ?? LocalDate(dayNumber: 0)),
                "kampfhund": .bool(false),
            ], receivedAt: Date(), enteredBy: "anna")
    }

    @Test func aDamagedReplicaIsSaidRefusesChangesIsRescuedAndRebuiltFromTheCentralService() async throws {
        try await SyncJourneyTests.withCentral { url in
            // anna takes 40 cases in and sends them.
            let anna = try await SyncJourneyTests.Device.make("anna", url: url)
            defer { anna.close() }
            var ids: [UUID] = []
            for n in 1...40 {
                let id = UUID()
                ids.append(id)
                try anna.replica.record(
                    CaseModel.Operation(
                        caseID: id, baseVersion: 0, clerk: "anna", device: "dev-anna", timestamp: Date(),
                        kind: .createCase(Self.newCase(n))))
            }
            try await anna.engine.syncOnce()

            // dora's workstation pulls them; she writes a note while offline and leaves a draft.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "clerk-damaged-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("replica.sqlite").path
            let token = try await HTTPSyncServer(baseURL: url).login(
                LoginRequest(username: "dora", password: SyncJourneyTests.password, deviceID: "dev-dora")
            ).token
            let first = try #require(ids.first)
            do {
                let replica = try Replica.open(path: path, services: [Fixtures.dogTax])
                try await SyncEngine(
                    replica: replica, server: HTTPSyncServer(baseURL: url), token: token,
                    deviceID: "dev-dora",
                    logger: SyncJourneyTests.quiet
                ).syncOnce()
                #expect(try replica.count(QueueFilter(openOnly: false)) == 40)
                let version = try #require(try replica.visibleCase(id: first)).version
                try replica.record(
                    CaseModel.Operation(
                        caseID: first, baseVersion: version, clerk: "dora", device: "dev-dora",
                        timestamp: Date(),
                        kind: .addComment(text: "Hund ist nach Pasing umgezogen")))
                let draft = FormDraft(
                    key: "new-0001", serviceID: "hundesteuer", formVersion: 3, caseID: UUID(),
                    channel: .counter,
                    citizen: nil, caseNumber: nil, baseVersion: nil, original: nil,
                    texts: ["hundename": "Wastl"],
                    rowCounts: [:], focus: "hundename", caret: 5, savedAt: Date())
                try replica.saveDraft(
                    key: draft.key, json: String(decoding: try JSONEncoder().encode(draft), as: UTF8.self))
                try replica.checkpoint()
                try replica.close()
            }
            // A page of the case table is damaged: 64 bytes of its last leaf flipped (the first
            // case, pulled first, sits on the first leaf).
            #expect(try PageDamage.flip64(path: path, table: "case_central") >= 2)

            let replica = try Replica.open(path: path, services: [Fixtures.dogTax])
            defer { try? replica.close() }
            let central = Switchable(HTTPSyncServer(baseURL: url))
            let engine = SyncEngine(
                replica: replica, server: central, token: token, deviceID: "dev-dora",
                logger: SyncJourneyTests.quiet)
            let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
            let clerk = ClerkIdentity(
                id: "dora", displayName: "Dora", orgUnit: SyncJourneyTests.unit.id, role: .counter,
                device: "dev-dora")
            let workstation = try makeWorkstation(
                options: WorkstationOptions(
                    replicaPath: path, services: [Fixtures.dogTax], language: .de, clerk: clerk,
                    sync: WorkstationSync(engine: engine, interval: .seconds(3600))),
                replica: replica, backend: backend, runnerMode: .inline)
            let screen = { backend.screenText().joined(separator: "\n") }
            try workstation.start()
            workstation.runner.waitForReplicaCheck()
            try workstation.settle()

            // Found by the check after start, said in words, the outbox and the draft saved.
            #expect(replica.damage != nil)
            #expect(workstation.state.modal == .rebuildReplica, "\(screen())")
            #expect(screen().contains("Das Replikat auf diesem Rechner ist beschädigt"), "\(screen())")
            guard case .saved(let summary)? = workstation.state.storage.damage?.rescue else {
                Issue.record("no rescue: \(String(describing: workstation.state.storage.damage))")
                return
            }
            let rescue = try ReplicaRescue.read(path: summary.path)
            #expect(rescue.operations.map(\.kind) == [.addComment(text: "Hund ist nach Pasing umgezogen")])
            #expect(rescue.drafts.map(\.key) == ["new-0001"])
            #expect(
                (try FileManager.default.attributesOfItem(atPath: summary.path)[.posixPermissions] as? Int)
                    == 0o600)

            // Not now. A note on the first case is refused; its text stays on screen.
            backend.type("n")
            try workstation.settle()
            guard case .queues(let overview) = workstation.state.screen,
                let all = overview.queues.firstIndex(where: { $0.id == "open" })
            else {
                Issue.record("no overview:\n\(screen())")
                return
            }
            for _ in 0..<all { backend.press("Down") }
            backend.press("Enter")
            try workstation.settle()
            guard case .caseList(let list) = workstation.state.screen,
                let row = list.rows.firstIndex(where: { $0.id == first })
            else {
                Issue.record("the first case is not in the list:\n\(screen())")
                return
            }
            for _ in 0..<row { backend.press("Down") }
            backend.press("Enter")
            try workstation.settle()
            guard case .caseDetail(let opened) = workstation.state.screen, opened.detail != nil else {
                Issue.record("the case did not open:\n\(screen())")
                return
            }
            backend.press("F11")
            backend.type("Zweitschrift angefordert")
            backend.press("Enter")
            try workstation.settle()
            #expect(workstation.state.modal == .comment(TextInput("Zweitschrift angefordert")), "\(screen())")
            #expect(screen().contains("Zweitschrift angefordert"))
            #expect(screen().contains("beschädigt"), "\(screen())")
            #expect(
                try replica.pendingOperations().map(\.kind) == [
                    .addComment(text: "Hund ist nach Pasing umgezogen")
                ])

            // Rebuild: F5 offers it again, J does it.
            backend.press("Esc")
            backend.press("F5")
            try workstation.settle()
            #expect(workstation.state.modal == .rebuildReplica, "\(screen())")
            let damagedBytes = try Data(contentsOf: URL(fileURLWithPath: path))
            central.turnOn()
            backend.type("j")
            try workstation.settle()
            #expect(replica.damage == nil)
            #expect(screen().contains("Replikat neu angelegt"), "\(screen())")
            let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter {
                    $0.hasPrefix("replica.sqlite.damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
                }
            #expect(aside.count == 1)
            if let name = aside.first {
                #expect(try Data(contentsOf: directory.appendingPathComponent(name)) == damagedBytes)
            }

            // The sync pulls every case afresh and sends the rescued note (once).
            try await SyncJourneyTests.waitFor(workstation) { state in
                state.sync.connection == .online && state.sync.pending == 0 && state.sync.lastSync != nil
            }
            await workstation.stopSync()
            #expect(try replica.count(QueueFilter(openOnly: false)) == 40)
            #expect(try replica.integrityCheck() == ["ok"])
            #expect(try replica.draftKeys().contains("new-0001"))
            let doraCase = try #require(try replica.visibleCase(id: first))
            #expect(doraCase.comments.map(\.text) == ["Hund ist nach Pasing umgezogen"])
            try await anna.engine.syncOnce()
            #expect(
                try anna.replica.visibleCase(id: first)?.comments.map(\.text) == [
                    "Hund ist nach Pasing umgezogen"
                ])
            #expect(try replica.auditEntries().map(\.action).contains("replica_rebuilt"))
        }
    }
}

/// Damaging a replica file on purpose.
enum PageDamage {
    /// Flips (inverts) 64 bytes at the start of the last leaf page of `table` (its page header
    /// and cell pointers, which SQLite then refuses to read), found through `dbstat`; returns how
    /// many leaf pages the table has.
    @discardableResult
    static func flip64(path: String, table: String) throws -> Int {
        let replica = try Replica.open(path: path)
        let pageSize = try replica.sqlInteger("PRAGMA page_size")
        let leaves = try replica.sqlStrings(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path", [table]
        ).compactMap { Int($0) }
        try replica.checkpoint()
        try replica.close()
        let page = try #require(leaves.last)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let offset = UInt64((page - 1) * pageSize)
        try handle.seek(toOffset: offset)
        let bytes = try handle.read(upToCount: 64) ?? Data()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(bytes.map { ~$0 }))
        return leaves.count
    }
}
