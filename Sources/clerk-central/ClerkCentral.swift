import ArgumentParser
import CaseModel
import CentralService
import Foundation
import Logging

/// `clerk-central`: the central service of Clerk, and its administration.
@main
struct ClerkCentral: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerk-central",
        abstract: "The central service of Clerk: sync, login and the service catalogue.",
        subcommands: [Serve.self, Admin.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command: where the store is and where the settings come from.
struct StoreOptions: ParsableArguments {
    @Option(help: "sqlite:PATH or postgres://user@host:port/db (env CLERK_CENTRAL_STORE).")
    var store: String?

    @Option(help: "A JSON configuration file.")
    var config: String?

    /// Defaults, then the file, then the environment, then the flags.
    func configuration() throws -> CentralConfiguration {
        var configuration = try CentralConfiguration.load(
            file: config, environment: ProcessInfo.processInfo.environment)
        if let store { configuration.store = store }
        return configuration
    }
}

/// Logs `key=value` lines to standard error.
func bootstrapLogging(level: String) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = KeyValueLogHandler(label: label)
        handler.logLevel = Logger.Level(rawValue: level) ?? .info
        return handler
    }
    return Logger(label: "clerk-central")
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Address to listen on (env CLERK_CENTRAL_HOST).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one (env CLERK_CENTRAL_PORT).")
    var port: Int?

    @Option(help: "Serve HTTPS with this certificate chain, a PEM file (env CLERK_CENTRAL_TLS_CERT).")
    var tlsCert: String?

    @Option(help: "The certificate's private key, a PEM file (env CLERK_CENTRAL_TLS_KEY).")
    var tlsKey: String?

    @Option(
        help:
            "Days a workstation may show cases without contact with this service; default 14 (env CLERK_CENTRAL_OFFLINE_LIMIT_SECONDS)."
    )
    var offlineLimitDays: Int?

    func run() async throws {
        var configuration = try storeOptions.configuration()
        if let offlineLimitDays {
            guard offlineLimitDays > 0 else {
                throw ValidationError("--offline-limit-days must be at least 1")
            }
            configuration.offlineLimitSeconds = offlineLimitDays * 86400
        }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let tlsCert { configuration.tlsCertificatePath = tlsCert }
        if let tlsKey { configuration.tlsKeyPath = tlsKey }
        let logger = bootstrapLogging(level: configuration.logLevel)
        logger.info(
            "starting",
            metadata: [
                "host": "\(configuration.host)", "port": "\(configuration.port)",
                "tls": "\(configuration.tlsCertificatePath != nil)",
                "store": "\(configuration.store.hasPrefix("sqlite:") ? configuration.store : "postgres")",
            ])
        let app = try buildApplication(
            configuration: configuration, environment: CentralEnvironment(logger: logger))
        try await app.runService()
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer org units, clerks, tokens and the catalogue.",
        subcommands: [
            CreateOrgUnit.self, CreateClerk.self, DisableClerk.self, EnableClerk.self, SetPassword.self,
            SetRoles.self, SetOrgUnits.self, ImportCatalog.self, RevokeTokens.self, Devices.self,
            RevokeDevice.self,
            SeedDemo.self,
        ])
}

/// Runs `body` on the configured store, logging to standard error. A refused command prints
/// its reason to standard error and exits with status 1.
func withAdmin<T: Sendable>(
    _ options: StoreOptions, _ body: @Sendable (CentralAdmin) async throws -> T
) async throws -> T {
    let configuration = try options.configuration()
    let logger = bootstrapLogging(level: "warning")
    do {
        return try await StoreLocation.withStore(configuration.store, logger: logger) { store in
            try await body(CentralAdmin(store: store))
        }
    } catch let error as CentralAdminError {
        printError(error.description)
        throw ExitCode(1)
    }
}

struct CreateOrgUnit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an org unit.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Stable id, e.g. bb-mitte.") var id: String
    @Option(help: "German name.") var name: String
    @Option(help: "English name (defaults to the German one).") var nameEn: String?
    @Option(help: "The team's direct phone number.") var phone: String

    func run() async throws {
        let name = LocalizedText(de: name, en: nameEn ?? name)
        try await withAdmin(storeOptions) { [id, phone] admin in
            try await admin.createOrgUnit(id: id, name: name, directPhone: phone)
        }
        print("org unit \(id) created")
    }
}

struct CreateClerk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a clerk; the password is asked for, or read from standard input.",
        discussion: """
            The user name is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', beginning with a \
            letter or digit; the password has 12 to 256 characters and no control characters.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String
    @Option(help: "Full name.") var name: String
    @Flag(help: "Read the password from the first line of standard input instead of asking.")
    var passwordStdin = false
    @Option(help: "Comma-separated roles: counter, phone, field, team_lead.") var roles: String
    @Option(help: "Comma-separated org unit ids.") var orgUnits: String

    func run() async throws {
        let parsedRoles = try CentralAdmin.roles(roles)
        let units = CentralAdmin.items(orgUnits)
        let password = try readPassword(fromStandardInput: passwordStdin)
        try await withAdmin(storeOptions) { [user, name] admin in
            try await admin.createClerk(
                id: user, name: name, password: password, roles: parsedRoles, orgUnits: units)
        }
        print("clerk \(user) created")
    }
}

struct DisableClerk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Disable a clerk: no more logins, and every token is revoked at once.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String

    func run() async throws {
        let count = try await withAdmin(storeOptions) { [user] admin in try await admin.disableClerk(id: user)
        }
        print("clerk \(user) disabled, \(count) token(s) revoked")
    }
}

struct EnableClerk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enable a disabled clerk again (tokens revoked before stay revoked).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String

    func run() async throws {
        try await withAdmin(storeOptions) { [user] admin in try await admin.enableClerk(id: user) }
        print("clerk \(user) enabled")
    }
}

struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set a clerk's password (asked for, or read from standard input); revokes every token.",
        discussion: "The password has 12 to 256 characters and no control characters.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String
    @Flag(help: "Read the password from the first line of standard input instead of asking.")
    var passwordStdin = false

    func run() async throws {
        let password = try readPassword(fromStandardInput: passwordStdin)
        let count = try await withAdmin(storeOptions) { [user] admin in
            try await admin.setPassword(id: user, password: password)
        }
        print("password of \(user) set, \(count) token(s) revoked")
    }
}

struct SetRoles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set a clerk's roles; revokes every token if a role is taken away.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String
    @Option(help: "Comma-separated roles: counter, phone, field, team_lead.") var roles: String

    func run() async throws {
        let parsed = try CentralAdmin.roles(roles)
        let update = try await withAdmin(storeOptions) { [user] admin in
            try await admin.setRoles(id: user, roles: parsed)
        }
        print(
            "roles of \(user): \(update.after.roles.map(\.rawValue).joined(separator: ",")), "
                + "\(update.revokedTokens) token(s) revoked")
    }
}

struct SetOrgUnits: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set a clerk's org units; revokes every token if a unit is taken away.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String
    @Option(help: "Comma-separated org unit ids.") var orgUnits: String

    func run() async throws {
        let units = CentralAdmin.items(orgUnits)
        let update = try await withAdmin(storeOptions) { [user] admin in
            try await admin.setOrgUnits(id: user, orgUnits: units)
        }
        print(
            "org units of \(user): \(update.after.orgUnits.joined(separator: ",")), "
                + "\(update.revokedTokens) token(s) revoked")
    }
}

/// A new password: the first line of standard input with `fromStandardInput`, else asked for
/// twice on the terminal without echo. Never an argument, so it stays out of the process list
/// and the shell history.
func readPassword(fromStandardInput: Bool) throws -> String {
    if fromStandardInput {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
    guard isatty(STDIN_FILENO) == 1 else {
        throw ValidationError(
            "standard input is not a terminal: give --password-stdin and the password on it")
    }
    let first = try askWithoutEcho("Neues Passwort (new password): ")
    let second = try askWithoutEcho("Noch einmal (again): ")
    guard first == second else { throw ValidationError("the two passwords differ") }
    return first
}

/// Asks on standard error and reads one line from the terminal with echo off.
func askWithoutEcho(_ prompt: String) throws -> String {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw ValidationError("cannot read the terminal") }
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    defer {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password given") }
    return line
}

struct ImportCatalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store every service definition (.yaml) of a directory with its version.",
        discussion: """
            Every file is read with the catalogue loader; a file with problems is refused and each \
            problem printed to standard error as file:line:column: message. The good files are \
            imported all the same; the exit status is 1 if any file was refused.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "Directory of catalogue files.") var directory: String

    func run() async throws {
        let url = URL(fileURLWithPath: directory)
        let report = try await withAdmin(storeOptions) { admin in
            try await admin.importCatalog(directory: url)
        }
        for entry in report.imported { print("\(entry.serviceID) version \(entry.version)") }
        for problem in report.problems { printError(problem.text(.de)) }
        if !report.isClean { throw ExitCode(1) }
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

struct RevokeTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke every live token of a clerk.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String

    func run() async throws {
        let count = try await withAdmin(storeOptions) { [user] admin in
            try await admin.revokeTokens(clerkID: user)
        }
        print("\(count) token(s) of \(user) revoked")
    }
}

struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the devices a clerk logged in from, with their last contact.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var clerk: String

    func run() async throws {
        let devices = try await withAdmin(storeOptions) { [clerk] admin in
            try await admin.devices(clerkID: clerk)
        }
        if devices.isEmpty { print("\(clerk) has not logged in from any device") }
        let format = ISO8601DateFormatter()
        for device in devices {
            let state = device.revokedAt.map { "revoked \(format.string(from: $0))" } ?? "active"
            print(
                "\(device.deviceID)\tfirst \(format.string(from: device.firstSeen))"
                    + "\tlast contact \(format.string(from: device.lastContact))\t\(state)")
        }
    }
}

struct RevokeDevice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Revoke a clerk's device (lost or stolen): its tokens, its escrow key, its replica's key.",
        discussion: """
            Every token of the device is revoked and its escrow key deleted; its next request is \
            refused with device_revoked, and the workstation then deletes its replica's key file \
            (changes it has not sent are lost with it). The device cannot log in again.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var clerk: String
    @Option(help: "Device id, as listed by admin devices.") var device: String

    func run() async throws {
        let count = try await withAdmin(storeOptions) { [clerk, device] admin in
            try await admin.revokeDevice(clerkID: clerk, deviceID: device)
        }
        print("device \(device) of \(clerk) revoked, \(count) token(s) revoked, escrow key deleted")
    }
}

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create demo org units, clerks and cases (password from --password, default 'demo').",
        discussion: """
            Imports the catalogue from --catalog if the store has none, creates the org units of \
            its services and the clerks anna (counter), paul (phone), fatima (field) and lena \
            (team lead), then --cases generated Munich cases through the normal operation path.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Password of every demo clerk.") var password = "demo"
    @Option(help: "How many demo cases to create.") var cases = 0
    @Option(help: "Catalogue directory imported if the store has no catalogue.") var catalog = "Catalog"
    @Option(help: "Seed of the generator (same seed, same cases).") var seed: UInt64 = 2026

    func validate() throws {
        guard cases >= 0 else { throw ValidationError("--cases must not be negative") }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: catalog)
        let report = try await withAdmin(storeOptions) { [password, cases, seed] admin in
            try await admin.seedDemo(
                password: password, cases: cases, catalogDirectory: directory, seed: seed)
        }
        if let imported = report.catalogImport {
            for entry in imported.imported { print("catalog\t\(entry.serviceID) version \(entry.version)") }
            for problem in imported.problems { printError(problem.text(.de)) }
        }
        for unit in report.orgUnits { print("org unit\t\(unit.id)\t\(unit.name.de)") }
        for clerk in CentralAdmin.demoClerks {
            let state = report.clerksCreated.contains(clerk.id) ? "created" : "kept"
            print(
                "clerk\t\(clerk.id)\t\(clerk.name)\t\(clerk.roles.map(\.rawValue).joined(separator: ","))\t\(state)"
            )
        }
        print(
            "cases\t\(report.casesCreated) created, \(report.operationsApplied) operations, "
                + "\(report.rejections.count) rejected, \(report.casesSkipped) skipped")
        for rejection in report.rejections.prefix(5) {
            printError("rejected: \(rejection.code) \(rejection.message.de)")
        }
        if !report.rejections.isEmpty { throw ExitCode(1) }
    }
}
