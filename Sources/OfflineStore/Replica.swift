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
public final class Replica: Sendable {
    /// The path of the database file.
    public let path: String
    /// How open/closed and due days are derived.
    public let rules: ReplicaRules
    let pool: ReplicaPool
    /// Opening a case bypasses the pool (see `CaseReader`).
    let caseReader: CaseReader
    /// When the write-ahead log is checkpointed (see `WALPolicy`).
    let walPolicy: WALPolicy
    /// A sealed replica's registration with the sealing VFS (nil for a plain replica).
    let sealing: SealedRegistration?

    /// The schema version this build reads and writes.
    public static var schemaVersion: Int { ReplicaSchema.version }

    private init(
        path: String, rules: ReplicaRules, pool: DatabasePool, walPolicy: WALPolicy,
        sealing: SealedRegistration?
    ) {
        self.path = path
        self.rules = rules
        self.pool = ReplicaPool(pool, path: path)
        self.sealing = sealing
        self.caseReader = CaseReader(path: path)
        self.walPolicy = walPolicy
        walPolicy.startIdleCheckpoints(path: path)
    }

    /// Opens the replica at `path`, creating it if no file exists there.
    ///
    /// A file that is not a replica, is corrupt or has a newer schema is refused with a
    /// `ReplicaError` and left byte-for-byte untouched (it is inspected read-only first). The
    /// migrations run only when the file is new or its schema version is older than this build's.
    ///
    /// With `key` the replica is sealed (encrypted at rest, see `SealingVFS`): a new one is created
    /// sealed, an existing one must be sealed with that key; nil opens a plain replica.
    public static func open(
        path: String, rules: ReplicaRules = ReplicaRules(services: []), key: ReplicaKey? = nil
    ) throws -> Replica {
        let sealing = try key.map { try SealedRegistration(path: path, key: $0) }
        let version = try ReplicaInspection.version(path: path, sealing: sealing)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.label = "replica"
        let walPolicy = WALPolicy()
        config.prepareDatabase { db in
            try sealing?.prepare(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            walPolicy.install(on: db)
        }
        let pool: DatabasePool
        /// Opening a case bypasses the pool (see `CaseReader`).
        let caseReader: CaseReader
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw ReplicaError.opening(error, path: path)
        }
        if version != ReplicaSchema.version {
            do {
                try ReplicaSchema.migrator.migrate(pool)
            } catch let error as DatabaseError {
                throw ReplicaError.opening(error, path: path)
            }
        }
        if version == nil { try sealing?.verifyLayout() }
        return Replica(path: path, rules: rules, pool: pool, walPolicy: walPolicy, sealing: sealing)
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
        walPolicy.close()
        caseReader.close()
        try pool.close()
    }
}

/// Milliseconds since 1970, the replica's time column format.
enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
