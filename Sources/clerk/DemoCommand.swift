import ArgumentParser
import CaseModel
import CentralService
import ClerkTUI
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import TerminalKit

/// `clerk demo` — the workstation on its embedded default: a central service (SQLite) on
/// loopback in the same process, seeded with demo clerks and cases, and this clerk's replica
/// synced from it. `clerk demo --as paul` in a second terminal joins the same central service
/// as another clerk.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Startet den Arbeitsplatz mit eingebetteter Demo-Zentrale (beim ersten Start angelegt).",
        discussion: """
            Demo-Zugänge (Passwort „demo“): anna (Bürgerbüro), paul (Telefon), fatima (Außendienst),
            lena (Teamleitung). Ein zweites „clerk demo --as paul“ in einem anderen Terminal meldet
            sich an derselben Zentrale an. Das Replikat ist mit dem Demo-Passwort „demo“ verschlüsselt und
            wird damit beim Start entsperrt; es entsperrt auch den gesperrten Bildschirm (Alt-l, „clerk lock“,
            nach --lock-after Sekunden ohne Taste).
            """)

    @Option(name: .customLong("as"), help: "Demo-Zugang: anna, paul, fatima oder lena.") var clerk = "anna"
    @Option(help: "Anzahl der Demo-Vorgänge beim ersten Start.") var cases = 5000
    @Option(help: "Port der Demo-Zentrale auf 127.0.0.1.") var port = 8471
    @Option(help: "Ordner der Demo-Daten (Standard: im Datenordner des Benutzers).") var folder: String?
    @Option(help: "Ordner mit den Leistungsdefinitionen.") var catalog: String?
    @Flag(help: "Alle Demo-Daten verwerfen und neu anlegen.") var reset = false
    @Option(help: "Sperren nach so vielen Sekunden ohne Taste (0: nie; Standard 300).") var lockAfter: Int?
    @OptionGroup var language: LanguageOption

    /// The demo clerks' password, which also seals the demo replicas (shown on the lock screen).
    static let password = "demo"

    func run() async throws {
        let services = try loadServices(catalog)
        let lang = try language.resolved()
        let folder = URL(fileURLWithPath: self.folder ?? defaultDemoFolder())
        if reset { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let logFile = try LogFile(path: folder.appendingPathComponent("clerk-\(clerk).log").path)
        let logger = FileLogHandler.logger(label: "clerk.demo", file: logFile)
        let server = HTTPSyncServer(baseURL: "http://127.0.0.1:\(port)")
        let device = "\(ProcessInfo.processInfo.hostName)-\(clerk)"
        let request = LoginRequest(username: clerk, password: Self.password, deviceID: device)

        var central: EmbeddedCentral?
        let login: LoginResponse
        do {
            login = try await server.login(request)
            printError(
                say(
                    lang, "Verbunden mit der laufenden Demo-Zentrale \(server.baseURL).",
                    "Joined the running demo central service at \(server.baseURL)."))
        } catch .unreachable {
            central = try await startCentral(folder: folder, logFile: logFile, language: lang)
            login = try await loginWhenUp(server, request)
        } catch {
            throw ValidationError(error.message.text(lang))
        }

        let replicaPath = folder.appendingPathComponent("replica-\(clerk).sqlite").path
        let hint = LockText.demoHint(Self.password)
        let keyFile = try await unlockReplica(
            WorkstationUnlock(
                replicaPath: Self.replacingPlainReplica(replicaPath, language: lang), clerkName: login.name,
                server: server.baseURL, language: lang, whenKeyFileMissing: .create,
                knownPassword: Self.password,
                hint: hint),
            language: lang)
        let replica = try Replica.open(path: replicaPath, services: services, key: keyFile.key)
        let engine = SyncEngine(
            replica: replica, server: server, token: login.token, deviceID: device, logger: logger)
        // No waiting for the first sync: the workstation starts on what the replica has, and the
        // first round runs at once in the background (the status bar says how it goes).
        let identity = ConnectedWorkstation.identity(
            login, services: services, language: lang, device: device)
        var overrides: [String] = []
        if let user = KeymapLoader.userKeymapPath(environment: ProcessInfo.processInfo.environment) {
            overrides.append(user)
        }
        let relogin: @Sendable (String) async throws(SyncError) -> String = { password in
            try await server.login(LoginRequest(username: identity.id, password: password, deviceID: device))
                .token
        }
        var options = WorkstationOptions(
            replicaPath: replicaPath, services: services,
            keymapOverridePaths: overrides, language: lang, clerk: identity,
            sync: WorkstationSync(engine: engine, relogin: relogin))
        let settings = try? WorkstationSettings.load(file: WorkstationSettings.defaultFile())
            .overridden(by: ProcessInfo.processInfo.environment)
        options.lock = workstationLock(
            keyFile, settings: settings, lockAfter: lockAfter, server: server.baseURL, hint: hint)
        let status = await runOnOwnThread { [options] in try runWorkstation(options: options) }
        await central?.stop()
        try? replica.close()
        switch status {
        case .success(0): return
        case .success(let code): throw ExitCode(code)
        case .failure(let error): throw error
        }
    }

    /// A demo replica an older version left unencrypted (no key file) is removed, so it is made
    /// anew, sealed, and synced again from the demo central service — it holds demo data only.
    /// Returns the path.
    static func replacingPlainReplica(_ path: String, language: Language) -> String {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path),
            !manager.fileExists(atPath: ReplicaKeyFile.path(forReplica: path))
        else { return path }
        printError(
            say(
                language,
                "Das Demo-Replikat ist noch unverschlüsselt (ältere Version); es wird verschlüsselt neu angelegt.",
                "The demo replica is still unencrypted (older version); it is created anew, encrypted."))
        for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: path + suffix) }
        return path
    }

    /// Starts the embedded central service, seeding it on first start.
    func startCentral(folder: URL, logFile: LogFile, language: Language) async throws -> EmbeddedCentral {
        let store = try SQLiteCentralStore(path: folder.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        let admin = CentralAdmin(store: store)
        if try await store.catalogEntries().isEmpty {
            printError(
                say(
                    language, "Lege die Demo-Zentrale mit \(cases) Vorgängen an …",
                    "Creating the demo central service with \(cases) cases …"))
            let report = try await admin.seedDemo(
                password: Self.password, cases: cases, catalogDirectory: catalogDirectory(catalog),
                bcryptCost: 8
            ) { done, total in
                // One line that counts up, so a first start never looks stuck.
                let percent = total > 0 ? done * 100 / total : 100
                FileHandle.standardError.write(
                    Data(
                        say(
                            language, "\r  \(done) von \(total) Vorgängen angelegt (\(percent) %)",
                            "\r  \(done) of \(total) cases created (\(percent) %)"
                        ).utf8))
            }
            printError("")
            if !report.rejections.isEmpty {
                printError(
                    "\(report.rejections.count) Demo-Vorgänge abgelehnt: \(report.rejections[0].message.de)")
            }
        }
        let logger = FileLogHandler.logger(label: "clerk.demo.central", file: logFile, level: .warning)
        printError(
            say(
                language, "Demo-Zentrale läuft auf http://127.0.0.1:\(port).",
                "Demo central service runs at http://127.0.0.1:\(port)."))
        return try EmbeddedCentral(store: store, port: port, logger: logger)
    }

    /// Logs in once the just-started service answers (up to about five seconds).
    func loginWhenUp(_ server: HTTPSyncServer, _ request: LoginRequest) async throws -> LoginResponse {
        var lastError: SyncError = .unreachable(detail: "not started")
        for _ in 0..<100 {
            do { return try await server.login(request) } catch {
                lastError = error
                guard case .unreachable = error else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw ValidationError(
            "Die Demo-Zentrale antwortet nicht (Port \(port) belegt?): \(lastError.message.de) – \(lastError.detail)"
        )
    }
}

/// Runs blocking work (the terminal loop) on a thread of its own and waits for it.
func runOnOwnThread(_ work: @escaping @Sendable () throws -> Int32) async -> Result<Int32, any Error> {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: Result { try work() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// Picks the text of the interface language.
func say(_ language: Language, _ de: String, _ en: String) -> String { language == .en ? en : de }

/// `$XDG_DATA_HOME/clerk/demo` or `~/.local/share/clerk/demo`.
func defaultDemoFolder() -> String {
    UserFolders().data.appendingPathComponent("clerk").appendingPathComponent("demo").path
}
