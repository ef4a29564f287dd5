import CaseModel

/// The services of the city by id and version; a case is always shown with the version it was filled with.
public struct Catalog: Hashable, Sendable {
    /// All services, ordered by id, then version.
    public private(set) var services: [ServiceDefinition]

    /// A catalogue of `services`; of two with the same id and version the first wins.
    public init(services: [ServiceDefinition]) {
        var seen = Set<String>()
        self.services = services.filter { seen.insert("\($0.id)@\($0.version)").inserted }
            .sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    /// The newest version of the service with `id`.
    public func service(id: String) -> ServiceDefinition? {
        services.last { $0.id == id }
    }

    /// Exactly version `version` of the service with `id`.
    public func service(id: String, version: Int) -> ServiceDefinition? {
        services.first { $0.id == id && $0.version == version }
    }

    /// The newest version of every service, ordered by id.
    public var latest: [ServiceDefinition] {
        var byID: [String: ServiceDefinition] = [:]
        for service in services { byID[service.id] = service }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// The ids of all services, ordered.
    public var serviceIDs: [String] { latest.map(\.id) }
}
