import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import TerminalKit
import Testing

@testable import ClerkTUI

/// The workstation against the real central service, in-process over HTTP on a free port.
@Suite("Sync journeys", .serialized)
struct SyncJourneyTests {
    static let password = "Geheim-123"
    static let unit = Fixtures.dogTax.orgUnit

    static var quiet: Logger {
        var logger = Logger(label: "clerk.sync.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with the URL of a fresh central service that knows anna and dora.
    static func withCentral(
        clock: MovableClock = MovableClock(), _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-central-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteCentralStore(path: directory.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        try await store.createOrgUnit(unit)
        let hash = Credentials.hashPassword(password, cost: 4)
        for clerk in ["anna", "dora"] {
            try await store.createClerk(
                ClerkRecord(
                    id: clerk, name: clerk.capitalized, passwordHash: hash, roles: [.counter],
                    orgUnits: [unit.id]))
        }
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.host = "127.0.0.1"
        configuration.logLevel = "error"
        var logger = Logger(label: "central-test")
        logger.logLevel = .error
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: ServiceDefinitions([Fixtures.dogTax]), now: { clock.now },
                logger: logger))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)")
        }
    }

    /// One clerk's device: a replica file and an engine logged in over HTTP.
    struct Device {
        let clerk: String
        let replica: Replica
        let engine: SyncEngine
        let directory: URL

        static func make(_ clerk: String, url: String) async throws -> Device {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "clerk-replica-\(clerk)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let replica = try Replica.open(
                path: directory.appendingPathComponent("replica.sqlite").path, services: [Fixtures.dogTax])
            let login = try await HTTPSyncServer(baseURL: url).login(
                LoginRequest(username: clerk, password: password, deviceID: "dev-\(clerk)"))
            let engine = SyncEngine(
                replica: replica, server: HTTPSyncServer(baseURL: url), token: login.token,
                deviceID: "dev-\(clerk)", logger: quiet)
            return Device(clerk: clerk, replica: replica, engine: engine, directory: directory)
        }

        /// Records a change to the case as this clerk sees it now.
        func record(_ caseID: UUID, _ kind: OperationKind) throws {
            let base = try replica.visibleCase(id: caseID)?.version ?? 0
            try replica.record(
                CaseModel.Operation(
                    caseID: caseID, baseVersion: base, clerk: clerk, device: "dev-\(clerk)",
                    timestamp: Date(),
                    kind: kind))
        }

        func close() {
            try? replica.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func bothClerksEditOneFieldOfflineAndTheSecondResolvesTheConflictInTheWorkstation() async throws {
        try await Self.withCentral { url in
            let anna = try await Device.make("anna", url: url)
            let dora = try await Device.make("dora", url: url)
            defer {
                anna.close()
                dora.close()
            }
            // anna takes a case in; both devices get it.
            let caseID = UUID()
            try anna.replica.record(
                CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "anna", device: "dev-anna", timestamp: Date(),
                    kind: .createCase(
                        NewCase(
                            number: "HUN-2026-0000042", serviceID: "hundesteuer", formVersion: 3,
                            orgUnit: Self.unit.id, channel: .counter, initialState: "eingegangen",
                            citizen: nil,
                            fields: [
                                "hundename": .text("Bello"),
                                "geburtsdatum": .date(
                                    LocalDate(year: 2020, month: 5, day: 1) ?? LocalDate(dayNumber: 0)),
                                "kampfhund": .bool(false),
                            ], receivedAt: Date(), enteredBy: "anna"))))
            try await anna.engine.syncOnce()
            try await dora.engine.syncOnce()
            #expect(try dora.replica.visibleCase(id: caseID)?.fields["hundename"] == .text("Bello"))

            // Both change the dog's name offline; anna syncs first, dora's change meets hers.
            try anna.record(caseID, .setField(field: "hundename", old: .text("Bello"), new: .text("Bella")))
            try dora.record(caseID, .setField(field: "hundename", old: .text("Bello"), new: .text("Belle")))
            try await anna.engine.syncOnce()
            let report = try await dora.engine.syncOnce()
            #expect(report.conflicts == 1)
            let conflicted = try #require(try dora.replica.visibleCase(id: caseID))
            #expect(conflicted.conflicts.map(\.field) == ["hundename"])

            // dora opens her workstation, which syncs in the background.
            let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
            let clerk = ClerkIdentity(
                id: "dora", displayName: "Dora", orgUnit: Self.unit.id, role: .counter, device: "dev-dora")
            let options = WorkstationOptions(
                replicaPath: dora.directory.appendingPathComponent("replica.sqlite").path,
                services: [Fixtures.dogTax], language: .de, clerk: clerk,
                sync: WorkstationSync(engine: dora.engine, interval: .seconds(3600)))
            let workstation = try makeWorkstation(
                options: options, replica: dora.replica, backend: backend, runnerMode: .inline)
            try workstation.start()
            try await Self.waitFor(workstation) { $0.sync.connection == .online && $0.sync.lastSync != nil }
            #expect(workstation.state.sync.conflicts == 1)
            let screen = { backend.screenText().joined(separator: "\n") }
            #expect(screen().contains("● online"), "\(screen())")
            #expect(screen().contains("Konflikte 1"), "\(screen())")

            // The conflict queue, the case, the resolution screen: keep anna's value.
            guard case .queues(let overview) = workstation.state.screen,
                let index = overview.queues.firstIndex(where: { $0.filter.conflictsOnly })
            else {
                Issue.record("no conflict queue:\n\(screen())")
                return
            }
            for _ in 0..<index { backend.press("Down") }
            backend.press("Enter")
            try workstation.settle()
            backend.press("Enter")
            try workstation.settle()
            guard case .conflict = workstation.state.screen else {
                Issue.record("no conflict screen:\n\(screen())")
                return
            }
            #expect(screen().contains("Bello"))
            #expect(screen().contains("Belle"))
            #expect(screen().contains("Bella"))
            backend.press("F9")  // keep theirs (anna's)
            try workstation.settle()
            guard case .caseDetail = workstation.state.screen else {
                Issue.record("not back on the case:\n\(screen())")
                return
            }
            let pending = try dora.replica.pendingOperations(caseID: caseID)
            #expect(pending.map(\.kind) == [.resolveConflict(field: "hundename", value: .text("Bella"))])

            // F5 sends it; anna pulls it.
            backend.press("F5")
            try workstation.settle()
            try await Self.waitFor(workstation) { $0.sync.connection == .online && $0.sync.pending == 0 }
            await workstation.stopSync()
            try await anna.engine.syncOnce()

            let annaCase = try #require(try anna.replica.visibleCase(id: caseID))
            let doraCase = try #require(try dora.replica.visibleCase(id: caseID))
            #expect(annaCase.fields["hundename"] == .text("Bella"))
            #expect(doraCase.fields["hundename"] == .text("Bella"))
            #expect(annaCase.conflicts.isEmpty)
            #expect(doraCase.conflicts.isEmpty)
            #expect(annaCase == doraCase)
            #expect(try dora.replica.pendingCount() == 0)
            #expect(try anna.replica.pendingCount() == 0)
        }
    }

    /// anna and dora change the dog's name offline; anna's change lands first. Each sees her own
    /// value as hers and the other's under the other's name — as the central service recorded it
    /// from the tokens, not as the device that pushed second believed.
    @Test func bothClerksSeeTheirOwnValueAndTheTrueAuthorOfTheOther() async throws {
        try await Self.withCentral { url in
            let anna = try await Device.make("anna", url: url)
            let dora = try await Device.make("dora", url: url)
            defer {
                anna.close()
                dora.close()
            }
            let caseID = UUID()
            try anna.replica.record(
                CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "anna", device: "dev-anna", timestamp: Date(),
                    kind: .createCase(
                        NewCase(
                            number: "HUN-2026-0000044", serviceID: "hundesteuer", formVersion: 3,
                            orgUnit: Self.unit.id, channel: .counter, initialState: "eingegangen",
                            citizen: nil,
                            fields: [
                                "hundename": .text("Bello"),
                                "geburtsdatum": .date(
                                    LocalDate(year: 2020, month: 5, day: 1) ?? LocalDate(dayNumber: 0)),
                                "kampfhund": .bool(false),
                            ], receivedAt: Date(), enteredBy: "anna"))))
            try await anna.engine.syncOnce()
            try await dora.engine.syncOnce()

            try anna.record(caseID, .setField(field: "hundename", old: .text("Bello"), new: .text("Bella")))
            try dora.record(caseID, .setField(field: "hundename", old: .text("Bello"), new: .text("Belle")))
            try await anna.engine.syncOnce()
            #expect(try await dora.engine.syncOnce().conflicts == 1)
            try await anna.engine.syncOnce()
            for device in [anna, dora] {
                let conflicts = try #require(try device.replica.visibleCase(id: caseID)).conflicts
                #expect(conflicts.map(\.clerk) == ["dora"])
                #expect(conflicts.map(\.theirsClerk) == ["anna"])
            }

            let doraScreen = try await Self.conflictScreen(of: dora)
            #expect(doraScreen.contains("▸ Name des Hundes    Bello               Belle               Bella"))
            #expect(doraScreen.contains("    anderer Wert von anna\n"), "\(doraScreen)")
            let annaScreen = try await Self.conflictScreen(of: anna)
            #expect(annaScreen.contains("▸ Name des Hundes    Bello               Bella               Belle"))
            #expect(annaScreen.contains("    anderer Wert von dora\n"), "\(annaScreen)")
        }
    }

    /// The conflict screen of the only conflicting case, in `device`'s own workstation.
    static func conflictScreen(of device: Device) async throws -> String {
        let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
        let clerk = ClerkIdentity(
            id: device.clerk, displayName: device.clerk.capitalized, orgUnit: Self.unit.id, role: .counter,
            device: "dev-\(device.clerk)")
        let options = WorkstationOptions(
            replicaPath: device.directory.appendingPathComponent("replica.sqlite").path,
            services: [Fixtures.dogTax], language: .de, clerk: clerk)
        let workstation = try makeWorkstation(
            options: options, replica: device.replica, backend: backend, runnerMode: .inline)
        try workstation.start()
        try workstation.settle()
        let screen = { backend.screenText().joined(separator: "\n") }
        guard case .queues(let overview) = workstation.state.screen,
            let index = overview.queues.firstIndex(where: { $0.filter.conflictsOnly })
        else {
            Issue.record("no conflict queue:\n\(screen())")
            return screen()
        }
        for _ in 0..<index { backend.press("Down") }
        backend.press("Enter")
        try workstation.settle()
        backend.press("Enter")
        try workstation.settle()
        guard case .conflict = workstation.state.screen else {
            Issue.record("no conflict screen:\n\(screen())")
            return screen()
        }
        return screen()
    }

    @Test func anExpiredLoginAsksForThePasswordAndSyncGoesOnWithTheOutboxIntact() async throws {
        let clock = MovableClock()
        try await Self.withCentral(clock: clock) { url in
            let dora = try await Device.make("dora", url: url)
            defer { dora.close() }
            let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
            let clerk = ClerkIdentity(
                id: "dora", displayName: "Dora", orgUnit: Self.unit.id, role: .counter, device: "dev-dora")
            let relogin: @Sendable (String) async throws(SyncError) -> String = {
                password throws(SyncError) in
                try await HTTPSyncServer(baseURL: url).login(
                    LoginRequest(username: "dora", password: password, deviceID: "dev-dora")
                ).token
            }
            let options = WorkstationOptions(
                replicaPath: dora.directory.appendingPathComponent("replica.sqlite").path,
                services: [Fixtures.dogTax], language: .de, clerk: clerk,
                sync: WorkstationSync(engine: dora.engine, interval: .seconds(3600), relogin: relogin))
            let workstation = try makeWorkstation(
                options: options, replica: dora.replica, backend: backend, runnerMode: .inline)
            try workstation.start()
            try await Self.waitFor(workstation) { $0.sync.connection == .online }
            let screen = { backend.screenText().joined(separator: "\n") }

            // The token runs out while dora takes a case in offline.
            clock.advance(seconds: 13 * 3600)
            let caseID = UUID()
            try dora.replica.record(
                CaseModel.Operation(
                    caseID: caseID, baseVersion: 0, clerk: "dora", device: "dev-dora", timestamp: clock.now,
                    kind: .createCase(
                        NewCase(
                            number: "HUN-2026-0000043", serviceID: "hundesteuer", formVersion: 3,
                            orgUnit: Self.unit.id, channel: .counter, initialState: "eingegangen",
                            citizen: nil,
                            fields: [
                                "hundename": .text("Rex"),
                                "geburtsdatum": .date(
                                    LocalDate(year: 2021, month: 3, day: 1) ?? LocalDate(dayNumber: 0)),
                                "kampfhund": .bool(false),
                            ], receivedAt: clock.now, enteredBy: "dora"))))
            backend.press("F5")
            try await Self.waitFor(workstation) { $0.sync.connection == .loginRequired }
            #expect(screen().contains("Anmeldung nötig"), "\(screen())")
            guard case .relogin = workstation.state.modal else {
                Issue.record("no password dialog:\n\(screen())")
                return
            }
            #expect(try dora.replica.pendingCount() == 1)

            // A wrong password: a message, still in the dialog, nothing echoed.
            backend.type("Xyzzy-9")
            backend.press("Enter")
            try await Self.waitFor(workstation) { state in
                if case .relogin(_, let problem, _) = state.modal { return problem != nil }
                return false
            }
            #expect(!screen().contains("Xyzzy"))
            #expect(try dora.replica.pendingCount() == 1)

            // The right one: the sync goes on and the outbox is sent.
            backend.type(Self.password)
            try workstation.settle()
            #expect(!screen().contains(Self.password))
            backend.press("Enter")
            try await Self.waitFor(workstation) { $0.sync.connection == .online && $0.sync.pending == 0 }
            #expect(workstation.state.modal == nil)
            await workstation.stopSync()
            #expect(try dora.replica.pendingCount() == 0)
            #expect(try dora.replica.visibleCase(id: caseID)?.version ?? 0 > 0)
        }
    }

    /// Turns the loop until `condition` holds for the state (or about 20 seconds pass).
    static func waitFor(_ workstation: Workstation, _ condition: (AppState) -> Bool) async throws {
        for _ in 0..<200 {
            try workstation.settle()
            if condition(workstation.state) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting; sync status \(workstation.state.sync)")
    }
}

/// A clock the central service reads and the test moves forward (token expiry).
final class MovableClock: Sendable {
    private let current = Mutex(Date())
    var now: Date { current.withLock { $0 } }
    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
