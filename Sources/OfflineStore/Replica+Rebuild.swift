import CaseModel
import Foundation
import GRDB

/// A replica rebuilt after damage.
public struct ReplicaRebuilt: Hashable, Sendable {
    /// Where the damaged file was moved, with its log (`-wal`) if it had one: kept, never deleted.
    public var damagedFile: String
    /// Rescued operations put into the fresh outbox, in their order.
    public var requeued: Int
    /// Rescued drafts put back.
    public var drafts: Int
}

extension Replica {
    /// Replaces the damaged file by a fresh replica at the same path, with the rescued operations
    /// in its outbox and the rescued drafts back, and returns where the damaged file went.
    ///
    /// Waits for the calls in progress, then: closes the connections without writing to the file
    /// (no checkpoint, the log is kept), moves the file and its log aside
    /// (`<replica>.damaged-<UTC time>`), creates a fresh replica, and in one transaction records
    /// each rescued operation again — applied to the visible state where its case is known here (a
    /// new case, or a case a rescued operation created), otherwise put into the outbox as it is, to
    /// be applied when the next pull brings its case — and puts the drafts back. Its pull cursor
    /// starts at 0, so the next sync round pulls every case afresh and pushes the operations (the
    /// central service applies an operation only once, so one it already had is answered as such).
    /// An audit entry names the damaged file.
    ///
    /// All or nothing: if anything fails, the fresh file is removed, the damaged one is put back
    /// (still refusing writes) and the error is thrown.
    public func rebuild(restoring rescue: ReplicaRescue, by clerk: String, at now: Date = Date()) throws
        -> ReplicaRebuilt
    {
        try slot.replace { connections in
            try connections.closeKeepingTheFileAsItIs(path: path)
            let aside = try DamagedFile.moveAside(path, at: now)
            var fresh: ReplicaConnections?
            do {
                let opened = try ReplicaConnections.open(path: path, sealing: sealing)
                fresh = opened
                try opened.pool.write { db in
                    try restore(rescue, in: db, by: clerk, at: now, damagedFile: aside)
                }
                connections = opened
            } catch {
                try? fresh?.close()
                DamagedFile.removeFresh(path)
                DamagedFile.moveBack(aside, to: path)
                if let reopened = try? ReplicaConnections.open(path: path, sealing: sealing) {
                    reopened.walPolicy.close()  // still damaged: no checkpoints into it
                    connections = reopened
                }
                throw error
            }
            damageWatch.clear()
            return ReplicaRebuilt(
                damagedFile: aside, requeued: rescue.operations.count, drafts: rescue.drafts.count)
        }
    }

    /// Writes a rescue into a fresh replica (inside its first transaction).
    private func restore(
        _ rescue: ReplicaRescue, in db: Database, by clerk: String, at now: Date, damagedFile: String
    ) throws {
        let enqueue = try db.makeStatement(
            sql: "INSERT INTO outbox (op_id, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)")
        for operation in rescue.operations {
            do {
                _ = try record(operation, in: db)
            } catch ReplicaError.rejected {
                // Its case is not here yet: the pull brings it, and the operation goes on top.
                try enqueue.execute(arguments: [
                    operation.id.uuidString, operation.caseID.uuidString, operation.kind.name,
                    try CaseStorage.encode(operation), Millis.from(now),
                ])
            } catch ReplicaError.duplicateOperation {
                continue
            }
        }
        for draft in rescue.drafts {
            try db.execute(
                sql: """
                    INSERT INTO draft (key, json, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
                    """, arguments: [draft.key, draft.json, Millis.from(draft.updatedAt)])
        }
        try Self.insertAudit(
            db,
            AuditEntry(
                clerk: clerk, at: now, action: "replica_rebuilt", caseID: nil,
                detail:
                    "damaged file \(damagedFile); operations \(rescue.operations.count); drafts \(rescue.drafts.count)"
            ))
    }
}

/// Moving a damaged replica file aside, with its log, and back.
enum DamagedFile {
    /// The log files that belong to a database file, moved together with it. The log first: a
    /// fresh file must never find the old log next to it (SQLite would replay it into the new file).
    static let companions = ["-wal", "-shm"]

    /// Moves `path` and its log to `<path>.damaged-<UTC time>` (a number added if taken); returns
    /// the new path. Either all move or none.
    static func moveAside(_ path: String, at now: Date) throws -> String {
        let files = FileManager.default
        let stamp = FileStamp.utc(now)
        var aside = "\(path).damaged-\(stamp)"
        var number = 2
        while ([""] + companions).contains(where: { files.fileExists(atPath: aside + $0) }) {
            aside = "\(path).damaged-\(stamp)-\(number)"
            number += 1
        }
        var moved: [String] = []
        do {
            for suffix in companions + [""] where files.fileExists(atPath: path + suffix) {
                try files.moveItem(atPath: path + suffix, toPath: aside + suffix)
                moved.append(suffix)
            }
        } catch {
            for suffix in moved.reversed() {
                try? files.moveItem(atPath: aside + suffix, toPath: path + suffix)
            }
            throw ReplicaError.cannotOpen(
                path: path, detail: "not moved aside: \(error.localizedDescription)")
        }
        return aside
    }

    /// Puts a file moved aside back where it was (after a rebuild that failed).
    static func moveBack(_ aside: String, to path: String) {
        let files = FileManager.default
        for suffix in [""] + companions where files.fileExists(atPath: aside + suffix) {
            try? files.moveItem(atPath: aside + suffix, toPath: path + suffix)
        }
    }

    /// Removes a fresh replica whose rebuild failed (it holds nothing but the schema).
    static func removeFresh(_ path: String) {
        for suffix in companions + [""] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
