import Foundation

/// What the workstation knows about its connection to the central service.
public struct SyncStatus: Hashable, Sendable {
    public var online: Bool
    /// Operations in the outbox not yet acknowledged by the central service.
    public var pendingOperations: Int
    /// Cases with field conflicts waiting for a person.
    public var conflicts: Int
    /// When the last sync finished; nil if never.
    public var lastSync: Date?

    public init(online: Bool = false, pendingOperations: Int = 0, conflicts: Int = 0, lastSync: Date? = nil) {
        self.online = online
        self.pendingOperations = pendingOperations
        self.conflicts = conflicts
        self.lastSync = lastSync
    }
}
