import Foundation
import Logging

/// Opens the store named by a configuration's `store` setting.
public enum StoreLocation {
    /// Opens `sqlite:PATH` or `postgres://…`. A Postgres store's `client` must be run.
    public static func open(_ location: String, logger: Logger) throws -> any CentralStore {
        if location.hasPrefix("sqlite:") {
            let path = String(location.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw ConfigurationError.invalid("store: sqlite: needs a path") }
            return try SQLiteCentralStore(path: path)
        }
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresCentralStore(url: location, logger: logger)
        }
        throw ConfigurationError.invalid("store: expected sqlite:PATH or postgres://…, got \(location)")
    }
}

extension StoreLocation {
    /// Opens and migrates the store at `location`, runs `body` with it, and closes it again
    /// (for one-shot admin commands; a Postgres pool runs only while `body` runs).
    public static func withStore<T: Sendable>(
        _ location: String, logger: Logger, _ body: @Sendable (any CentralStore) async throws -> T
    ) async throws -> T {
        let store = try open(location, logger: logger)
        guard let postgres = store as? PostgresCentralStore else {
            try await store.migrate()
            return try await body(store)
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await postgres.client.run()
                return nil
            }
            defer { group.cancelAll() }
            try await postgres.migrate()
            return try await body(postgres)
        }
    }
}
