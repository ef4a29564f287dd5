import Foundation
import GRDB

/// Where sync stands.
public struct SyncState: Hashable, Sendable {
    /// The central change sequence number up to which changes have been pulled.
    public var cursor: Int64
    public var lastSyncAt: Date?
    public var lastError: String?
    /// The identity of the central store the cursor belongs to (nil before the first pull).
    public var centralStore: UUID?
}

/// One version of a service definition as the replica keeps it: the text the central service sent.
public struct StoredDefinition: Hashable, Sendable {
    public var serviceID: String
    public var version: Int
    /// The definition's YAML text.
    public var text: String

    public init(serviceID: String, version: Int, text: String) {
        self.serviceID = serviceID
        self.version = version
        self.text = text
    }
}

/// One entry of the audit log (who looked at or did what).
public struct AuditEntry: Hashable, Sendable {
    public var clerk: String
    public var at: Date
    /// What happened, e.g. `case_opened`, `citizen_data_shown`.
    public var action: String
    public var caseID: UUID?
    public var detail: String?
    public init(clerk: String, at: Date = Date(), action: String, caseID: UUID? = nil, detail: String? = nil)
    {
        self.clerk = clerk
        self.at = at
        self.action = action
        self.caseID = caseID
        self.detail = detail
    }
}

extension Replica {
    // MARK: Drafts

    /// Saves (replaces) the draft stored under `key`; meant to be called on every change of a form.
    public func saveDraft(key: String, json: String) throws {
        try pool.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO draft (key, json, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
                    """
            ).execute(arguments: [key, json, Millis.from(Date())])
        }
    }

    /// The draft stored under `key`.
    public func draft(key: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT json FROM draft WHERE key = ?"), arguments: [key])
        }
    }

    /// The keys of all drafts, most recently saved first.
    public func draftKeys() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT key FROM draft ORDER BY updated_at DESC, key")
        }
    }

    /// Deletes the draft under `key` (nothing happens if there is none).
    public func deleteDraft(key: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM draft WHERE key = ?", arguments: [key]) }
    }

    // MARK: Audit log

    /// Appends an entry to the audit log.
    public func appendAudit(_ entry: AuditEntry) throws {
        try pool.write { db in try Self.insertAudit(db, entry) }
    }

    /// Appends an audit entry inside a write that is already open.
    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (clerk, at, action, case_id, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                entry.clerk, Millis.from(entry.at), entry.action, entry.caseID?.uuidString, entry.detail,
            ])
    }

    /// Audit entries, oldest first; of one case if `caseID` is given.
    public func auditEntries(caseID: UUID? = nil, limit: Int = 1000) throws -> [AuditEntry] {
        try pool.read { db in
            let rows =
                if let caseID {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM audit_log WHERE case_id = ? ORDER BY seq LIMIT ?",
                        arguments: [caseID.uuidString, limit])
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM audit_log ORDER BY seq LIMIT ?", arguments: [limit])
                }
            return rows.map { row in
                AuditEntry(
                    clerk: row["clerk"], at: Millis.date(row["at"]), action: row["action"],
                    caseID: (row["case_id"] as String?).flatMap(UUID.init), detail: row["detail"])
            }
        }
    }

    // MARK: Catalogue

    /// Stores the text (YAML or JSON) of one version of a service definition.
    public func storeCatalogDefinition(serviceID: String, version: Int, text: String) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO catalog_version (service_id, version, definition, stored_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(service_id, version) DO UPDATE SET definition = excluded.definition,
                        stored_at = excluded.stored_at
                    """, arguments: [serviceID, version, text, Millis.from(Date())])
        }
    }

    /// The stored text of a version of a service definition (the newest if `version` is nil).
    public func catalogDefinition(serviceID: String, version: Int? = nil) throws -> String? {
        try pool.read { db in
            if let version {
                return try String.fetchOne(
                    db, sql: "SELECT definition FROM catalog_version WHERE service_id = ? AND version = ?",
                    arguments: [serviceID, version])
            }
            return try String.fetchOne(
                db,
                sql:
                    "SELECT definition FROM catalog_version WHERE service_id = ? ORDER BY version DESC LIMIT 1",
                arguments: [serviceID])
        }
    }

    /// The newest stored version of every service definition, by service id.
    public func latestCatalogDefinitions() throws -> [StoredDefinition] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT service_id, MAX(version) AS version, definition FROM catalog_version
                    GROUP BY service_id ORDER BY service_id
                    """
            ).map {
                StoredDefinition(serviceID: $0["service_id"], version: $0["version"], text: $0["definition"])
            }
        }
    }

    // MARK: Sync state

    /// The pull cursor and its central store, when sync last succeeded and the last error.
    public func syncState() throws -> SyncState {
        try pool.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT cursor, last_sync_at, last_error, central_store FROM sync_state WHERE id = 1"
            )
            return SyncState(
                cursor: row?["cursor"] ?? 0, lastSyncAt: (row?["last_sync_at"] as Int64?).map(Millis.date),
                lastError: row?["last_error"],
                centralStore: (row?["central_store"] as String?).flatMap(UUID.init(uuidString:)))
        }
    }

    /// Remembers why the last sync attempt failed (nil clears it).
    public func recordSyncError(_ message: String?) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sync_state SET last_error = ? WHERE id = 1", arguments: [message])
        }
    }
}
