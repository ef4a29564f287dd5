import CaseModel
import Logging
import ServiceCatalog
import Synchronization

/// The service definitions the running service decides with: fixed ones, or those parsed from
/// the catalogue in the store (what `admin import-catalog` stored and `GET /v1/catalog` serves).
///
/// The stored catalogue is read on first use and read again whenever an operation names a
/// service version that is not known yet, so a catalogue imported while the service runs is
/// picked up without a restart.
public final class CatalogDefinitions: Sendable {
    private let fixed: ServiceDefinitions?
    private let loaded = Mutex<ServiceDefinitions?>(nil)

    /// Definitions from the store's catalogue (`fixed` nil), or always `fixed`.
    public init(fixed: ServiceDefinitions? = nil) {
        self.fixed = fixed
    }

    /// The definitions, read from `store` if none are loaded or if one of `needed`
    /// (service id, version) is missing.
    public func definitions(
        store: any CentralStore, needing needed: [(service: String, version: Int)] = [], logger: Logger
    ) async throws -> ServiceDefinitions {
        if let fixed { return fixed }
        if let current = loaded.withLock({ $0 }),
            needed.allSatisfy({ current.definition(service: $0.service, version: $0.version) != nil })
        {
            return current
        }
        let (definitions, problems) = ServiceDefinitions.parsing(try await store.catalogEntries())
        for problem in problems {
            logger.error("catalog_entry_unusable", metadata: ["problem": "\(problem.text(.en))"])
        }
        loaded.withLock { $0 = definitions }
        return definitions
    }
}
