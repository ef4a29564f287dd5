import CaseModel
import CentralService
import Foundation
import Logging
import Synchronization
import Testing

/// The store implementations every contract test runs against.
enum StoreFlavor: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// Why a Postgres test could not run.
struct MissingPostgres: Error, CustomStringConvertible {
    var description: String {
        "CLERK_TEST_POSTGRES_URL is not set but CI is: run the tests through scripts/with-postgres"
    }
}

/// Opens a fresh, migrated store of `flavor`, runs `body`, and cleans up.
///
/// Postgres uses `CLERK_TEST_POSTGRES_URL` and a new schema per call. Without the variable the
/// test fails when `CI` is set and is skipped with a notice otherwise.
func withStore(
    _ flavor: StoreFlavor, _ body: @Sendable (any CentralStore) async throws -> Void
) async throws {
    switch flavor {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clerk-central-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteCentralStore(path: directory.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        try await body(store)
    case .postgres:
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["CLERK_TEST_POSTGRES_URL"], !url.isEmpty else {
            if environment["CI"] != nil { throw MissingPostgres() }
            print("notice: CLERK_TEST_POSTGRES_URL is not set; skipping the PostgreSQL run")
            return
        }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var logger = Logger(label: "test-postgres")
        logger.logLevel = .warning
        let store = try PostgresCentralStore(url: url, schema: schema, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            try await body(store)
        }
    }
}

/// A clock tests move forward.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Fixtures.start) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
