import CaseModel
import Foundation
import GRDB
import SyncProtocol

/// The embedded store: one SQLite file in WAL mode, through a GRDB `DatabasePool`.
///
/// SQLite has one writer at a time, so change-log sequence numbers are handed out in commit
/// order by construction.
public final class SQLiteCentralStore: CentralStore {
    public var kind: StoreKind { .sqlite }
    let pool: DatabasePool

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        self.pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: SQLiteSchema.v1)
        }
        migrator.registerMigration("v2-clerk-status") { db in
            try db.execute(sql: SQLiteSchema.v2ClerkStatus)
        }
        migrator.registerMigration("v3-server-authority") { db in
            try db.execute(sql: SQLiteSchema.v3)
        }
        migrator.registerMigration("v4-store-identity") { db in
            try db.execute(sql: SQLiteSchema.v4StoreIdentity)
            try db.execute(
                sql: "INSERT INTO store_identity (id, store_id) VALUES (1, ?)",
                arguments: [UUID().uuidString.lowercased()])
        }
        migrator.registerMigration("v5-device-escrow") { db in
            try db.execute(sql: SQLiteSchema.v5DeviceEscrow)
        }
        try migrator.migrate(pool)
    }

    public func createOrgUnit(_ unit: OrgUnitRef) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM org_unit WHERE id = ?", arguments: [unit.id]) != nil
            {
                throw StoreError.alreadyExists("org unit \(unit.id)")
            }
            try db.execute(
                sql: "INSERT INTO org_unit (id, name_de, name_en, direct_phone) VALUES (?, ?, ?, ?)",
                arguments: [unit.id, unit.name.de, unit.name.en, unit.directPhone])
        }
    }

    public func orgUnits() async throws -> [OrgUnitRef] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM org_unit ORDER BY id").map { row in
                OrgUnitRef(
                    id: row["id"], name: LocalizedText(de: row["name_de"], en: row["name_en"]),
                    directPhone: row["direct_phone"])
            }
        }
    }

    public func createClerk(_ clerk: ClerkRecord) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM clerk WHERE id = ?", arguments: [clerk.id]) != nil {
                throw StoreError.alreadyExists("clerk \(clerk.id)")
            }
            for unit in clerk.orgUnits
            where try Bool.fetchOne(db, sql: "SELECT 1 FROM org_unit WHERE id = ?", arguments: [unit]) == nil
            {
                throw StoreError.unknownOrgUnit(unit)
            }
            try db.execute(
                sql: """
                    INSERT INTO clerk (id, name, password_hash, roles, org_units, disabled_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    clerk.id, clerk.name, clerk.passwordHash, try StoredJSON.encode(clerk.roles),
                    try StoredJSON.encode(clerk.orgUnits), clerk.disabledAt?.timeIntervalSince1970,
                ])
        }
    }

    public func clerk(id: String) async throws -> ClerkRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE id = ?", arguments: [id]).map(
                Self.clerk(from:))
        }
    }

    public func updateClerk(
        id: String, at now: Date, _ change: @Sendable (inout ClerkRecord) throws -> Void
    ) async throws -> ClerkUpdate {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM clerk WHERE id = ?", arguments: [id])
            else { throw StoreError.unknownClerk(id) }
            let before = try Self.clerk(from: row)
            var after = before
            try change(&after)
            after.id = id
            for unit in after.orgUnits
            where try Bool.fetchOne(db, sql: "SELECT 1 FROM org_unit WHERE id = ?", arguments: [unit]) == nil
            {
                throw StoreError.unknownOrgUnit(unit)
            }
            try db.execute(
                sql: """
                    UPDATE clerk SET name = ?, password_hash = ?, roles = ?, org_units = ?, disabled_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    after.name, after.passwordHash, try StoredJSON.encode(after.roles),
                    try StoredJSON.encode(after.orgUnits), after.disabledAt?.timeIntervalSince1970, id,
                ])
            let revoked =
                after.takesRightsAway(from: before) ? try Self.revokeLiveTokens(db, clerkID: id, at: now) : 0
            return ClerkUpdate(before: before, after: after, revokedTokens: revoked)
        }
    }

    public func insertToken(_ token: TokenRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO token (hash, clerk_id, device_id, issued_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    token.hash, token.clerkID, token.deviceID, token.issuedAt.timeIntervalSince1970,
                    token.expiresAt.timeIntervalSince1970,
                ])
        }
    }

    public func lookUpToken(hash: String, at now: Date) async throws -> TokenLookup {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT t.hash, t.clerk_id, t.device_id, t.issued_at, t.expires_at, t.revoked_at,
                               c.id, c.name, c.password_hash, c.roles, c.org_units, c.disabled_at,
                               d.revoked_at AS device_revoked_at
                        FROM token t JOIN clerk c ON c.id = t.clerk_id
                        LEFT JOIN device_escrow d ON d.clerk_id = t.clerk_id AND d.device_id = t.device_id
                        WHERE t.hash = ?
                        """, arguments: [hash])
            else { return .unknown }
            if (row["device_revoked_at"] as Double?) != nil { return .deviceRevoked }
            if (row["revoked_at"] as Double?) != nil || (row["disabled_at"] as Double?) != nil {
                return .revoked
            }
            let token = TokenRecord(
                hash: row["hash"], clerkID: row["clerk_id"], deviceID: row["device_id"],
                issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
                expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
            if token.expiresAt <= now { return .expired }
            return .valid(try Self.clerk(from: row), token)
        }
    }

    public func revokeToken(hash: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE token SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL",
                arguments: [now.timeIntervalSince1970, hash])
        }
    }

    public func revokeTokens(clerkID: String, at now: Date) async throws -> Int {
        try await pool.write { db in try Self.revokeLiveTokens(db, clerkID: clerkID, at: now) }
    }

    /// Revokes every live token of a clerk inside the caller's write transaction; returns how many.
    private static func revokeLiveTokens(_ db: Database, clerkID: String, at now: Date) throws -> Int {
        try db.execute(
            sql:
                "UPDATE token SET revoked_at = ? WHERE clerk_id = ? AND revoked_at IS NULL AND expires_at > ?",
            arguments: [now.timeIntervalSince1970, clerkID, now.timeIntervalSince1970])
        return db.changesCount
    }

    public func putCatalogEntry(_ entry: CatalogEntry) async throws {
        try await pool.write { db in
            if let source = try String.fetchOne(
                db, sql: "SELECT source FROM catalog WHERE service_id = ? AND version = ?",
                arguments: [entry.serviceID, entry.version])
            {
                if source == entry.source { return }
                throw StoreError.alreadyExists("catalog \(entry.serviceID) version \(entry.version)")
            }
            try db.execute(
                sql: "INSERT INTO catalog (service_id, version, source) VALUES (?, ?, ?)",
                arguments: [entry.serviceID, entry.version, entry.source])
        }
    }

    public func catalogEntries() async throws -> [CatalogEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM catalog ORDER BY service_id, version").map { row in
                CatalogEntry(serviceID: row["service_id"], version: row["version"], source: row["source"])
            }
        }
    }

    public func caseOrgUnits(ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var units: [UUID: String] = [:]
            for id in Set(ids) {
                if let unit = try String.fetchOne(
                    db, sql: "SELECT org_unit FROM \"case\" WHERE id = ?", arguments: [id.uuidString])
                {
                    units[id] = unit
                }
            }
            return units
        }
    }

    public func currentCase(id: UUID) async throws -> Case? {
        try await pool.read { db in try Self.loadCase(db, id: id) }
    }

    public func apply(
        _ operation: CaseModel.Operation, decide: @Sendable (Case?) -> OperationDecision
    ) async throws -> PushResult {
        let stored = try StoredOperation(operation)
        let results = try await pool.write { db in
            try Self.applyAll(db, [stored]) { _, current in decide(current) }
        }
        return results[0]
    }

    public func applyBatch(
        _ operations: [CaseModel.Operation],
        decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult] {
        let stored = try operations.map { try StoredOperation($0) }
        return try await pool.write { db in try Self.applyAll(db, stored, decide: decide) }
    }

    /// Applies `operations` in order inside the caller's write transaction: each is decided on
    /// the case as the ones before it left it, gets its change-log entry, and every changed case
    /// is written once at the end with its last version.
    private static func applyAll(
        _ db: Database, _ operations: [StoredOperation],
        decide: (CaseModel.Operation, Case?) -> OperationDecision
    ) throws -> [PushResult] {
        var written: [UUID: (state: Case, seq: Int64)] = [:]
        var results: [PushResult] = []
        results.reserveCapacity(operations.count)
        for stored in operations {
            let operation = stored.operation
            if let row = try Row.fetchOne(
                db, sql: "SELECT content_hash, result FROM operation WHERE id = ?",
                arguments: [operation.id.uuidString])
            {
                guard (row["content_hash"] as String) == stored.contentHash else {
                    throw StoreError.operationIDReused(operation.id)
                }
                results.append(
                    .duplicate(original: try StoredJSON.decode(PushResult.self, from: row["result"])))
                continue
            }
            let current = try written[operation.caseID]?.state ?? Self.loadCase(db, id: operation.caseID)
            let decision = decide(operation, current)
            let result: PushResult
            switch Settlement(decision, current: current) {
            case .keep(let kept):
                result = kept
            case .write(var next, let citizen, let prefix, let outcome):
                result = outcome
                if current == nil {
                    next.number = try assignNumber(db, prefix: prefix, given: next.number, caseID: next.id)
                }
                try db.execute(
                    sql:
                        "INSERT INTO change_log (case_id, org_unit, version, operation_id) VALUES (?, ?, ?, ?)",
                    arguments: [next.id.uuidString, next.orgUnit, next.version, operation.id.uuidString])
                written[next.id] = (next, db.lastInsertedRowID)
                if let citizen { try write(db, citizen, unit: next.orgUnit) }
            }
            try db.execute(
                sql: """
                    INSERT INTO operation (id, content_hash, clerk_id, case_id, result, received_at,
                                           device_id, body, done_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    operation.id.uuidString, stored.contentHash, operation.clerk, operation.caseID.uuidString,
                    try StoredJSON.encode(result), Date().timeIntervalSince1970,
                    decision.device ?? operation.device, stored.body,
                    (decision.doneAt ?? operation.timestamp).timeIntervalSince1970,
                ])
            results.append(result)
        }
        for (id, entry) in written {
            try db.execute(
                sql: """
                    INSERT INTO "case" (id, org_unit, version, seq, state) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
                        state = excluded.state
                    """,
                arguments: [
                    id.uuidString, entry.state.orgUnit, entry.state.version, entry.seq,
                    try StoredJSON.encode(entry.state),
                ])
        }
        return results
    }

    /// The number of a new case: the next free one under `prefix`, or `given` (imports), which
    /// must not be taken.
    private static func assignNumber(_ db: Database, prefix: String?, given: String, caseID: UUID) throws
        -> String
    {
        guard let prefix else {
            try db.execute(
                sql: "INSERT INTO case_number (number, case_id) VALUES (?, ?)",
                arguments: [given, caseID.uuidString])
            return given
        }
        while true {
            guard
                let counter = try Int64.fetchOne(
                    db,
                    sql: """
                        INSERT INTO case_number_counter (prefix, last) VALUES (?, 1)
                        ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last
                        """, arguments: [prefix])
            else { throw StoreError.corrupt("case number counter \(prefix)") }
            let number = CaseNumbers.format(prefix: prefix, counter: counter)
            try db.execute(
                sql: "INSERT OR IGNORE INTO case_number (number, case_id) VALUES (?, ?)",
                arguments: [number, caseID.uuidString])
            if db.changesCount == 1 { return number }
        }
    }

    private static func write(_ db: Database, _ write: CitizenWrite, unit: String) throws {
        let citizen = write.citizen
        let conflict =
            switch write {
            case .addIfNew: "DO NOTHING"
            // A correction never lifts (or sets) an information block: the register decides it.
            case .replace:
                """
                DO UPDATE SET data = json_set(excluded.data, '$.informationBlock',
                    json(CASE WHEN json_extract(citizen.data, '$.informationBlock') THEN 'true' ELSE 'false' END))
                """
            }
        try db.execute(
            sql:
                "INSERT INTO citizen (org_unit, id, data) VALUES (?, ?, ?) ON CONFLICT (org_unit, id) \(conflict)",
            arguments: [unit, citizen.id.uuidString, try StoredJSON.encode(citizen)])
    }

    public func storageBytes() async throws -> Int64 {
        try await pool.writeWithoutTransaction { db in
            try db.checkpoint(.truncate)
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return pages * size
        }
    }

    public func changes(
        after cursor: Int64, orgUnits: Set<String>, limit: Int, maxBytes: Int
    ) async throws -> PullResponse {
        let units = orgUnits.sorted()
        return try await pool.read { db in
            // Read in the same snapshot as the page, so no change of the page is beyond the head.
            let (storeID, head) = try Self.identityAndHead(db)
            guard !units.isEmpty, limit > 0 else {
                return PullResponse(
                    changes: [], nextCursor: cursor, hasMore: false, storeID: storeID, head: head)
            }
            let placeholders = Array(repeating: "?", count: units.count).joined(separator: ", ")
            var arguments: StatementArguments = [cursor]
            arguments += StatementArguments(units)
            arguments += [limit + 1]
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT seq, state FROM "case"
                        WHERE seq > ? AND org_unit IN (\(placeholders)) ORDER BY seq LIMIT ?
                        """), arguments: arguments)
            let citizenStatement = try db.cachedStatement(
                sql: "SELECT data FROM citizen WHERE org_unit = ? AND id = ?")
            var page = PullPage(limit: limit, maxBytes: maxBytes)
            while let row = try rows.next() {
                let text: String = row["state"]
                let state = try StoredJSON.decode(Case.self, from: text)
                var citizenText: String?
                if let citizenID = state.citizenID {
                    citizenText = try String.fetchOne(
                        citizenStatement, arguments: [state.orgUnit, citizenID.uuidString])
                }
                let change = CaseChange(
                    seq: row["seq"], case: state,
                    citizen: try citizenText.map { try StoredJSON.decode(Citizen.self, from: $0) })
                guard page.add(change, bytes: text.utf8.count + (citizenText?.utf8.count ?? 0)) else { break }
            }
            return page.response(cursor: cursor, storeID: storeID, head: head)
        }
    }

    /// The store's identity and the highest change sequence number (0 for none).
    private static func identityAndHead(_ db: Database) throws -> (UUID, Int64) {
        guard
            let text = try String.fetchOne(
                db.cachedStatement(sql: "SELECT store_id FROM store_identity WHERE id = 1")),
            let storeID = UUID(uuidString: text)
        else { throw StoreError.corrupt("store identity missing") }
        let head =
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM change_log")) ?? 0
        return (storeID, head)
    }

    private static func loadCase(_ db: Database, id: UUID) throws -> Case? {
        guard
            let state = try String.fetchOne(
                db, sql: "SELECT state FROM \"case\" WHERE id = ?", arguments: [id.uuidString])
        else { return nil }
        return try StoredJSON.decode(Case.self, from: state)
    }

    private static func clerk(from row: Row) throws -> ClerkRecord {
        ClerkRecord(
            id: row["id"], name: row["name"], passwordHash: row["password_hash"],
            roles: try StoredJSON.decode([Role].self, from: row["roles"]),
            orgUnits: try StoredJSON.decode([String].self, from: row["org_units"]),
            disabledAt: (row["disabled_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}

/// The SQLite schema, by migration; never edited once shipped.
enum SQLiteSchema {
    static let v1 = """
        CREATE TABLE org_unit (
            id TEXT PRIMARY KEY NOT NULL,
            name_de TEXT NOT NULL,
            name_en TEXT NOT NULL,
            direct_phone TEXT NOT NULL
        );
        CREATE TABLE clerk (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            roles TEXT NOT NULL,
            org_units TEXT NOT NULL
        );
        CREATE TABLE token (
            hash TEXT PRIMARY KEY NOT NULL,
            clerk_id TEXT NOT NULL REFERENCES clerk(id),
            device_id TEXT NOT NULL,
            issued_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            revoked_at REAL
        );
        CREATE INDEX token_clerk ON token(clerk_id);
        CREATE TABLE catalog (
            service_id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version > 0),
            source TEXT NOT NULL,
            PRIMARY KEY (service_id, version)
        );
        CREATE TABLE "case" (
            id TEXT PRIMARY KEY NOT NULL,
            org_unit TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version > 0),
            seq INTEGER NOT NULL,
            state TEXT NOT NULL
        );
        CREATE TABLE citizen (
            id TEXT PRIMARY KEY NOT NULL,
            org_unit TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE operation (
            id TEXT PRIMARY KEY NOT NULL,
            content_hash TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            case_id TEXT NOT NULL,
            result TEXT NOT NULL,
            received_at REAL NOT NULL
        );
        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL,
            org_unit TEXT NOT NULL,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            operation_id TEXT NOT NULL,
            UNIQUE (case_id, version)
        );
        CREATE INDEX change_log_org_unit_seq ON change_log(org_unit, seq);
        CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
        BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
        CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
        BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
        """

    /// Clerks can be disabled (`clerk-central admin disable-clerk`).
    static let v2ClerkStatus = "ALTER TABLE clerk ADD COLUMN disabled_at REAL;"

    /// The server decides: the change log keeps which operation changed a case (the operation
    /// keeps what changed), no longer a copy of the whole case per change; pulls read each
    /// case once, in its latest state; case numbers are handed out by the store; a citizen is
    /// known per org unit; an operation keeps its body, its device and when it was done.
    static let v3 = """
        ALTER TABLE change_log DROP COLUMN state;
        ALTER TABLE operation ADD COLUMN device_id TEXT;
        ALTER TABLE operation ADD COLUMN body TEXT;
        ALTER TABLE operation ADD COLUMN done_at REAL;
        CREATE INDEX case_org_unit_seq ON "case"(org_unit, seq);
        CREATE TABLE case_number (
            number TEXT PRIMARY KEY NOT NULL,
            case_id TEXT NOT NULL UNIQUE
        );
        INSERT OR IGNORE INTO case_number (number, case_id)
            SELECT json_extract(state, '$.number'), id FROM "case";
        CREATE TABLE case_number_counter (
            prefix TEXT PRIMARY KEY NOT NULL,
            last INTEGER NOT NULL
        );
        CREATE TABLE citizen_v3 (
            org_unit TEXT NOT NULL,
            id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (org_unit, id)
        );
        INSERT INTO citizen_v3 (org_unit, id, data) SELECT org_unit, id, data FROM citizen;
        DROP TABLE citizen;
        ALTER TABLE citizen_v3 RENAME TO citizen;
        """

    /// The store's identity: a random UUID made once, when this migration runs (the migration
    /// inserts it), and never changed, so that a workstation notices when it talks to another store.
    static let v4StoreIdentity = """
        CREATE TABLE store_identity (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            store_id TEXT NOT NULL
        );
        """

    /// A clerk's devices: the escrow key of each (32 random bytes, deleted on revocation), when
    /// it was first and last seen, and whether it is revoked.
    static let v5DeviceEscrow = """
        CREATE TABLE device_escrow (
            clerk_id TEXT NOT NULL REFERENCES clerk(id),
            device_id TEXT NOT NULL,
            escrow_key BLOB CHECK (escrow_key IS NULL OR length(escrow_key) = 32),
            first_seen REAL NOT NULL,
            last_contact REAL NOT NULL,
            revoked_at REAL,
            PRIMARY KEY (clerk_id, device_id),
            CHECK (revoked_at IS NULL OR escrow_key IS NULL)
        );
        CREATE INDEX token_clerk_device ON token(clerk_id, device_id);
        """
}
