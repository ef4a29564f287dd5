/// The current definition of every service, as source text with its version.
public struct CatalogResponse: Hashable, Sendable, Codable {
    /// Service id → its newest definition.
    public var services: [String: CatalogEntry]

    public init(services: [String: CatalogEntry]) { self.services = services }
}

/// One version of one service definition, as the catalogue file's text.
public struct CatalogEntry: Hashable, Sendable, Codable {
    public var serviceID: String
    public var version: Int
    /// The definition file's text (YAML).
    public var source: String

    public init(serviceID: String, version: Int, source: String) {
        self.serviceID = serviceID
        self.version = version
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case version, source
        case serviceID = "service_id"
    }
}
