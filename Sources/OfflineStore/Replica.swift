import CaseModel
import Foundation
import GRDB

/// The local replica of the cases of a clerk's org units: one façade with intention-named methods.
///
/// **Visible state.** What a clerk sees of a case is the last state pulled from the central service
/// (`case_central`) with this device's unacknowledged operations (`outbox`) applied on top, in
/// order, in overlay mode. `record(_:)` writes the operation to the outbox *and* updates the
/// case's visible queue row (`case_queue`, the full-text index and the history) in one
/// transaction; `applyCentralChanges` and `acknowledge` recompute the visible queue rows of the
/// cases they touch, also in one transaction. So queue lists reflect pending local changes
/// without overlaying anything at read time.
///
/// **Durability.** The file is in WAL mode with `synchronous = NORMAL`: a committed transaction
/// survives a crash of the process. After a power loss or OS crash, the transactions committed
/// since the last WAL sync (at most those since the last checkpoint) may be rolled back as a
/// whole — never half-applied, and the file is never corrupted. An operation is either in the
/// outbox together with its local change, or neither is.
///
/// **A full disk or a damaged file.** A write that finds no space fails with
/// `ReplicaError.diskFull` and writes nothing; the file stays sound and the same write succeeds
/// once there is space. A corrupt page met by any call (or by `checkForDamage()`) marks the replica
/// damaged: from then on it refuses every write (`ReplicaError.damaged`), `saveRescue` saves its
/// outbox and drafts to a file next to it, and `rebuild(restoring:by:at:)` moves the damaged file
/// aside and starts a fresh one at the same path with the rescued operations in its outbox.
public final class Replica: Sendable {
    /// The path of the database file.
    public let path: String
    /// How open/closed and due days are derived.
    public let rules: ReplicaRules
    /// The connections to the file; replaced only when a damaged replica is rebuilt.
    let slot: SharedSlot<ReplicaConnections>
    /// Whether the file was found damaged (see `ReplicaAccess`).
    let damageWatch = DamageWatch()
    /// A sealed replica's registration with the sealing VFS (nil for a plain replica).
    let sealing: SealedRegistration?

    /// The schema version this build reads and writes.
    public static var schemaVersion: Int { ReplicaSchema.version }

    private init(
        path: String, rules: ReplicaRules, connections: ReplicaConnections, sealing: SealedRegistration?
    ) {
        self.path = path
        self.rules = rules
        self.slot = SharedSlot(connections)
        self.sealing = sealing
    }

    /// Opens the replica at `path`, creating it if no file exists there.
    ///
    /// A file that is not a replica, is corrupt or has a newer schema is refused with a
    /// `ReplicaError` and left byte-for-byte untouched (it is inspected read-only first). The
    /// migrations run only when the file is new or its schema version is older than this build's.
    /// A full disk is refused as `ReplicaError.diskFull`, never as damage. A file whose header is
    /// sound opens even if a page further in is damaged: `checkForDamage()` finds that.
    ///
    /// With `key` the replica is sealed (encrypted at rest, see `SealingVFS`): a new one is created
    /// sealed, an existing one must be sealed with that key; nil opens a plain replica, and a
    /// sealed one is then refused as `ReplicaError.sealed(.passwordNeeded)`.
    public static func open(
        path: String, rules: ReplicaRules = ReplicaRules(services: []), key: ReplicaKey? = nil
    ) throws -> Replica {
        try open(path: path, rules: rules, key: key, pageLimit: nil)
    }

    /// Opens with the writer's file size capped at `pageLimit` pages (tests fill a disk that way).
    static func open(path: String, rules: ReplicaRules, key: ReplicaKey? = nil, pageLimit: Int?) throws
        -> Replica
    {
        let sealing = try key.map { try SealedRegistration(path: path, key: $0) }
        return Replica(
            path: path, rules: rules,
            connections: try ReplicaConnections.open(path: path, sealing: sealing, pageLimit: pageLimit),
            sealing: sealing)
    }

    /// Opens with rules derived from `services`.
    public static func open(path: String, services: [ServiceDefinition], key: ReplicaKey? = nil) throws
        -> Replica
    {
        try open(path: path, rules: ReplicaRules(services: services), key: key)
    }

    /// Runs `PRAGMA integrity_check`; returns its lines ("ok" when healthy).
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Writes the WAL back into the database file and truncates it.
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Closes all connections; the replica must not be used afterwards.
    public func close() throws {
        defer { sealing?.end() }
        try slot.read { try $0.close() }
    }
}

/// Milliseconds since 1970, the replica's time column format.
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
