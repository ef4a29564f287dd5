import DemoData
import Foundation
import Testing

@testable import OfflineStore

@Suite struct MigrationTests {
    @Test func createsAllTablesAndMarksTheFile() throws {
        let replica = try makeReplica()
        let tables = try replica.sqlStrings(
            "SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
        for table in [
            "audit_log", "case_central", "case_history", "case_queue", "case_search", "catalog_version",
            "citizen",
            "draft", "outbox", "sync_state",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try scalar(replica, "PRAGMA user_version") == Replica.schemaVersion)
        #expect(try scalar(replica, "PRAGMA application_id") == 0x436C_726B)
        #expect(try scalar(replica, "PRAGMA foreign_keys") == 1)
        #expect(try scalar(replica, "PRAGMA synchronous") == 1)  // NORMAL
        let mode = try replica.sqlStrings("PRAGMA journal_mode").first
        #expect(mode == "wal")
        #expect(try replica.syncState().cursor == 0)
    }

    @Test func reopensAnExistingReplicaKeepingItsData() throws {
        let replica = try makeReplica()
        try replica.saveDraft(key: "k", json: "{}")
        let path = replica.path
        try replica.close()
        let again = try Replica.open(path: path, services: DemoServices.all)
        #expect(try again.draft(key: "k") == "{}")
    }
}
