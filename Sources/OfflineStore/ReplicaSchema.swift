import GRDB

/// The replica's schema: GRDB migrations with raw table and column names, never edited once shipped.
///
/// Tables:
/// - `case_central`: the last state of each case pulled from the central service: queue-relevant
///   columns plus the whole case (`body`, `CaseBody`'s binary format since version 3, with
///   field authors since version 4, JSON before). Never changed by local edits.
/// - `case_queue`: one row per case with the columns of its *visible* state (central state with
///   this device's pending operations applied on top). Queue lists, counts and search read only this
///   table; every write that changes a visible state updates its row in the same transaction. Its
///   `seq` is the keyset tie-breaker and the rowid of the full-text index.
/// - `case_search`: FTS5 over case number, citizen name and citizen address (with ASCII spelling
///   variants such as "Mueller" and "Gross"), `rowid` = `case_queue.seq`.
/// - `citizen`, `outbox` (pending operations in order), `sync_state` (one row: the cursor and the
///   central store it belongs to), `case_history`, `catalog_version`, `audit_log`, `draft`.
/// - `case_unconfirmed`: cases waiting to be pulled again after the pull started over.
/// - `call_record`, `callback`: the phone hotline's calls and promised callbacks (`PhoneSchema`).
enum ReplicaSchema {
    /// Stored in the database header so other SQLite files are recognised as "not a replica".
    static let applicationID: Int32 = 0x436C_726B  // "Clrk"
    /// The number of the newest migration; kept in `PRAGMA user_version`.
    static let version = 7

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE citizen (
                        id TEXT PRIMARY KEY NOT NULL,
                        given_name TEXT NOT NULL,
                        family_name TEXT NOT NULL,
                        date_of_birth TEXT NOT NULL,
                        street TEXT NOT NULL,
                        house_number TEXT NOT NULL,
                        postcode TEXT NOT NULL,
                        city TEXT NOT NULL,
                        phone TEXT,
                        email TEXT,
                        information_block INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE case_central (
                        id TEXT PRIMARY KEY NOT NULL,
                        number TEXT NOT NULL,
                        service_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        org_unit TEXT NOT NULL,
                        citizen_id TEXT,
                        received_at INTEGER NOT NULL,
                        due_day INTEGER NOT NULL,
                        last_activity_at INTEGER NOT NULL,
                        assignee TEXT,
                        claim_clerk TEXT,
                        claim_until INTEGER,
                        version INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE TABLE case_queue (
                        seq INTEGER PRIMARY KEY,
                        case_id TEXT NOT NULL UNIQUE,
                        number TEXT NOT NULL,
                        service_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        org_unit TEXT NOT NULL,
                        citizen_id TEXT,
                        citizen_name TEXT NOT NULL DEFAULT '',
                        information_block INTEGER NOT NULL DEFAULT 0,
                        received_at INTEGER NOT NULL,
                        due_day INTEGER NOT NULL,
                        last_activity_at INTEGER NOT NULL,
                        assignee TEXT,
                        claim_clerk TEXT,
                        claim_until INTEGER,
                        is_open INTEGER NOT NULL,
                        has_conflict INTEGER NOT NULL,
                        pending INTEGER NOT NULL DEFAULT 0,
                        version INTEGER NOT NULL
                    );
                    CREATE INDEX case_queue_number ON case_queue(number);
                    CREATE INDEX case_queue_due ON case_queue(is_open, due_day, seq);
                    CREATE INDEX case_queue_received ON case_queue(is_open, received_at, seq);
                    CREATE INDEX case_queue_all_due ON case_queue(due_day, seq);
                    CREATE INDEX case_queue_all_received ON case_queue(received_at, seq);
                    CREATE INDEX case_queue_service_due ON case_queue(service_id, is_open, due_day, seq);
                    CREATE INDEX case_queue_service_received ON case_queue(service_id, is_open, received_at, seq);
                    CREATE INDEX case_queue_state_due ON case_queue(state, due_day, seq);
                    CREATE INDEX case_queue_state_received ON case_queue(state, received_at, seq);
                    CREATE INDEX case_queue_assignee_due ON case_queue(assignee, is_open, due_day, seq);
                    CREATE INDEX case_queue_assignee_received ON case_queue(assignee, is_open, received_at, seq);
                    CREATE INDEX case_queue_org_due ON case_queue(org_unit, is_open, due_day, seq);
                    CREATE INDEX case_queue_org_received ON case_queue(org_unit, is_open, received_at, seq);
                    CREATE INDEX case_queue_conflict_due ON case_queue(due_day, seq) WHERE has_conflict = 1;
                    CREATE INDEX case_queue_conflict_received ON case_queue(received_at, seq) WHERE has_conflict = 1;
                    CREATE VIRTUAL TABLE case_search USING fts5(
                        number, name, address,
                        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
                    );
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        op_id TEXT NOT NULL UNIQUE,
                        case_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX outbox_case ON outbox(case_id, seq);
                    CREATE TABLE sync_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        cursor INTEGER NOT NULL DEFAULT 0,
                        last_sync_at INTEGER,
                        last_error TEXT
                    );
                    INSERT INTO sync_state (id, cursor) VALUES (1, 0);
                    CREATE TABLE case_history (
                        seq INTEGER PRIMARY KEY,
                        case_id TEXT NOT NULL REFERENCES case_queue(case_id) ON DELETE CASCADE,
                        at INTEGER NOT NULL,
                        clerk TEXT NOT NULL,
                        what TEXT NOT NULL,
                        op_id TEXT UNIQUE
                    );
                    CREATE INDEX case_history_case ON case_history(case_id, at);
                    CREATE TABLE catalog_version (
                        service_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        definition TEXT NOT NULL,
                        stored_at INTEGER NOT NULL,
                        PRIMARY KEY (service_id, version)
                    );
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY,
                        clerk TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        action TEXT NOT NULL,
                        case_id TEXT,
                        detail TEXT
                    );
                    CREATE INDEX audit_log_case ON audit_log(case_id, seq);
                    CREATE TABLE draft (
                        key TEXT PRIMARY KEY NOT NULL,
                        json TEXT NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    PRAGMA application_id = 1131180651;
                    PRAGMA user_version = 1;
                    """)
        }
        registerSyncMigrations(&migrator)
        PhoneSchema.register(in: &migrator)
        // Bodies in `case_central` written from now on are `CaseBody`'s binary format instead of
        // JSON. No table changes: old JSON bodies are still read and are replaced as cases are
        // pulled again. The version is raised so that a build which only reads JSON bodies
        // refuses this file ("newer schema") instead of failing on the first case it opens.
        migrator.registerMigration("v3-binary-case-body") { db in
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        registerCentralStoreMigrations(&migrator)
        // Bodies written from now on are `CaseBody` format 2, which adds who wrote each field's
        // value and the other value of a conflict. No table changes: format 1 bodies are still
        // read; the version is raised so that a build which only knows format 1 refuses this file
        // instead of failing on the first case it opens.
        migrator.registerMigration("v5-field-authors") { db in
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        // The last successful contact with the central service and the offline limit it gave,
        // kept inside the (sealed) replica, so the workstation can refuse to show cases after too
        // long without contact.
        migrator.registerMigration("v6-central-contact") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sync_state ADD COLUMN last_contact_at INTEGER;
                    ALTER TABLE sync_state ADD COLUMN offline_limit_seconds INTEGER;
                    PRAGMA user_version = 6;
                    """)
        }
        // Open cases counted per service and state (`openCountsByServiceAndState`) from an index
        // alone, without reading the table: at 1,000,000 cases a scan of the table, on a sealed
        // replica every page of it opened.
        migrator.registerMigration("v7-open-service-state") { db in
            try db.execute(
                sql: """
                    CREATE INDEX case_queue_open_service_state ON case_queue(is_open, service_id, state);
                    PRAGMA user_version = 7;
                    """)
        }
        return migrator
    }
}
