import ArgumentParser
import CaseModel
import ClerkTUI
import DemoData
import Foundation
import OfflineStore
import SyncClient
import TerminalKit

/// `clerk` / `clerk workstation`: the full-screen clerk workstation.
///
/// Without `--replica`: the workstation of the clerk logged in with `clerk login` — their own
/// replica for that server, synced in the background. With `--replica FILE`: a replica on its
/// own, offline (for training and tests).
struct WorkstationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workstation",
        abstract:
            "Startet den Arbeitsplatz (Vollbild) mit der gespeicherten Anmeldung. / Starts the full-screen workstation.",
        discussion: """
            Zuerst „clerk login --server URL --user NAME“, dann „clerk“. Einstellungen (server, ca, lang,
            keymap, lock_after) in ~/.config/clerk/config.yaml, überschreibbar mit CLERK_SERVER, CLERK_CA,
            CLERK_LANG, CLERK_KEYMAP, CLERK_LOCK_AFTER und den Optionen. Das Replikat ist verschlüsselt: beim
            Start wird das Passwort abgefragt (für Skripte und Tests: CLERK_PASSWORD). Alt-l oder „clerk lock“
            sperrt sofort.
            """)

    @Option(name: .long, help: "Nur dieses Replikat, ohne Zentrale (offline). / Only this replica, offline.")
    var replica: String?

    @Option(name: .long, help: "Ordner mit Katalog-YAML-Dateien (nur mit --replica). / Catalogue folder.")
    var catalog: String?

    @Flag(
        name: .long,
        help: "Die eingebauten Demo-Leistungen (nur mit --replica). / The built-in demo services.")
    var demoServices = false

    @Option(
        name: .long,
        help:
            "Tastaturbelegung: default, vim oder eine vollständige YAML-Datei. / Keymap: default, vim or a file."
    )
    var keymap: String?

    @Option(name: .long, help: "Zusätzliche Tastenbelegungen (YAML). / Keymap override files.")
    var keys: [String] = []

    @OptionGroup var language: LanguageOption

    @Option(name: .long, help: "Einstellungsdatei (Standard: ~/.config/clerk/config.yaml). / Settings file.")
    var config: String?

    @Option(help: "Datei des gespeicherten Zugangs (Standard: ~/.config/clerk/login.json).")
    var credentials: String?

    @Option(
        name: .long,
        help: "Sperren nach so vielen Sekunden ohne Taste (0: nie; Standard 300). / Lock after idle seconds.")
    var lockAfter: Int?

    @Flag(
        help:
            "Passwort von der Standardeingabe lesen (für Skripte; oder CLERK_PASSWORD). / Read the password from standard input."
    )
    var passwordStdin = false

    @Option(name: .long, help: "Kennung (nur mit --replica). / The clerk's login (offline only).")
    var clerk: String?

    @Option(name: .long, help: "Angezeigter Name (nur mit --replica). / Display name (offline only).")
    var name: String?

    @Option(name: .long, help: "Organisationseinheit (nur mit --replica). / Org unit (offline only).")
    var orgUnit: String?

    @Option(name: .long, help: "Rolle (nur mit --replica): counter, phone, field, team_lead.")
    var role: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settingsFile = config.map { URL(fileURLWithPath: $0) } ?? WorkstationSettings.defaultFile()
        let settings: WorkstationSettings
        do {
            settings = try WorkstationSettings.load(file: settingsFile).overridden(by: environment)
        } catch {
            throw ValidationError(error.text(try language.resolved(environment: environment)))
        }
        let lang = try language.resolvedOver(settings.language, environment: environment)
        var overrides = keys
        if let user = KeymapLoader.userKeymapPath(environment: environment) { overrides.insert(user, at: 0) }
        let (keymapPath, builtIn) = Self.keymapChoice(keymap ?? settings.keymap)
        if let replica {
            try await runOffline(
                replica: replica, settings: settings, language: lang, keymapPath: keymapPath,
                builtIn: builtIn,
                overrides: overrides)
        } else {
            let offlineOnly = [
                ("--clerk", clerk), ("--name", name), ("--org-unit", orgUnit), ("--role", role),
                ("--catalog", catalog), ("--demo-services", demoServices ? "" : nil),
            ]
            for (option, value) in offlineOnly where value != nil {
                throw ValidationError(
                    say(
                        lang, "\(option) gilt nur mit --replica; sonst kommt die Person aus der Anmeldung.",
                        "\(option) applies only with --replica; otherwise the clerk comes from the login."))
            }
            try await runConnected(
                settings: settings, language: lang, keymapPath: keymapPath, builtIn: builtIn,
                overrides: overrides)
        }
    }

    /// A built-in keymap's name, or the path of a complete keymap file.
    static func keymapChoice(_ value: String?) -> (path: String?, builtIn: BuiltInKeymap) {
        guard let value else { return (nil, .default) }
        if let builtIn = BuiltInKeymap(rawValue: value) { return (nil, builtIn) }
        return (value, .default)
    }

    /// The workstation of the logged-in clerk, synced with the central service in the background.
    func runConnected(
        settings: WorkstationSettings, language lang: Language, keymapPath: String?, builtIn: BuiltInKeymap,
        overrides: [String]
    ) async throws {
        let credentials = CredentialStore(
            url: credentials.map { URL(fileURLWithPath: $0) } ?? CredentialStore.defaultURL())
        let saved: SavedLogin
        do {
            guard let loaded = try credentials.load() else {
                if credentials.deviceWasRevoked {
                    throw StartFailure(SyncError.deviceRevokedMessage.text(lang))
                }
                throw StartFailure(
                    say(
                        lang,
                        "Noch nicht angemeldet. Zuerst: clerk login --server https://… --user KENNUNG "
                            + "(oder --replica DATEI für ein Replikat ohne Zentrale).",
                        "Not logged in. First: clerk login --server https://… --user NAME "
                            + "(or --replica FILE for a replica without a central service)."))
            }
            saved = loaded
        } catch let error as StartFailure {
            throw error
        } catch {
            throw StartFailure(
                say(
                    lang,
                    "Der gespeicherte Zugang in \(credentials.url.path) ist nicht lesbar: \(error). "
                        + "Bitte neu anmelden: clerk login",
                    "The saved login in \(credentials.url.path) cannot be read: \(error). Please log in again: clerk login"
                ))
        }
        if let server = settings.server, !ConnectedWorkstation.sameServer(server, saved.server) {
            throw StartFailure(
                say(
                    lang,
                    "Angemeldet ist \(saved.username) bei \(saved.server), eingestellt ist aber \(server). "
                        + "Bitte dort anmelden: clerk login --server \(server) --user KENNUNG",
                    "\(saved.username) is logged in at \(saved.server), but the setting names \(server). "
                        + "Please log in there: clerk login --server \(server) --user NAME"))
        }
        let url = ConnectedWorkstation.replicaURL(server: saved.server, username: saved.username)
        // The password unlocks the replica's key file (made by `clerk login`) before anything of
        // the replica is read; the key also unseals the saved token.
        let given =
            passwordStdin
            ? StartPassword.read(
                user: saved.username, fromStandardInput: true, environment: [:], language: lang) : nil
        let keyFile = try await unlockReplica(
            WorkstationUnlock(
                replicaPath: url.path, clerkName: saved.login.name, server: saved.server, language: lang,
                whenKeyFileMissing: .refuse(ConnectedStartError.noKeyFile.message), knownPassword: given),
            language: lang)
        guard let unsealed = saved.unsealed(with: keyFile.key) else {
            throw StartFailure(ConnectedStartError.loginUnreadable.message.text(lang))
        }
        var transport = saved.transport
        if let ca = settings.caFile { transport.caFile = URL(fileURLWithPath: ca).standardizedFileURL.path }
        let login = SavedLogin(
            server: unsealed.server, username: unsealed.username, login: unsealed.login, transport: transport)
        let server = HTTPSyncServer(saved: login, timeoutSeconds: 8)
        let device = ProcessInfo.processInfo.hostName
        let logFile = try LogFile(path: LogFile.defaultPath())
        let logger = FileLogHandler.logger(label: "clerk.sync", file: logFile)

        let opened: (replica: Replica, services: [ServiceDefinition])
        do {
            if !FileManager.default.fileExists(atPath: url.path) {
                printError(
                    say(
                        lang, "Lege das Replikat an und hole den Leistungskatalog von \(saved.server) …",
                        "Creating the replica and fetching the service catalogue from \(saved.server) …"))
            }
            opened = try await ConnectedWorkstation.openReplica(
                for: login, at: url, key: keyFile.key, server: server, catalogueWait: .seconds(10),
                logger: logger)
        } catch let error as ConnectedStartError {
            throw StartFailure(error.message.text(lang))
        } catch let error as ReplicaError {
            throw StartFailure(error.message.text(lang))
        }
        do throws(ConnectedStartError) {
            try await ConnectedWorkstation.checkRecentContact(
                replica: opened.replica, login: login, server: server, now: Date(), wait: .seconds(10))
        } catch {
            try? opened.replica.close()
            if case .deviceRevoked = error {
                ConnectedWorkstation.forgetRevokedDevice(replicaPath: url.path, credentials: credentials)
            }
            throw StartFailure(error.message.text(lang))
        }
        let replica = opened.replica
        let services = ConnectedWorkstation.ownServices(opened.services, of: login.login)
        guard !services.isEmpty else {
            try? replica.close()
            throw StartFailure(
                ConnectedStartError.noOwnService(orgUnits: login.login.orgUnits).message.text(lang))
        }
        // A newer catalogue is kept for the next start; the workstation never waits for it.
        let refresh = Task.detached {
            try? await ConnectedWorkstation.fetchCatalogue(
                from: server, token: login.login.token, into: replica, logger: logger)
        }
        var options = WorkstationOptions(
            replicaPath: url.path, services: services, keymapPath: keymapPath,
            keymapOverridePaths: overrides, language: lang,
            clerk: ConnectedWorkstation.identity(
                login.login, services: services, language: lang, device: device),
            sync: ConnectedWorkstation.sync(
                saved: login, server: server, replica: replica, replicaPath: url.path,
                credentials: credentials,
                device: device, logger: logger))
        options.builtInKeymap = builtIn
        options.lock = workstationLock(
            keyFile, settings: settings, lockAfter: lockAfter, server: saved.server)
        let status = await runOnOwnThread { [options] in try runWorkstation(options: options) }
        refresh.cancel()
        _ = await refresh.value
        try? replica.close()
        if !FileManager.default.fileExists(atPath: keyFile.path) {
            // The central service refused this device during the session; the key is gone.
            throw StartFailure(SyncError.deviceRevokedMessage.text(lang))
        }
        switch status {
        case .success(0): return
        case .success(let code): throw ExitCode(code)
        case .failure(let error): throw error
        }
    }

    /// A replica on its own, without a central service.
    func runOffline(
        replica: String, settings: WorkstationSettings, language lang: Language, keymapPath: String?,
        builtIn: BuiltInKeymap, overrides: [String]
    ) async throws {
        guard let role = Role(rawValue: role ?? Role.counter.rawValue) else {
            throw StartFailure(
                "Unbekannte Rolle „\(role ?? "")“ – erlaubt sind \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        var options = WorkstationOptions(
            replicaPath: replica,
            services: demoServices ? DemoServices.all : try loadServices(catalog), keymapPath: keymapPath,
            keymapOverridePaths: overrides, language: lang,
            clerk: ClerkIdentity(
                id: clerk ?? "m.huber", displayName: name ?? "M. Huber", orgUnit: orgUnit ?? "KVR Bürgerbüro",
                role: role, device: ProcessInfo.processInfo.hostName))
        options.builtInKeymap = builtIn
        // Sealed too: a new replica gets a key file with the password given twice.
        let keyFile = try await unlockReplica(
            WorkstationUnlock(
                replicaPath: replica, clerkName: options.clerk.displayName, language: lang,
                whenKeyFileMissing: .create),
            language: lang)
        options.lock = workstationLock(keyFile, settings: settings, lockAfter: lockAfter)
        switch await runOnOwnThread({ [options] in try runWorkstation(options: options) }) {
        case .success(0): return
        case .success(let code): throw ExitCode(code)
        case .failure(let error): throw error
        }
    }
}

/// The connected workstation could not start (no login, a key that does not open, a revoked
/// device, too long offline): its message alone, without the usage text an option error gets.
struct StartFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
