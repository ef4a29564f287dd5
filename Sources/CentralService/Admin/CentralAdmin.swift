import CaseModel
import Foundation
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

    /// Stores every `.yaml`/`.yml` file of `directory` (not recursing) as a catalogue entry.
    @discardableResult
    public func importCatalog(
        directory: URL, reader: any CatalogSourceReader = CatalogHeaderReader()
    ) async throws -> [CatalogEntry] {
        let files = try FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: nil
        )
        .filter { ["yaml", "yml"].contains($0.pathExtension) }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else { throw CatalogImportError.emptyDirectory(directory.path) }
        var entries: [CatalogEntry] = []
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            let entry = try reader.entry(source: source, file: file.lastPathComponent)
            try await store.putCatalogEntry(entry)
            entries.append(entry)
        }
        return entries
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
