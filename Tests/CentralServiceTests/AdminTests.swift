import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Testing

@Suite("Administration and configuration")
struct AdminTests {
    @Test func catalogHeadersAreReadFromTopLevelKeysOnly() throws {
        let source = """
            # Hundesteuer
            id: hundesteuer
            version: 3 # erhöht bei jeder Änderung
            form:
              fields:
                - id: name_hund
                  version: 99
            """
        let entry = try CatalogHeaderReader().entry(source: source, file: "hundesteuer.yaml")
        #expect(entry == CatalogEntry(serviceID: "hundesteuer", version: 3, source: source))
        #expect(throws: CatalogImportError.missingKey(file: "x.yaml", key: "version")) {
            try CatalogHeaderReader().entry(source: "id: x\n", file: "x.yaml")
        }
        #expect(throws: CatalogImportError.missingKey(file: "y.yaml", key: "id")) {
            try CatalogHeaderReader().entry(source: "version: 1\n  id: nested\n", file: "y.yaml")
        }
    }

    @Test func importSeedAndRevokeWorkOnARealStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "id: hundesteuer\nversion: 1\n".write(
            to: directory.appendingPathComponent("hundesteuer.yaml"), atomically: true, encoding: .utf8)
        try "service: anmeldung\nversion: 2\n".write(
            to: directory.appendingPathComponent("anmeldung.yml"), atomically: true, encoding: .utf8)
        try "not a definition".write(
            to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try await withStore(.sqlite) { store in
            let admin = CentralAdmin(store: store, now: { Fixtures.start })
            let imported = try await admin.importCatalog(directory: directory)
            #expect(imported.map(\.serviceID) == ["anmeldung", "hundesteuer"])
            #expect(try await store.catalogEntries().map(\.version) == [2, 1])

            let demoCase = Fixtures.create(by: "schalter", unit: "bb-mitte")
            let results = try await admin.seedDemo(password: "demo", cases: [demoCase], bcryptCost: 4)
            #expect(results == [.applied(newVersion: 1)])
            try await admin.seedDemo(password: "demo", bcryptCost: 4)  // seeding twice is harmless
            #expect(try await store.orgUnits().map(\.id) == ["bb-mitte", "bb-pasing", "kfz"])
            let lead = try #require(try await store.clerk(id: "teamleitung"))
            #expect(lead.roles == [.teamLead, .counter])
            #expect(Credentials.verifyPassword("demo", hash: lead.passwordHash))
            #expect(try await store.currentCase(id: demoCase.caseID)?.orgUnit == "bb-mitte")

            try await store.insertToken(
                TokenRecord(
                    hash: "h", clerkID: "schalter", deviceID: "d", issuedAt: Fixtures.start,
                    expiresAt: Fixtures.start.addingTimeInterval(60)))
            #expect(try await admin.revokeTokens(clerkID: "schalter") == 1)
        }
    }

    @Test func configurationLayersFileThenEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "central-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"port": 9000, "store": "sqlite:/var/lib/clerk/central.sqlite", "max_body_bytes": 2048}"#.write(
            to: file, atomically: true, encoding: .utf8)
        let configuration = try CentralConfiguration.load(
            file: file.path,
            environment: ["CLERK_CENTRAL_PORT": "9100", "CLERK_CENTRAL_TOKEN_LIFETIME_SECONDS": "60"])
        #expect(configuration.port == 9100)
        #expect(configuration.store == "sqlite:/var/lib/clerk/central.sqlite")
        #expect(configuration.maxBodyBytes == 2048)
        #expect(configuration.tokenLifetimeSeconds == 60)
        #expect(configuration.host == "127.0.0.1")

        try #"{"prot": 1}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) {
            try CentralConfiguration.load(file: file.path, environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try CentralConfiguration.load(file: nil, environment: ["CLERK_CENTRAL_PORT": "acht"])
        }
    }
}
