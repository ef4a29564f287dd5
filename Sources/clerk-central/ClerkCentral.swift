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

    func run() async throws {
        var configuration = try storeOptions.configuration()
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
            CreateOrgUnit.self, CreateClerk.self, ImportCatalog.self, RevokeTokens.self, SeedDemo.self,
        ])
}

/// Runs `body` on the configured store, logging to standard error.
func withAdmin<T: Sendable>(
    _ options: StoreOptions, _ body: @Sendable (CentralAdmin) async throws -> T
) async throws -> T {
    let configuration = try options.configuration()
    let logger = bootstrapLogging(level: "warning")
    return try await StoreLocation.withStore(configuration.store, logger: logger) { store in
        try await body(CentralAdmin(store: store))
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
        abstract: "Add a clerk; the password is read from standard input.")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Login name.") var user: String
    @Option(help: "Full name.") var name: String
    @Flag(help: "Read the password from standard input (required).") var passwordStdin = false
    @Option(help: "Comma-separated roles: counter, phone, field, team_lead.") var roles: String
    @Option(help: "Comma-separated org unit ids.") var orgUnits: String

    func validate() throws {
        guard passwordStdin else { throw ValidationError("--password-stdin is required") }
    }

    func run() async throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        var parsedRoles: [Role] = []
        for text in roles.split(separator: ",") {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let role = Role(rawValue: trimmed) else { throw ValidationError("unknown role \(trimmed)") }
            parsedRoles.append(role)
        }
        let units = orgUnits.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        try await withAdmin(storeOptions) { [user, name, parsedRoles] admin in
            try await admin.createClerk(
                id: user, name: name, password: line, roles: parsedRoles, orgUnits: units)
        }
        print("clerk \(user) created")
    }
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
