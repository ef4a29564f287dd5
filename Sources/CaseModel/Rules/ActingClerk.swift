/// The clerk on whose behalf an operation is checked: who they are and what they may do.
public struct ActingClerk: Hashable, Sendable {
    /// The clerk's id (login), as written into operations.
    public var id: String
    public var roles: Set<Role>
    /// The org units whose cases the clerk may see and change.
    public var orgUnits: Set<String>
    /// The channels the clerk may enter new cases through; by default those of the roles
    /// (`Role.channels`).
    public var enterableChannels: Set<Channel>

    public init(id: String, roles: Set<Role>, orgUnits: Set<String>, enterableChannels: Set<Channel>? = nil) {
        self.id = id
        self.roles = roles
        self.orgUnits = orgUnits
        self.enterableChannels =
            enterableChannels
            ?? roles.reduce(into: []) { channels, role in channels.formUnion(role.channels) }
    }

    /// Whether the clerk leads a team (may assign cases to others and break claims).
    public var isTeamLead: Bool { roles.contains(.teamLead) }
}
