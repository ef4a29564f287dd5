import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import TerminalKit
import Testing

@testable import ClerkTUI

/// A lost field laptop gives nothing away: the replica's key is escrowed at the central service,
/// the saved token is sealed with it, a revoked device wipes its key, and a workstation too long
/// without contact shows no cases — against the real central service over loopback HTTP.
@Suite("Replica trust: escrow, sealed login, revocation, offline limit", .serialized)
struct ReplicaTrustTests {
    static let password = "Geheim-123"
    static let newPassword = "Neues-Passwort-2026"
    /// scrypt made cheap for tests; the files record it, so everything else is as in use.
    static let cheap = ScryptCost(n: 1024, r: 8, p: 1)

    static var quiet: Logger {
        var logger = Logger(label: "clerk.trust.test")
        logger.logLevel = .critical
        return logger
    }

    /// A device's files: the replica, its key file and the saved login.
    struct Laptop {
        let directory: URL
        var replicaPath: String { directory.appendingPathComponent("replicas/anna.sqlite").path }
        var keyPath: String { ReplicaKeyFile.path(forReplica: replicaPath) }
        var credentials: CredentialStore {
            CredentialStore(url: directory.appendingPathComponent("login.json"))
        }

        func login(_ url: String, password: String = ReplicaTrustTests.password) async throws(SyncError)
            -> LoginFlow.Outcome
        {
            try await LoginFlow.login(
                server: url, user: "anna", password: password, device: "laptop-17", store: credentials,
                replicaPath: replicaPath, cost: ReplicaTrustTests.cheap)
        }
    }

    /// Runs `body` with a fresh central service (clerk anna in the dog tax unit) and a laptop.
    static func withCentral(
        _ body: @escaping @Sendable (String, any CentralStore, Laptop) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-trust-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteCentralStore(path: directory.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        try await store.createOrgUnit(Fixtures.dogTax.orgUnit)
        try await store.createClerk(
            ClerkRecord(
                id: "anna", name: "Anna", passwordHash: Credentials.hashPassword(password, cost: 4),
                roles: [.counter], orgUnits: [Fixtures.dogTax.orgUnit.id]))
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.host = "127.0.0.1"
        var logger = Logger(label: "central-test")
        logger.logLevel = .error
        let app = try buildApplication(
            configuration: configuration,
            environment: CentralEnvironment(
                store: store, definitions: ServiceDefinitions([Fixtures.dogTax]), logger: logger))
        try await app.test(.live) { client in
            let laptop = Laptop(directory: directory.appendingPathComponent("laptop"))
            try await body("http://127.0.0.1:\(try #require(client.port))", store, laptop)
        }
    }

    @Test func loginMakesTheKeyFileWithEscrowAndSealsTheToken() async throws {
        try await Self.withCentral { url, store, laptop in
            let outcome = try await laptop.login(url)
            #expect(FileManager.default.fileExists(atPath: laptop.keyPath))
            #expect(!outcome.rewrapped)
            let token = outcome.saved.login.token
            #expect(!token.isEmpty)

            // The saved login: the token is nowhere in clear, nor is the escrow key.
            let raw = try Data(contentsOf: laptop.credentials.url)
            let text = String(decoding: raw, as: UTF8.self)
            #expect(raw.range(of: Data(token.utf8)) == nil, "the token is in login.json in clear")
            #expect(text.contains("sealed_token"))
            let escrow = try await store.escrowKey(clerkID: "anna", deviceID: "laptop-17", at: Date())
            for file in [laptop.credentials.url.path, laptop.keyPath] {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                #expect(bytes.range(of: Data(escrow.base64EncodedString().utf8)) == nil, "\(file)")
                #expect(bytes.range(of: escrow) == nil, "\(file)")
            }
            // The escrow slot opens the key file with the central's key.
            let escrowKey = try #require(ReplicaEscrowKey(base64: escrow.base64EncodedString()))
            _ = try ReplicaKeyFile.unlock(forReplica: laptop.replicaPath, escrowKey: escrowKey)

            // Readable without the password: server and clerk (to find the replica); the token
            // only after unlocking with the password.
            let loaded = try #require(try laptop.credentials.load())
            #expect(loaded.server == url && loaded.username == "anna")
            #expect(loaded.login.token.isEmpty)
            let unlocked = try ConnectedWorkstation.unlock(
                saved: loaded, replicaPath: laptop.replicaPath, password: Self.password)
            #expect(unlocked.login.login.token == token)
            #expect(throws: ConnectedStartError.self) {
                _ = try ConnectedWorkstation.unlock(
                    saved: loaded, replicaPath: laptop.replicaPath, password: "falsch")
            }
            // A login sealed under another replica's key does not open with this one.
            let other = try ReplicaKeyFile.create(
                forReplica: laptop.directory.appendingPathComponent("other.sqlite").path, password: "x",
                cost: Self.cheap)
            #expect(loaded.token(with: other.key) == nil)
        }
    }

    @Test("a replica from before replicas were sealed is sealed at login, its unsent change and draft kept")
    func aPlainReplicaIsSealedAtLoginWithItsOutboxAndDrafts() async throws {
        try await Self.withCentral { url, _, laptop in
            try FileManager.default.createDirectory(
                atPath: (laptop.replicaPath as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            let plain = try Replica.open(path: laptop.replicaPath, services: [Fixtures.dogTax])
            var new = DamagedReplicaJourneyTests.newCase(1)
            new.orgUnit = Fixtures.dogTax.orgUnit.id
            new.fields["hundename"] = .text("Waldi Oberhuber-Zellner")
            let created = try plain.createCase(new, by: "anna", device: "laptop-17")
            try plain.saveDraft(
                key: "note-\(created.id)", json: #"{"text":"Rückruf Frau Oberhuber-Zellner"}"#)
            try plain.checkpoint()
            try plain.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: laptop.replicaPath))
            #expect(
                before.range(of: Data("Oberhuber-Zellner".utf8)) != nil, "a plain replica holds it in clear")

            let outcome = try await laptop.login(url)

            for suffix in ["", "-wal"] {
                let bytes =
                    (try? Data(contentsOf: URL(fileURLWithPath: laptop.replicaPath + suffix))) ?? Data()
                #expect(
                    bytes.range(of: Data("Oberhuber-Zellner".utf8)) == nil, "in clear in replica\(suffix)")
            }
            #expect(throws: ReplicaError.self) { try Replica.open(path: laptop.replicaPath).close() }
            let sealed = try Replica.open(
                path: laptop.replicaPath, services: [Fixtures.dogTax], key: outcome.keyFile.key)
            defer { try? sealed.close() }
            #expect(try sealed.pendingCount() == 1)
            #expect(
                try sealed.visibleCase(id: created.id)?.fields["hundename"]
                    == .text("Waldi Oberhuber-Zellner"))
            #expect(try sealed.draft(key: "note-\(created.id)")?.contains("Oberhuber-Zellner") == true)
        }
    }

    @Test func aPasswordResetAtTheCentralRewrapsTheKeyAtTheNextLogin() async throws {
        try await Self.withCentral { url, store, laptop in
            let first = try await laptop.login(url)
            let replica = try Replica.open(
                path: laptop.replicaPath, services: [Fixtures.dogTax], key: first.keyFile.key)
            try replica.storeCatalogDefinition(serviceID: "hundesteuer", version: 3, text: "kept: yes")
            try replica.close()

            // Anna forgot her password; the administrators set a new one.
            _ = try await CentralAdmin(store: store).setPassword(
                id: "anna", password: Self.newPassword, bcryptCost: 4)
            await #expect(throws: SyncError.self) { _ = try await laptop.login(url) }
            let second = try await laptop.login(url, password: Self.newPassword)
            #expect(second.rewrapped)

            #expect(throws: ReplicaError.sealed(.wrongPassword(keyFile: laptop.keyPath))) {
                _ = try ReplicaKeyFile.unlock(forReplica: laptop.replicaPath, password: Self.password)
            }
            let opened = try ReplicaKeyFile.unlock(forReplica: laptop.replicaPath, password: Self.newPassword)
            let again = try Replica.open(
                path: laptop.replicaPath, services: [Fixtures.dogTax], key: opened.key)
            defer { try? again.close() }
            #expect(try again.latestCatalogDefinitions().map(\.text) == ["kept: yes"])
            // The token saved with the second login opens with the new password.
            let loaded = try #require(try laptop.credentials.load())
            #expect(loaded.token(with: opened.key) == second.saved.login.token)
        }
    }

    @Test func aRevokedDeviceWipesItsKeyAndLoginAtTheNextSync() async throws {
        try await Self.withCentral { url, store, laptop in
            let outcome = try await laptop.login(url)
            let key = outcome.keyFile.key
            let replica = try Replica.open(path: laptop.replicaPath, services: [Fixtures.dogTax], key: key)
            let login = outcome.saved
            let sync = ConnectedWorkstation.sync(
                saved: login, server: HTTPSyncServer(saved: login), replica: replica,
                replicaPath: laptop.replicaPath, credentials: laptop.credentials, device: "laptop-17",
                logger: Self.quiet, cost: Self.cheap)
            // The laptop is reported stolen.
            #expect(
                try await CentralAdmin(store: store).revokeDevice(clerkID: "anna", deviceID: "laptop-17") == 1
            )

            let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
            let options = WorkstationOptions(
                replicaPath: laptop.replicaPath, services: [Fixtures.dogTax], language: .de,
                clerk: ClerkIdentity(
                    id: "anna", displayName: "Anna", orgUnit: Fixtures.dogTax.orgUnit.id, role: .counter,
                    device: "laptop-17"),
                sync: sync)
            let workstation = try makeWorkstation(
                options: options, replica: replica, backend: backend, runnerMode: .inline)
            try workstation.start()
            for _ in 0..<200 where !workstation.state.quitting {
                try workstation.settle()
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(workstation.state.quitting, "the workstation ends when the device is revoked")
            #expect(workstation.state.sync.connection == .deviceRevoked)
            await workstation.stopSync()
            try replica.close()

            #expect(!FileManager.default.fileExists(atPath: laptop.keyPath), "the key file is wiped")
            #expect(try laptop.credentials.load() == nil, "the saved login is deleted")
            #expect(laptop.credentials.deviceWasRevoked)
            // Nobody opens the replica again: no key file for the password, the escrow key is gone.
            #expect(throws: ReplicaError.self) {
                _ = try ReplicaKeyFile.unlock(forReplica: laptop.replicaPath, password: Self.password)
            }
            #expect(throws: ReplicaError.self) { _ = try Replica.open(path: laptop.replicaPath) }
            // And logging in again from the laptop is refused as revoked, not rewrapped.
            await #expect(throws: SyncError.deviceRevoked) { _ = try await laptop.login(url) }
            #expect(!FileManager.default.fileExists(atPath: laptop.keyPath))
        }
    }

    @Test func aLoginFromARevokedDeviceWipesItsKeyInsteadOfRewrappingIt() async throws {
        try await Self.withCentral { url, store, laptop in
            _ = try await laptop.login(url)
            _ = try await CentralAdmin(store: store).revokeDevice(clerkID: "anna", deviceID: "laptop-17")
            // The finder knows the password and logs in before ever syncing.
            await #expect(throws: SyncError.deviceRevoked) { _ = try await laptop.login(url) }
            #expect(!FileManager.default.fileExists(atPath: laptop.keyPath))
            #expect(try laptop.credentials.load() == nil)
            #expect(laptop.credentials.deviceWasRevoked)
            #expect(SyncError.deviceRevoked.message.de.contains("gesperrt"))
            #expect(SyncError.deviceRevoked.message.en.contains("revoked"))
        }
    }

    @Test func fifteenDaysWithoutContactShowNoCasesUntilTheCentralAnswers() async throws {
        try await Self.withCentral { url, _, laptop in
            let outcome = try await laptop.login(url)
            let replica = try Replica.open(
                path: laptop.replicaPath, services: [Fixtures.dogTax], key: outcome.keyFile.key)
            defer { try? replica.close() }
            // A sync round records the contact and the limit the central service sends.
            let engine = SyncEngine(
                replica: replica, server: HTTPSyncServer(saved: outcome.saved),
                token: outcome.saved.login.token,
                deviceID: "laptop-17", logger: Self.quiet)
            _ = try await engine.syncOnce()
            let now = Date()
            let contact = try replica.centralContact()
            #expect(contact.offlineLimitSeconds == 14 * 86400)
            #expect(contact.allowsCases(at: now))

            // The last contact was 15 days ago, and the central service cannot be reached.
            try replica.recordCentralContact(
                at: now.addingTimeInterval(-15 * 86400), offlineLimitSeconds: nil)
            #expect(!(try replica.centralContact().allowsCases(at: now)))
            var away = outcome.saved
            away.server = "http://127.0.0.1:1"
            let refused = await #expect(throws: ConnectedStartError.self) {
                try await ConnectedWorkstation.checkRecentContact(
                    replica: replica, login: away, server: HTTPSyncServer(saved: away), now: now,
                    wait: .seconds(5))
            }
            #expect(refused?.message.de.contains("länger als 14 Tage") == true)
            #expect(refused?.message.en.contains("more than 14 days") == true)
            #expect(!(try replica.centralContact().allowsCases(at: now)))

            // Online again: the authenticated call succeeds and the cases may be shown.
            try await ConnectedWorkstation.checkRecentContact(
                replica: replica, login: outcome.saved, server: HTTPSyncServer(saved: outcome.saved),
                now: now,
                wait: .seconds(5))
            #expect(try replica.centralContact().allowsCases(at: now))
        }
    }
}
