import CaseModel
import Foundation
import Testing

@testable import ServiceCatalog

/// The directory of the shipped catalogue files, found from this source file.
let shippedCatalog = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Catalog")

@Suite struct ShippedCatalogTests {
    @Test func everyShippedFileLoadsWithoutProblems() throws {
        let result = CatalogLoader.load(directory: shippedCatalog)
        #expect(result.problems.map(\.description) == [])
        let files = try FileManager.default.contentsOfDirectory(atPath: shippedCatalog.path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(result.services.count == files.count)
        #expect(files.count >= 1)
    }
}
