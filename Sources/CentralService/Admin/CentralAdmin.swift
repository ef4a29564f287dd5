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
}
