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
