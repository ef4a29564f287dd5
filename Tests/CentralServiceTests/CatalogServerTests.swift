import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Testing

/// The real service deciding with the catalogue stored by the import, over HTTP.
@Suite("Validation with the stored catalogue over HTTP")
struct CatalogServerTests {
    static func create(version: Int = 1, dogs: [[String: FieldValue]]) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: UUID(), baseVersion: 0, clerk: "anna", device: "dev-anna", timestamp: Fixtures.start,
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-\(Int.random(in: 1_000_000...9_999_999))", serviceID: "hundesteuer",
                    formVersion: version, orgUnit: "ska-4-2", channel: .counter, initialState: "eingegangen",
                    citizen: Fixtures.citizen(), fields: ["hunde": .rows(dogs)], receivedAt: Fixtures.start,
                    enteredBy: "anna")))
    }

    @Test(arguments: StoreFlavor.allCases)
    func anInvalidValueIsRejectedWithAGermanMessage(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            let admin = CentralAdmin(store: store, now: { Fixtures.start })
            _ = try await admin.seedDemo(
                password: "demo", catalogDirectory: ShippedCatalog.directory, bcryptCost: 4)
            var configuration = CentralConfiguration()
            configuration.port = 0
            configuration.logLevel = "warning"
            let clock = TestClock()
            let app = try buildApplication(
                configuration: configuration,
                environment: CentralEnvironment(store: store, now: { clock.now }))
            try await app.test(.live) { client in
                let server = Harness(client: client, store: store, clock: clock)
                let anna = try await server.login("anna", password: "demo").token
                let dog = FormOperationValidatorTests.dog()
                let invalid = Self.create(dogs: [dog.merging(["chipnummer": .text("12345")]) { $1 }])
                let valid = Self.create(dogs: [dog])
                let unknownVersion = Self.create(version: 2, dogs: [dog])
                let results = try await server.push(anna, [invalid, valid, unknownVersion])
                guard case .rejected(let rejection) = results[0] else {
                    Issue.record("an invalid chip number must be rejected, got \(results[0])")
                    return
                }
                #expect(rejection.code == "invalid_value")
                #expect(
                    rejection.message.de.hasPrefix("Feld „Chipnummer (Transponder)“ (hunde[0].chipnummer): "))
                #expect(results[1] == .applied(newVersion: 1))
                guard case .rejected(let versionRejection) = results[2] else {
                    Issue.record("a form version the catalogue does not have must be rejected")
                    return
                }
                #expect(versionRejection.code == "unknown_form_version")

                let pulled = try await server.pull(anna)
                #expect(pulled.changes.map(\.case.id) == [valid.caseID])
                #expect(pulled.changes.first?.case.fields["jahressteuer"] == .money(cents: 10_000))

                // A version imported while the service runs is used without a restart.
                let source = try String(
                    contentsOf: ShippedCatalog.directory.appendingPathComponent("hundesteuer.yaml"),
                    encoding: .utf8
                ).replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: 2\n")
                try await store.putCatalogEntry(
                    CatalogEntry(serviceID: "hundesteuer", version: 2, source: source))
                let later = Self.create(version: 2, dogs: [dog])
                #expect(try await server.push(anna, [later]) == [.applied(newVersion: 1)])
                let catalog = try server.decode(
                    CatalogResponse.self, try await server.send(.get, "/v1/catalog", token: anna))
                #expect(catalog.services["hundesteuer"]?.version == 2)
                #expect(catalog.services["hundesteuer"]?.source == source)
            }
        }
    }
}
