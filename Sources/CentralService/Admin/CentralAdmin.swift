import CaseModel
import Foundation
import ServiceCatalog
import SyncProtocol

/// The administrative tasks of `clerk-central admin`, on an open store.
public struct CentralAdmin: Sendable {
    public let store: any CentralStore
    public var now: @Sendable () -> Date

    public init(store: any CentralStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// Adds an org unit.
    public func createOrgUnit(id: String, name: LocalizedText, directPhone: String) async throws {
        try await store.createOrgUnit(OrgUnitRef(id: id, name: name, directPhone: directPhone))
    }

    /// Adds a clerk with a bcrypt-hashed password.
    public func createClerk(
        id: String, name: String, password: String, roles: [Role], orgUnits: [String], bcryptCost: UInt8 = 12
    ) async throws {
        try await store.createClerk(
            ClerkRecord(
                id: id, name: name, passwordHash: Credentials.hashPassword(password, cost: bcryptCost),
                roles: roles,
                orgUnits: orgUnits))
    }

    /// Stores every `.yaml`/`.yml` file of `directory` (not recursing) that loads without a
    /// problem as a catalogue entry; a broken file is reported (file, line, column) and the
    /// others are imported all the same. Another text under a stored version is a problem too.
    public func importCatalog(
        directory: URL, reader: any CatalogSourceReader = CatalogDefinitionReader()
    ) async throws -> CatalogImportReport {
        let files = try FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]
        )
        .filter { ["yaml", "yml"].contains($0.pathExtension.lowercased()) }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else { throw CatalogImportError.emptyDirectory(directory.path) }
        var report = CatalogImportReport(imported: [], problems: [])
        for file in files {
            let name = file.lastPathComponent
            let entry: CatalogEntry
            do {
                let source = try String(contentsOf: file, encoding: .utf8)
                entry = try reader.entry(source: source, file: name)
            } catch CatalogImportError.problems(let problems) {
                report.problems += problems
                continue
            } catch {
                report.problems.append(
                    CatalogProblem(
                        file: name, line: 1, column: 1,
                        message: .init(
                            de: "Die Datei lässt sich nicht lesen: \(error)",
                            en: "The file cannot be read: \(error)")))
                continue
            }
            do {
                try await store.putCatalogEntry(entry)
                report.imported.append(entry)
            } catch StoreError.alreadyExists {
                report.problems.append(
                    CatalogProblem(
                        file: name, line: 1, column: 1,
                        message: .init(
                            de:
                                "Version \(entry.version) von „\(entry.serviceID)“ ist schon mit anderem Inhalt gespeichert; bitte die Version erhöhen.",
                            en:
                                "Version \(entry.version) of '\(entry.serviceID)' is already stored with other content; please raise the version."
                        )))
            }
        }
        return report
    }

    /// Revokes every live token of a clerk; returns how many there were.
    public func revokeTokens(clerkID: String) async throws -> Int {
        try await store.revokeTokens(clerkID: clerkID, at: now())
    }

    /// The demo org units.
    public static let demoOrgUnits: [OrgUnitRef] = [
        OrgUnitRef(
            id: "bb-mitte", name: .init(de: "Bürgerbüro Mitte", en: "Citizen office centre"),
            directPhone: "089 233-96000"),
        OrgUnitRef(
            id: "bb-pasing", name: .init(de: "Bürgerbüro Pasing", en: "Citizen office Pasing"),
            directPhone: "089 233-96100"),
        OrgUnitRef(
            id: "kfz", name: .init(de: "Kfz-Zulassungsstelle", en: "Vehicle registration office"),
            directPhone: "089 233-96200"),
    ]

    /// The demo clerks: (id, name, roles, org units).
    public static let demoClerks: [(String, String, [Role], [String])] = [
        ("schalter", "Sabine Huber", [.counter], ["bb-mitte"]),
        ("telefon", "Thomas Berger", [.phone], ["bb-mitte", "bb-pasing"]),
        ("aussendienst", "Andrea Wimmer", [.field], ["bb-pasing"]),
        ("teamleitung", "Markus Obermaier", [.teamLead, .counter], ["bb-mitte", "bb-pasing", "kfz"]),
    ]

    /// Creates the demo org units and clerks (all with `password`), then applies `cases` —
    /// `createCase` operations, e.g. from the demo data generator — as the clerks they name.
    /// Existing org units and clerks are left as they are, so seeding twice is harmless.
    @discardableResult
    public func seedDemo(
        password: String, cases: [CaseModel.Operation] = [],
        definitions: ServiceDefinitions = ServiceDefinitions(),
        bcryptCost: UInt8 = 12
    ) async throws -> [PushResult] {
        let existingUnits = Set(try await store.orgUnits().map(\.id))
        for unit in Self.demoOrgUnits where !existingUnits.contains(unit.id) {
            try await store.createOrgUnit(unit)
        }
        for (id, name, roles, units) in Self.demoClerks where try await store.clerk(id: id) == nil {
            try await createClerk(
                id: id, name: name, password: password, roles: roles, orgUnits: units, bcryptCost: bcryptCost)
        }
        let decider = OperationDecider(definitions: definitions)
        let allUnits = Self.demoOrgUnits.map(\.id)
        var results: [PushResult] = []
        for operation in cases {
            let clerk = ClerkRecord(
                id: operation.clerk, name: operation.clerk, passwordHash: "", roles: Role.allCases,
                orgUnits: allUnits)
            let now = self.now
            results.append(
                try await store.apply(operation, contentHash: try operation.contentHash()) { current in
                    decider.decide(operation, current: current, clerk: clerk, now: now())
                })
        }
        return results
    }
}
