import Foundation
import SyncProtocol

/// Reads which service and version a catalogue file defines.
///
/// The seam for the full catalogue loader: a reader that parses and checks the whole
/// definition can replace `CatalogHeaderReader` without changing the import.
public protocol CatalogSourceReader: Sendable {
    /// The catalogue entry for `source`, the text of the file `file`.
    func entry(source: String, file: String) throws -> CatalogEntry
}

/// Reads only the top-level `id:` (or `service:`) and `version:` lines of a YAML definition.
public struct CatalogHeaderReader: CatalogSourceReader {
    public init() {}

    public func entry(source: String, file: String) throws -> CatalogEntry {
        var id: String?
        var version: Int?
        for line in source.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first, first != " ", first != "\t", first != "#" else { continue }
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            switch key {
            case "id": id = value.isEmpty ? nil : value
            case "service": id = id ?? (value.isEmpty ? nil : value)
            case "version": version = Int(value)
            default: continue
            }
        }
        guard let id else { throw CatalogImportError.missingKey(file: file, key: "id") }
        guard let version, version > 0 else {
            throw CatalogImportError.missingKey(file: file, key: "version")
        }
        return CatalogEntry(serviceID: id, version: version, source: source)
    }
}

/// A catalogue file that cannot be imported.
public enum CatalogImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingKey(file: String, key: String)
    case emptyDirectory(String)

    public var description: String {
        switch self {
        case .missingKey(let file, let key): "\(file): no top-level \(key): with a valid value"
        case .emptyDirectory(let directory): "\(directory): no .yaml or .yml files"
        }
    }
}
