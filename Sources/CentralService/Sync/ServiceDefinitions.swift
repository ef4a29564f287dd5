import CaseModel
import ServiceCatalog
import SyncProtocol

/// The service definitions the central service checks operations against, by id and version.
public struct ServiceDefinitions: Sendable {
    private var byService: [String: [Int: ServiceDefinition]]

    /// Holds these definitions (several versions of one service may be given).
    public init(_ definitions: [ServiceDefinition] = []) {
        var byService: [String: [Int: ServiceDefinition]] = [:]
        for definition in definitions {
            byService[definition.id, default: [:]][definition.version] = definition
        }
        self.byService = byService
    }

    /// Parses stored catalogue entries with the catalogue loader, exactly as clients parse them.
    ///
    /// An entry that does not load (it was stored by an older, less strict import) is left out
    /// and its problems are returned, so one bad entry never stops the service.
    public static func parsing(_ entries: [CatalogEntry]) -> (ServiceDefinitions, [CatalogProblem]) {
        var services: [ServiceDefinition] = []
        var problems: [CatalogProblem] = []
        for entry in entries {
            let file = "\(entry.serviceID)@\(entry.version)"
            let result = CatalogLoader.load(yaml: entry.source, file: file)
            problems += result.problems
            guard result.problems.isEmpty else { continue }
            services += result.services.filter { $0.id == entry.serviceID && $0.version == entry.version }
        }
        return (ServiceDefinitions(services), problems)
    }

    /// Exactly version `version` of `service`; a case is always checked with the version it was
    /// filled with, never with another one.
    public func definition(service: String, version: Int) -> ServiceDefinition? {
        byService[service]?[version]
    }

    /// The newest version of `service`.
    public func newest(service: String) -> ServiceDefinition? {
        byService[service]?.max { $0.key < $1.key }?.value
    }

    /// The newest version of every service, ordered by id.
    public var latest: [ServiceDefinition] {
        byService.keys.sorted().compactMap { newest(service: $0) }
    }

    /// True when no service is known (no catalogue imported).
    public var isEmpty: Bool { byService.isEmpty }
}
