import CentralService
import Foundation
import Testing

/// The SQLite store's identity lives in its file: the same after the service starts again on it,
/// another for another file.
@Suite("Store identity")
struct StoreIdentityTests {
    @Test func theIdentityIsKeptInTheFileAcrossStarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-central-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func identity(_ name: String) async throws -> UUID {
            let store = try SQLiteCentralStore(path: directory.appendingPathComponent(name).path)
            try await store.migrate()
            return try await store.changes(after: 0, orgUnits: [], limit: 1).storeID
        }
        let first = try await identity("central.sqlite")
        #expect(try await identity("central.sqlite") == first)
        #expect(try await identity("other.sqlite") != first)
    }
}
