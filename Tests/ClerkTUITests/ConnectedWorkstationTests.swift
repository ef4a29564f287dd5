import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

@testable import ClerkTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The workstation of a logged-in clerk: where its replica lives, its catalogue, its settings.
@Suite("Connected workstation")
struct ConnectedWorkstationTests {
    static let password = "Hunde-Steuer-2026"
    static let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Catalog")

    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func oneReplicaPerServerAndClerkUnderTheDataFolderOfHome() throws {
        let folders = UserFolders(environment: ["HOME": "/home/a"])
        let anna = ConnectedWorkstation.replicaURL(
            server: "https://zentrale.example:8443", username: "anna", folders: folders)
        #expect(anna.path.hasPrefix("/home/a/.local/share/clerk/replicas/https-zentrale.example_8443-"))
        #expect(anna.lastPathComponent == "anna.sqlite")
        // The same server written differently: the same replica.
        for same in ["https://ZENTRALE.example:8443/", "https://zentrale.example:8443//"] {
            #expect(ConnectedWorkstation.replicaURL(server: same, username: "anna", folders: folders) == anna)
        }
        // Another server, port, scheme, path or clerk: another replica.
        for (server, user) in [
            ("https://zentrale.example:8444", "anna"), ("http://zentrale.example:8443", "anna"),
            ("https://zentrale.example:8443/clerk", "anna"), ("https://zentrale.example:8443", "paul"),
            ("https://zentrale_example:8443", "anna"),
        ] {
            #expect(ConnectedWorkstation.replicaURL(server: server, username: user, folders: folders) != anna)
        }
        // A name made to climb out of the folder stays inside it.
        let sneaky = ConnectedWorkstation.replicaURL(
            server: "https://zentrale.example:8443", username: "../../etc/passwd", folders: folders)
        #expect(sneaky.deletingLastPathComponent() == anna.deletingLastPathComponent())
        #expect(!sneaky.lastPathComponent.contains("/"))
        let dots = ConnectedWorkstation.replicaURL(server: "https://z", username: "..", folders: folders)
        #expect(dots.lastPathComponent != "...sqlite" && dots.lastPathComponent.hasPrefix("_"))
        // XDG_DATA_HOME wins over HOME.
        let xdg = ConnectedWorkstation.replicaURL(
            server: "https://z", username: "anna",
            folders: UserFolders(environment: ["HOME": "/home/a", "XDG_DATA_HOME": "/data"]))
        #expect(xdg.path.hasPrefix("/data/clerk/replicas/"))
    }

    @Test func settingsFileEnvironmentAndTheirMistakes() throws {
        let text = """
            # Zentrale der Stadt
            server: https://zentrale.muenchen.example:8443
            ca: /etc/clerk/ca.pem
            lang: en
            keymap: vim
            """
        let settings = try WorkstationSettings.parse(text, file: "config.yaml")
        #expect(
            settings
                == WorkstationSettings(
                    server: "https://zentrale.muenchen.example:8443", caFile: "/etc/clerk/ca.pem",
                    language: .en,
                    keymap: "vim"))
        let overridden = try settings.overridden(by: [
            "CLERK_SERVER": "https://andere.example", "CLERK_LANG": "de", "CLERK_CA": "/tmp/ca.pem",
        ])
        #expect(overridden.server == "https://andere.example")
        #expect(overridden.language == .de)
        #expect(overridden.caFile == "/tmp/ca.pem")
        #expect(overridden.keymap == "vim")
        #expect(try WorkstationSettings.parse("", file: "config.yaml") == WorkstationSettings())

        // A typo is refused with its line, in German and English.
        let typo = #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("lang: de\nsever: https://x\n", file: "config.yaml")
        }
        #expect(typo?.line == 2)
        #expect(
            typo?.text(.de)
                == "config.yaml:2: unbekannter Schlüssel „sever“ (erlaubt: server, ca, lang, keymap, lock_after)"
        )
        #expect(try WorkstationSettings.parse("lock_after: 120\n", file: "c").lockAfter == 120)
        #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("lock_after: bald\n", file: "c")
        }
        #expect(try WorkstationSettings().overridden(by: ["CLERK_LOCK_AFTER": "0"]).lockIdle() == nil)
        #expect(WorkstationSettings(lockAfter: 120).lockIdle(option: 2) == 2)
        #expect(WorkstationSettings().lockIdle() == 300)
        #expect(typo?.text(.en).contains("unknown key 'sever'") == true)
        let language = #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("lang: fr\n", file: "config.yaml")
        }
        #expect(language?.text(.de).contains("Sprache „fr“ unbekannt") == true)
        #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("- server\n", file: "config.yaml")
        }
        #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("server: [a, b]\n", file: "config.yaml")
        }
        #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings.parse("server: 'x\n", file: "config.yaml")
        }
        #expect(throws: WorkstationSettingsError.self) {
            try WorkstationSettings().overridden(by: ["CLERK_LANG": "xx"])
        }
        // A missing file is no settings; the default file follows CLERK_CONFIG, then XDG.
        #expect(
            try WorkstationSettings.load(file: URL(fileURLWithPath: "/nonexistent/c.yaml"))
                == WorkstationSettings())
        #expect(
            WorkstationSettings.defaultFile(environment: ["CLERK_CONFIG": "/etc/c.yaml"]).path
                == "/etc/c.yaml")
        #expect(
            WorkstationSettings.defaultFile(environment: ["HOME": "/home/a"]).path
                == "/home/a/.config/clerk/config.yaml")
    }

    /// Runs `body` with a live central service (the repository's catalogue, unit ska-4-2, clerk
    /// anna) and anna's saved login.
    static func withCentral(
        _ body: @escaping @Sendable (String, SavedLogin, CredentialStore) async throws -> Void
    )
        async throws
    {
        let directory = try folder("central")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteCentralStore(path: directory.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        _ = try await CentralAdmin(store: store).importCatalog(directory: catalogFolder)
        try await store.createOrgUnit(
            OrgUnitRef(
                id: "ska-4-2", name: LocalizedText(de: "SKA 4.2", en: "SKA 4.2"),
                directPhone: "+49 89 233-20300"))
        try await store.createClerk(
            ClerkRecord(
                id: "anna", name: "Anna Berger", passwordHash: Credentials.hashPassword(password, cost: 4),
                roles: [.counter], orgUnits: ["ska-4-2"]))
        var configuration = CentralConfiguration()
        configuration.port = 0
        configuration.host = "127.0.0.1"
        var logger = Logger(label: "central-test")
        logger.logLevel = .error
        let app = try buildApplication(
            configuration: configuration, environment: CentralEnvironment(store: store, logger: logger))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(try #require(client.port))"
            let credentials = CredentialStore(url: directory.appendingPathComponent("login.json"))
            let saved = try await LoginFlow.login(
                server: url, user: "anna", password: password, device: "ws-anna", store: credentials,
                replicaPath: loginReplica(credentials), cost: ScryptCost(n: 1024, r: 8, p: 1)
            ).saved
            try await body(url, saved, credentials)
        }
    }

    /// The replica whose key file `withCentral`'s login made (next to the saved login).
    static func loginReplica(_ credentials: CredentialStore) -> String {
        credentials.url.deletingLastPathComponent().appendingPathComponent("replica/anna.sqlite").path
    }

    static var quiet: Logger {
        var logger = Logger(label: "clerk.test")
        logger.logLevel = .critical
        return logger
    }

    @Test func theFirstStartFetchesTheCatalogueAndLaterStartsNeedNoServer() async throws {
        let data = try Self.folder("data")
        defer { try? FileManager.default.removeItem(at: data) }
        try await Self.withCentral { url, saved, _ in
            let replicaURL = ConnectedWorkstation.replicaURL(
                server: url, username: "anna", folders: UserFolders(environment: ["HOME": data.path]))
            let first = try await ConnectedWorkstation.openReplica(
                for: saved, at: replicaURL, key: nil, server: HTTPSyncServer(saved: saved),
                catalogueWait: .seconds(10),
                logger: Self.quiet)
            #expect(first.services.map(\.id).contains("hundesteuer"))
            #expect(first.services.count == 7)
            let own = ConnectedWorkstation.ownServices(first.services, of: saved.login)
            #expect(own.map(\.id) == ["hundesteuer"])
            let identity = ConnectedWorkstation.identity(
                saved.login, services: own, language: .de, device: "ws-anna")
            #expect(identity.orgUnit.hasPrefix("Stadtkämmerei"))
            #expect(identity.role == .counter)
            try first.replica.close()
            let mode =
                try FileManager.default.attributesOfItem(
                    atPath: replicaURL.deletingLastPathComponent().path)[.posixPermissions] as? Int
            #expect(mode == 0o700)

            // Offline now: the catalogue kept in the replica is enough.
            var offline = saved
            offline.server = "http://127.0.0.1:1"
            let second = try await ConnectedWorkstation.openReplica(
                for: offline, at: replicaURL, key: nil, server: HTTPSyncServer(saved: offline),
                catalogueWait: .seconds(10),
                logger: Self.quiet)
            #expect(second.services.map(\.id).sorted() == first.services.map(\.id).sorted())
            try second.replica.close()
        }
    }

    @Test func aFirstStartWithoutTheServiceSaysWhyWithinTheWait() async throws {
        let data = try Self.folder("data")
        defer { try? FileManager.default.removeItem(at: data) }
        try await Self.withCentral { _, saved, _ in
            // Nobody listens.
            var gone = saved
            gone.server = "http://127.0.0.1:1"
            let url = data.appendingPathComponent("a/anna.sqlite")
            let refused = await #expect(throws: ConnectedStartError.self) {
                _ = try await ConnectedWorkstation.openReplica(
                    for: gone, at: url, key: nil, server: HTTPSyncServer(saved: gone),
                    catalogueWait: .seconds(10),
                    logger: Self.quiet)
            }
            #expect(refused?.message.de.contains("noch keinen Leistungskatalog") == true)

            // A service that takes the connection and never answers: refused once the wait is over.
            let listener = try Self.silentListener()
            defer { close(listener.fd) }
            var hanging = saved
            hanging.server = "http://127.0.0.1:\(listener.port)"
            let started = ContinuousClock.now
            await #expect(throws: ConnectedStartError.self) {
                _ = try await ConnectedWorkstation.openReplica(
                    for: hanging, at: data.appendingPathComponent("b/anna.sqlite"), key: nil,
                    server: HTTPSyncServer(saved: hanging), catalogueWait: .seconds(1), logger: Self.quiet)
            }
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func aNewLoginInTheWorkstationIsSavedForTheNextStart() async throws {
        let data = try Self.folder("data")
        defer { try? FileManager.default.removeItem(at: data) }
        try await Self.withCentral { url, saved, credentials in
            let replica = try Replica.open(path: data.appendingPathComponent("anna.sqlite").path)
            defer { try? replica.close() }
            let sync = ConnectedWorkstation.sync(
                saved: saved, server: HTTPSyncServer(saved: saved), replica: replica,
                replicaPath: Self.loginReplica(credentials), credentials: credentials,
                device: "ws-anna", logger: Self.quiet, cost: ScryptCost(n: 1024, r: 8, p: 1))
            let relogin = try #require(sync.relogin)
            let token = try await relogin(Self.password)
            #expect(token != saved.login.token)
            // The new token is saved sealed again: it opens with the replica's key, not in clear.
            let key = try ReplicaKeyFile.unlock(
                forReplica: Self.loginReplica(credentials), password: Self.password
            ).key
            #expect(try credentials.load()?.token(with: key) == token)
            #expect(try Data(contentsOf: credentials.url).range(of: Data(token.utf8)) == nil)
            #expect(try credentials.load()?.server == url)
            await #expect(throws: SyncError.self) { _ = try await relogin("falsch") }
            #expect(try credentials.load()?.token(with: key) == token, "a failed login keeps the saved one")
        }
    }

    /// A socket that listens on a free loopback port and never accepts.
    static func silentListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw CocoaError(.fileNoSuchFile) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
