import CaseModel
import Foundation
import ServiceCatalog
import Testing

/// The shipped catalogue (`Catalog/` at the package root) for tests.
enum ShippedCatalog {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Catalog")

    /// Every shipped service; fails the test if the catalogue has a problem.
    static func services() throws -> [ServiceDefinition] {
        let result = CatalogLoader.load(directory: directory)
        #expect(result.problems.isEmpty, "\(result.problems)")
        return result.services
    }

    static func service(_ id: String) throws -> ServiceDefinition {
        try #require(try services().first { $0.id == id })
    }

    /// A fresh directory with copies of the shipped files named in `files` (all if nil).
    static func copy(_ files: [String]? = nil) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent(
            "catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let names = try files ?? FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in names where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return target
    }
}
