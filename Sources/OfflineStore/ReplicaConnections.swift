import Foundation
import GRDB
import GRDBSQLite

/// One opening of the replica file: the GRDB pool, the case reader and the checkpoint policy.
///
/// A replica holds one of these at a time; rebuilding a damaged replica closes it and opens a new
/// one on a fresh file at the same path (`Replica.rebuild`).
final class ReplicaConnections: Sendable {
    let pool: DatabasePool
    /// Opening a case bypasses the pool (see `CaseReader`).
    let caseReader: CaseReader
    /// When the write-ahead log is checkpointed (see `WALPolicy`).
    let walPolicy: WALPolicy

    private init(path: String, pool: DatabasePool, walPolicy: WALPolicy) {
        self.pool = pool
        self.caseReader = CaseReader(path: path)
        self.walPolicy = walPolicy
        walPolicy.startIdleCheckpoints(path: path)
    }

    /// Opens the file at `path`, creating it if there is none, and migrates it when it is new or
    /// older than this build. `pageLimit` caps the writer's file size in pages (tests make a
    /// disk full that way; see `Replica.limitPages`).
    ///
    /// A file that is not a replica, is corrupt or has a newer schema is refused with a
    /// `ReplicaError` and left byte-for-byte untouched (it is inspected read-only first); a full
    /// disk is said as such (`ReplicaError.diskFull`), never as damage.
    ///
    /// With `sealing` the file is sealed (see `SealedRegistration`): inspected and created through
    /// it, and every connection prepared for sealed pages.
    static func open(path: String, sealing: SealedRegistration?, pageLimit: Int? = nil) throws
        -> ReplicaConnections
    {
        let existed = FileManager.default.fileExists(atPath: path)
        let version = try ReplicaInspection.version(path: path, sealing: sealing)
        do {
            let connections = try open(path: path, version: version, sealing: sealing, pageLimit: pageLimit)
            if version == nil { try sealing?.verifyLayout() }
            return connections
        } catch {
            // A file created just now and left half-made (e.g. on a full disk) would later be
            // refused as "not a replica"; it holds nothing, so it goes.
            if !existed {
                for suffix in ["-wal", "-shm", ""] {
                    try? FileManager.default.removeItem(atPath: path + suffix)
                }
            }
            throw error
        }
    }

    private static func open(path: String, version: Int?, sealing: SealedRegistration?, pageLimit: Int?)
        throws -> ReplicaConnections
    {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.label = "replica"
        let walPolicy = WALPolicy()
        config.prepareDatabase { db in
            try sealing?.prepare(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if let pageLimit { try db.execute(sql: "PRAGMA max_page_count = \(pageLimit)") }
            walPolicy.install(on: db)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw openFailure(error, path: path)
        }
        if version != ReplicaSchema.version {
            do {
                try ReplicaSchema.migrator.migrate(pool)
            } catch let error as DatabaseError {
                try? pool.close()
                throw openFailure(error, path: path)
            }
        }
        return ReplicaConnections(path: path, pool: pool, walPolicy: walPolicy)
    }

    /// Why opening failed, in the replica's words: a sealed page refused, a full disk, a damaged
    /// file, or anything else.
    static func openFailure(_ error: DatabaseError, path: String) -> ReplicaError {
        let detail = error.message ?? "\(error.resultCode)"
        switch StorageFault(error, path: path) {
        case .pageRefused: return .sealed(.pageRefused(path: path))
        case .diskFull: return .diskFull(path: path)
        case .damaged: return .corrupt(path: path, detail: detail)
        case nil: return .cannotOpen(path: path, detail: detail)
        }
    }

    /// Closes the connections. Idempotent.
    func close() throws {
        walPolicy.close()
        caseReader.close()
        try pool.close()
    }

    /// Closes the connections of a damaged file without writing to it: no checkpoint copies the
    /// log into it and the log is not deleted, so the file and its log are kept as they were.
    ///
    /// SQLite checkpoints and deletes the log when the last connection to a file closes, and only
    /// a connection that can write does so. A read-only connection, opened first and closed last,
    /// makes sure the pool's writer is never the last.
    func closeKeepingTheFileAsItIs(path: String) throws {
        walPolicy.close()
        caseReader.close()
        var keeper: OpaquePointer?
        if sqlite3_open_v2(path, &keeper, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let keeper {
            // A read joins the log (and takes the shared lock the last-connection test looks for).
            sqlite3_exec(keeper, "SELECT count(*) FROM sqlite_master", nil, nil, nil)
        }
        defer { sqlite3_close_v2(keeper) }
        try pool.close()
    }
}
