import Foundation
import GRDB

extension ReplicaSchema {
    /// Which central store the replica syncs with, and which cases wait to be pulled again after
    /// the pull started over; never edited once shipped.
    ///
    /// - `sync_state.central_store`: the identity of the central store the cursor belongs to.
    /// - `case_unconfirmed`: the cases pulled before the pull started over that have not been
    ///   pulled again since; those still here when the new pull is complete are removed.
    static func registerCentralStoreMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-central-store") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sync_state ADD COLUMN central_store TEXT;
                    CREATE TABLE case_unconfirmed (case_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                    PRAGMA user_version = 4;
                    """)
        }
    }
}

extension Replica {
    /// Remembers the identity of the central store the cursor belongs to (the first time the sync
    /// engine learns it); the cursor and the cases are untouched.
    public func rememberCentralStore(_ id: UUID) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE sync_state SET central_store = ? WHERE id = 1", arguments: [id.uuidString])
        }
    }

    /// Starts the pull over from the beginning, for the central store `centralStore`, in one
    /// transaction: the cursor goes back to 0 and every case pulled so far is marked as not yet
    /// pulled again. The outbox is untouched, and so is everything the clerk sees until cases
    /// arrive anew; `finishRestartedPull()` removes the ones that do not.
    public func restartPull(centralStore: UUID) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO case_unconfirmed (case_id) SELECT id FROM case_central")
            try db.execute(
                sql: "UPDATE sync_state SET cursor = 0, central_store = ? WHERE id = 1",
                arguments: [centralStore.uuidString])
        }
    }

    /// How many cases pulled before the pull started over have not been pulled again yet.
    public func unconfirmedCaseCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM case_unconfirmed") ?? 0 }
    }

    /// Once a restarted pull is complete: removes the cases the central store did not deliver
    /// again — their central state, and their queue row, search entry and history unless pending
    /// operations still make something visible — in transactions of at most `batch` cases, so a
    /// clerk's edit never waits long. Returns how many were removed; 0 when no pull was restarted.
    @discardableResult
    public func finishRestartedPull(batch: Int = 200) throws -> Int {
        var removed = 0
        while true {
            let count = try pool.write { db -> Int in
                let ids = try String.fetchAll(
                    db, sql: "SELECT case_id FROM case_unconfirmed LIMIT ?", arguments: [max(1, batch)])
                let dropCentral = try db.cachedStatement(sql: "DELETE FROM case_central WHERE id = ?")
                let dropMark = try db.cachedStatement(sql: "DELETE FROM case_unconfirmed WHERE case_id = ?")
                for text in ids {
                    try dropCentral.execute(arguments: [text])
                    try dropMark.execute(arguments: [text])
                    if let id = UUID(uuidString: text) {
                        try CaseStorage.refreshQueueRow(db, caseID: id, central: nil, rules: rules)
                    }
                }
                return ids.count
            }
            removed += count
            if count == 0 { return removed }
        }
    }
}
