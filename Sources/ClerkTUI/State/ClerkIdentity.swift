import CaseModel

/// The clerk at the workstation, as shown in the status bar and written into every operation.
public struct ClerkIdentity: Hashable, Sendable {
    /// The login, e.g. `m.huber`; operations carry it.
    public var id: String
    /// The name colleagues read, e.g. "M. Huber".
    public var displayName: String
    /// The org unit the clerk works for, e.g. "KVR Bürgerbüro Mitte".
    public var orgUnit: String
    public var role: Role
    /// The device (workstation) operations are recorded from.
    public var device: String

    public init(id: String, displayName: String, orgUnit: String, role: Role, device: String) {
        self.id = id
        self.displayName = displayName
        self.orgUnit = orgUnit
        self.role = role
        self.device = device
    }
}
