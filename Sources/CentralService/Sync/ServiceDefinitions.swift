import CaseModel

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

    /// The definition of `service` at `version`, or its newest one if that version is unknown.
    public func definition(service: String, version: Int) -> ServiceDefinition? {
        guard let versions = byService[service] else { return nil }
        if let exact = versions[version] { return exact }
        return versions.max { $0.key < $1.key }?.value
    }
}
