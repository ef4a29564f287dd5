import Foundation

/// What the workstation shows about sync in its status bar.
public struct SyncStatus: Hashable, Sendable {
    /// Where the connection to the central service stands.
    public enum Connection: Hashable, Sendable {
        case online, offline, syncing
        /// The token is no longer valid; the clerk must enter the password again.
        case loginRequired
        /// The administrators revoked this device: no more rounds; the workstation ends.
        case deviceRevoked
    }
    public var connection: Connection
    /// Operations waiting in the outbox.
    public var pending: Int
    /// Visible cases with a field conflict waiting for a person.
    public var conflicts: Int
    /// Operations the central service refused (kept with their reasons).
    public var rejected: Int
    public var lastSync: Date?
    /// The last failure, if the last round failed; its `message` is for the clerk.
    public var error: SyncError?
    /// The last time the pull started over (another central store, or one restored from an older
    /// copy); its `message` is for the clerk.
    public var restart: PullRestart?

    public init(
        connection: Connection, pending: Int, conflicts: Int, rejected: Int, lastSync: Date?,
        error: SyncError?, restart: PullRestart? = nil
    ) {
        self.connection = connection
        self.pending = pending
        self.conflicts = conflicts
        self.rejected = rejected
        self.lastSync = lastSync
        self.error = error
        self.restart = restart
    }
}

/// What one sync round did.
public struct SyncReport: Hashable, Sendable {
    /// Operations sent (each counted once per round, however often it was split and resent).
    public var pushed = 0
    public var applied = 0
    /// Answers that said "seen before" (a resend after a lost answer).
    public var duplicates = 0
    public var conflicts = 0
    public var rejected = 0
    public var pulledChanges = 0
    public var pulledPages = 0
    /// Write transactions used to apply the pulled pages.
    public var transactions = 0
    /// Why the pull started over from the beginning, if it did.
    public var restart: PullRestart?
    /// Cases removed because the central store did not deliver them again after a restart.
    public var removedCases = 0
    /// Pull requests asked again with a smaller page because the answer was too large.
    public var smallerPages = 0
    /// The offline limit the central service sent with its pages (seconds), if it did.
    public var offlineLimitSeconds: Int?
    public init() {}
}
