import CaseModel
import Foundation
import ServiceCatalog
import SyncProtocol

/// Reads which service and version a catalogue file defines, refusing a file that is not a
/// usable definition.
public protocol CatalogSourceReader: Sendable {
    /// The catalogue entry for `source`, the text of the file `file`; throws
    /// `CatalogImportError.problems` if the file cannot be used.
    func entry(source: String, file: String) throws -> CatalogEntry
}

/// Reads a definition with the catalogue loader — the same parser and checks the workstation
/// uses — so only definitions that load without a problem are stored.
public struct CatalogDefinitionReader: CatalogSourceReader {
    public init() {}

    public func entry(source: String, file: String) throws -> CatalogEntry {
        let result = CatalogLoader.load(yaml: source, file: file)
        guard result.problems.isEmpty else { throw CatalogImportError.problems(result.problems) }
        guard let service = result.services.first else {
            throw CatalogImportError.problems([
                CatalogProblem(
                    file: file, line: 1, column: 1,
                    message: .init(
                        de: "Die Datei definiert keine Leistung.", en: "The file defines no service."))
            ])
        }
        return CatalogEntry(serviceID: service.id, version: service.version, source: source)
    }
}

/// A catalogue file that cannot be imported.
public enum CatalogImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the file, with line and column.
    case problems([CatalogProblem])
    case emptyDirectory(String)

    public var description: String {
        switch self {
        case .problems(let problems): problems.map { $0.text(.en) }.joined(separator: "\n")
        case .emptyDirectory(let directory): "\(directory): no .yaml or .yml files"
        }
    }
}

/// What `admin import-catalog` did: the entries stored and the files refused.
public struct CatalogImportReport: Sendable {
    /// The entries stored (or already stored with the same text), in file order.
    public var imported: [CatalogEntry]
    /// Every problem of the refused files, as `file:line:column: message`.
    public var problems: [CatalogProblem]

    /// True when every file was imported.
    public var isClean: Bool { problems.isEmpty }
}
