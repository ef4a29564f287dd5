import CaseModel
import CentralService
import Foundation
import ServiceCatalog
import SyncProtocol
import Testing

@Suite("Catalogue import")
struct CatalogImportTests {
    @Test func aBrokenFileIsReportedWithFileAndLineAndTheGoodOnesAreImported() async throws {
        let directory = try ShippedCatalog.copy(["hundesteuer.yaml", "sperrmuell.yaml"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = """
            id: kaputt
            version: 1
            title: {de: Kaputt, en: Broken}
            number_prefix: KAP
            channels: [counter
            """
        try broken.write(
            to: directory.appendingPathComponent("kaputt.yaml"), atomically: true, encoding: .utf8)
        let wrongField = try String(
            contentsOf: ShippedCatalog.directory.appendingPathComponent("sperrmuell.yaml"), encoding: .utf8
        )
        .replacingOccurrences(of: "id: sperrmuell\n", with: "id: sperrmuell_neu\n")
        .replacingOccurrences(of: "type: number", with: "type: zahl")
        try wrongField.write(
            to: directory.appendingPathComponent("sperrmuell_neu.yaml"), atomically: true, encoding: .utf8)
        try "keine Definition".write(
            to: directory.appendingPathComponent("LIESMICH.md"), atomically: true, encoding: .utf8)
        try await withStore(.sqlite) { store in
            let admin = CentralAdmin(store: store)
            let report = try await admin.importCatalog(directory: directory)
            #expect(report.imported.map(\.serviceID) == ["hundesteuer", "sperrmuell"])
            #expect(try await store.catalogEntries().map(\.serviceID) == ["hundesteuer", "sperrmuell"])
            #expect(!report.isClean)
            let files = Set(report.problems.map(\.file))
            #expect(files == ["kaputt.yaml", "sperrmuell_neu.yaml"])
            let syntax = try #require(report.problems.first { $0.file == "kaputt.yaml" })
            #expect(syntax.line >= 5)
            #expect(syntax.text(.de).hasPrefix("kaputt.yaml:\(syntax.line):\(syntax.column): "))
            let typeProblem = try #require(report.problems.first { $0.file == "sperrmuell_neu.yaml" })
            let typeLine = try #require(
                wrongField.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.contains("type: zahl") })
            #expect(typeProblem.line == typeLine + 1)

            // The same file again is harmless; changed text under a stored version is refused.
            let again = try await admin.importCatalog(
                directory: try ShippedCatalog.copy(["hundesteuer.yaml"]))
            #expect(again.isClean)
            let changed = try ShippedCatalog.copy(["hundesteuer.yaml"])
            let file = changed.appendingPathComponent("hundesteuer.yaml")
            try (try String(contentsOf: file, encoding: .utf8) + "\n# geändert\n").write(
                to: file, atomically: true, encoding: .utf8)
            let refused = try await admin.importCatalog(directory: changed)
            #expect(refused.imported.isEmpty)
            #expect(refused.problems.map(\.file) == ["hundesteuer.yaml"])
        }
    }

    @Test func storedEntriesParseIntoTheDefinitionsTheServiceDecidesWith() throws {
        let source = try String(
            contentsOf: ShippedCatalog.directory.appendingPathComponent("hundesteuer.yaml"), encoding: .utf8)
        let (definitions, problems) = ServiceDefinitions.parsing([
            CatalogEntry(serviceID: "hundesteuer", version: 1, source: source),
            CatalogEntry(serviceID: "alt", version: 1, source: "id: alt\nversion: 1\n"),
        ])
        #expect(definitions.definition(service: "hundesteuer", version: 1)?.form.field("hunde") != nil)
        #expect(definitions.definition(service: "hundesteuer", version: 2) == nil)
        #expect(definitions.definition(service: "alt", version: 1) == nil)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.file == "alt@1" })
    }
}
