import GRDB

/// The phone hotline's tables, added by migration `v2-phone` after `v1` (never edited once shipped).
///
/// - `call_record`: one row per finished call, for the KPIs (first-contact resolution, handling
///   time): queryable columns plus the whole record as JSON (`body`).
/// - `callback`: callbacks promised to callers, the "Rückrufe" queue; open while `done_at` is null.
enum PhoneSchema {
    /// Registers the phone migration; call after the migrations before it.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-phone") { db in
            try db.execute(
                sql: """
                    CREATE TABLE call_record (
                        id TEXT PRIMARY KEY NOT NULL,
                        clerk TEXT NOT NULL,
                        caller_number TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER NOT NULL,
                        duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),
                        outcome TEXT NOT NULL,
                        service_id TEXT,
                        case_id TEXT,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX call_record_started ON call_record(started_at);
                    CREATE TABLE callback (
                        id TEXT PRIMARY KEY NOT NULL,
                        call_id TEXT NOT NULL,
                        number TEXT NOT NULL,
                        day TEXT NOT NULL,
                        window_start TEXT NOT NULL,
                        window_end TEXT NOT NULL CHECK (window_end > window_start),
                        done_at INTEGER,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX callback_open ON callback(day, window_start) WHERE done_at IS NULL;
                    PRAGMA user_version = 2;
                    """)
        }
    }
}
