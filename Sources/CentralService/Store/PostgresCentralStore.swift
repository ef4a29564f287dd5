import CaseModel
import Foundation
import Logging
import PostgresNIO
import SyncProtocol

/// The production store: PostgreSQL through a PostgresNIO `PostgresClient` pool.
///
/// **Change-log order.** `change_log.seq` (and with it a case's `seq`) comes from a sequence, and sequence values are
/// handed out when a transaction asks, not when it commits: two writers could commit seq 8
/// before seq 7, and a client pulling in between would move its cursor past 7 and never see
/// it. To rule this out, every transaction that appends to the change log first takes the
/// transaction-level advisory lock `changeLogLock` (`pg_advisory_xact_lock`) and keeps it until
/// it commits or rolls back. PostgreSQL releases that lock only after the commit is visible to
/// new snapshots, so seq order is commit order: whatever a pull sees below its highest seq is
/// already complete. Writers still validate and merge in parallel (each holds only its case
/// row `FOR UPDATE` until then); only the append and the commit are serialised.
public final class PostgresCentralStore: CentralStore {
    public var kind: StoreKind { .postgres }
    /// The connection pool; it must be running (`client.run()`, or as a service of the app).
    public let client: PostgresClient
    /// The advisory lock key that serialises change-log appends (ASCII "clerklog").
    public static let changeLogLock: Int64 = 0x636C_6572_6B6C_6F67
    private static let migrationLock: Int64 = 0x636C_6572_6B6D_6967
    private let schema: String?
    let logger: Logger

    /// Creates a store for the database at `url` (`postgres://user:password@host:port/db`, or
    /// `postgres://user@/db?host=/socket/dir` for a unix socket). With `schema`, every table
    /// lives in that schema (created by `migrate()`).
    public init(url: String, schema: String? = nil, logger: Logger) throws {
        var configuration = try Self.configuration(url: url)
        if let schema {
            guard schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !schema.isEmpty else {
                throw StoreError.corrupt("invalid schema name \(schema)")
            }
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.schema = schema
        self.logger = logger
    }

    /// Parses a `postgres://` URL into a client configuration (TLS off unless `sslmode=require`).
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw StoreError.corrupt("not a postgres:// URL") }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        var database = String(components.path.drop(while: { $0 == "/" }))
        if database.isEmpty { database = user }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        }
        let tls: PostgresClient.Configuration.TLS =
            query["sslmode"] == "require" ? .require(.makeClientConfiguration()) : .disable
        return PostgresClient.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: user,
            password: password, database: database, tls: tls)
    }

    public func migrate() async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            if let schema {
                try await connection.query(
                    "CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            }
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY)", logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM schema_migration", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            for (version, statements) in PostgresSchema.migrations where !applied.contains(version) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (version) VALUES (\(version))", logger: logger)
            }
        }
    }

    public func createOrgUnit(_ unit: OrgUnitRef) async throws {
        do {
            try await client.query(
                """
                INSERT INTO org_unit (id, name_de, name_en, direct_phone)
                VALUES (\(unit.id), \(unit.name.de), \(unit.name.en), \(unit.directPhone))
                """, logger: logger)
        } catch  where Self.isUniqueViolation(error) {
            throw StoreError.alreadyExists("org unit \(unit.id)")
        }
    }

    public func orgUnits() async throws -> [OrgUnitRef] {
        var units: [OrgUnitRef] = []
        let rows = try await client.query(
            "SELECT id, name_de, name_en, direct_phone FROM org_unit ORDER BY id", logger: logger)
        for try await (id, de, en, phone) in rows.decode((String, String, String, String).self) {
            units.append(OrgUnitRef(id: id, name: LocalizedText(de: de, en: en), directPhone: phone))
        }
        return units
    }

    public func createClerk(_ clerk: ClerkRecord) async throws {
        let roles = try StoredJSON.encode(clerk.roles)
        let units = try StoredJSON.encode(clerk.orgUnits)
        try await transaction { connection in
            for unit in clerk.orgUnits {
                let rows = try await connection.query(
                    "SELECT 1 FROM org_unit WHERE id = \(unit)", logger: logger)
                if try await rows.collect().isEmpty { throw StoreError.unknownOrgUnit(unit) }
            }
            do {
                try await connection.query(
                    """
                    INSERT INTO clerk (id, name, password_hash, roles, org_units, disabled_at)
                    VALUES (\(clerk.id), \(clerk.name), \(clerk.passwordHash), \(roles)::jsonb, \(units)::jsonb,
                            \(clerk.disabledAt))
                    """, logger: logger)
            } catch  where Self.isUniqueViolation(error) {
                throw StoreError.alreadyExists("clerk \(clerk.id)")
            }
        }
    }

    public func clerk(id: String) async throws -> ClerkRecord? {
        let rows = try await client.query(
            """
            SELECT id, name, password_hash, roles::text, org_units::text, disabled_at FROM clerk
            WHERE id = \(id)
            """, logger: logger)
        for try await row in rows.decode((String, String, String, String, String, Date?).self) {
            return try Self.clerk(row)
        }
        return nil
    }

    public func updateClerk(
        id: String, at now: Date, _ change: @Sendable (inout ClerkRecord) throws -> Void
    ) async throws -> ClerkUpdate {
        try await transaction { connection in
            let rows = try await connection.query(
                """
                SELECT id, name, password_hash, roles::text, org_units::text, disabled_at FROM clerk
                WHERE id = \(id) FOR UPDATE
                """, logger: logger)
            var found: ClerkRecord?
            for try await row in rows.decode((String, String, String, String, String, Date?).self) {
                found = try Self.clerk(row)
            }
            guard let before = found else { throw StoreError.unknownClerk(id) }
            var after = before
            try change(&after)
            after.id = id
            for unit in after.orgUnits {
                let rows = try await connection.query(
                    "SELECT 1 FROM org_unit WHERE id = \(unit)", logger: logger)
                if try await rows.collect().isEmpty { throw StoreError.unknownOrgUnit(unit) }
            }
            let roles = try StoredJSON.encode(after.roles)
            let units = try StoredJSON.encode(after.orgUnits)
            try await connection.query(
                """
                UPDATE clerk SET name = \(after.name), password_hash = \(after.passwordHash),
                    roles = \(roles)::jsonb, org_units = \(units)::jsonb, disabled_at = \(after.disabledAt)
                WHERE id = \(id)
                """, logger: logger)
            var revoked = 0
            if after.takesRightsAway(from: before) {
                revoked = try await Self.revokeLiveTokens(connection, clerkID: id, at: now, logger: logger)
            }
            return ClerkUpdate(before: before, after: after, revokedTokens: revoked)
        }
    }

    public func insertToken(_ token: TokenRecord) async throws {
        try await client.query(
            """
            INSERT INTO token (hash, clerk_id, device_id, issued_at, expires_at)
            VALUES (\(token.hash), \(token.clerkID), \(token.deviceID), \(token.issuedAt), \(token.expiresAt))
            """, logger: logger)
    }

    public func lookUpToken(hash: String, at now: Date) async throws -> TokenLookup {
        let rows = try await client.query(
            """
            SELECT t.hash, t.clerk_id, t.device_id, t.issued_at, t.expires_at,
                   t.revoked_at IS NOT NULL OR c.disabled_at IS NOT NULL,
                   c.id, c.name, c.password_hash, c.roles::text, c.org_units::text, c.disabled_at,
                   d.revoked_at IS NOT NULL
            FROM token t JOIN clerk c ON c.id = t.clerk_id
            LEFT JOIN device_escrow d ON d.clerk_id = t.clerk_id AND d.device_id = t.device_id
            WHERE t.hash = \(hash)
            """, logger: logger)
        for try await row in rows.decode(
            (String, String, String, Date, Date, Bool, String, String, String, String, String, Date?, Bool)
                .self)
        {
            if row.12 { return .deviceRevoked }
            if row.5 { return .revoked }
            if row.4 <= now { return .expired }
            let token = TokenRecord(
                hash: row.0, clerkID: row.1, deviceID: row.2, issuedAt: row.3, expiresAt: row.4)
            return .valid(try Self.clerk((row.6, row.7, row.8, row.9, row.10, row.11)), token)
        }
        return .unknown
    }

    public func revokeToken(hash: String, at now: Date) async throws {
        try await client.query(
            "UPDATE token SET revoked_at = \(now) WHERE hash = \(hash) AND revoked_at IS NULL", logger: logger
        )
    }

    public func revokeTokens(clerkID: String, at now: Date) async throws -> Int {
        try await transaction { connection in
            try await Self.revokeLiveTokens(connection, clerkID: clerkID, at: now, logger: self.logger)
        }
    }

    /// Revokes every live token of a clerk on `connection`; returns how many.
    private static func revokeLiveTokens(
        _ connection: PostgresConnection, clerkID: String, at now: Date, logger: Logger
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            UPDATE token SET revoked_at = \(now)
            WHERE clerk_id = \(clerkID) AND revoked_at IS NULL AND expires_at > \(now) RETURNING hash
            """, logger: logger)
        return try await rows.collect().count
    }

    public func putCatalogEntry(_ entry: CatalogEntry) async throws {
        let rows = try await client.query(
            """
            INSERT INTO catalog (service_id, version, source) VALUES (\(entry.serviceID), \(entry.version), \(entry.source))
            ON CONFLICT (service_id, version) DO UPDATE SET source = catalog.source
            RETURNING source
            """, logger: logger)
        for try await source in rows.decode(String.self) where source != entry.source {
            throw StoreError.alreadyExists("catalog \(entry.serviceID) version \(entry.version)")
        }
    }

    public func catalogEntries() async throws -> [CatalogEntry] {
        var entries: [CatalogEntry] = []
        let rows = try await client.query(
            "SELECT service_id, version, source FROM catalog ORDER BY service_id, version", logger: logger)
        for try await (service, version, source) in rows.decode((String, Int, String).self) {
            entries.append(CatalogEntry(serviceID: service, version: version, source: source))
        }
        return entries
    }

    public func caseOrgUnits(ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var units: [UUID: String] = [:]
        let rows = try await client.query(
            "SELECT id, org_unit FROM \"case\" WHERE id = ANY(\(Array(Set(ids))))", logger: logger)
        for try await (id, unit) in rows.decode((UUID, String).self) { units[id] = unit }
        return units
    }

    public func currentCase(id: UUID) async throws -> Case? {
        let rows = try await client.query(
            "SELECT state::text FROM \"case\" WHERE id = \(id)", logger: logger)
        for try await state in rows.decode(String.self) {
            return try StoredJSON.decode(Case.self, from: state)
        }
        return nil
    }

    public func apply(
        _ operation: CaseModel.Operation, decide: @Sendable (Case?) -> OperationDecision
    ) async throws -> PushResult {
        let stored = try StoredOperation(operation)
        return try await applyAll([stored]) { _, current in decide(current) }[0]
    }

    public func applyBatch(
        _ operations: [CaseModel.Operation],
        decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult] {
        guard !operations.isEmpty else { return [] }
        return try await applyAll(try operations.map { try StoredOperation($0) }, decide: decide)
    }

    /// Applies operations in one transaction, retried when a concurrent transaction inserted
    /// the same operation or created the same case first (the next attempt sees its result).
    private func applyAll(
        _ operations: [StoredOperation], decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult] {
        var attempts = 0
        while true {
            do {
                return try await transaction { connection in
                    try await self.applyAll(connection, operations, decide: decide)
                }
            } catch  where Self.isUniqueViolation(error) && attempts < 3 {
                attempts += 1
            }
        }
    }

    /// Applies a batch with few statements: the earlier results and the locked cases are read
    /// once, every operation is decided in memory (each seeing the cases as the ones before it
    /// left them), and the change log, cases, citizens and results are written with one
    /// multi-row statement each; only a new case's number takes a statement of its own.
    private func applyAll(
        _ connection: PostgresConnection, _ operations: [StoredOperation],
        decide: @Sendable (CaseModel.Operation, Case?) -> OperationDecision
    ) async throws -> [PushResult] {
        let logger = self.logger
        var recorded: [UUID: (hash: String, result: String)] = [:]
        let operationIDs = operations.map(\.operation.id)
        let seen = try await connection.query(
            "SELECT id, content_hash, result::text FROM operation WHERE id = ANY(\(operationIDs))",
            logger: logger)
        for try await (id, hash, result) in seen.decode((UUID, String, String).self) {
            recorded[id] = (hash, result)
        }
        var cases: [UUID: Case] = [:]
        let caseIDs = Array(Set(operations.map(\.operation.caseID)))
        let locked = try await connection.query(
            "SELECT state::text FROM \"case\" WHERE id = ANY(\(caseIDs)) ORDER BY id FOR UPDATE",
            logger: logger)
        for try await state in locked.decode(String.self) {
            let stored = try StoredJSON.decode(Case.self, from: state)
            cases[stored.id] = stored
        }
        var writes = BatchWrites()
        var results: [PushResult] = []
        results.reserveCapacity(operations.count)
        for stored in operations {
            let operation = stored.operation
            if let earlier = recorded[operation.id] {
                guard earlier.hash == stored.contentHash else {
                    throw StoreError.operationIDReused(operation.id)
                }
                results.append(
                    .duplicate(original: try StoredJSON.decode(PushResult.self, from: earlier.result)))
                continue
            }
            let current = cases[operation.caseID]
            let decision = decide(operation, current)
            let result: PushResult
            switch Settlement(decision, current: current) {
            case .keep(let kept):
                result = kept
            case .write(var next, let citizen, let prefix, let written):
                result = written
                if current == nil {
                    next.number = try await assignNumber(
                        connection, prefix: prefix, given: next.number, caseID: next.id)
                }
                cases[next.id] = next
                writes.change(next, operation: operation.id)
                if let citizen { try writes.citizen(citizen, unit: next.orgUnit) }
            }
            let resultText = try StoredJSON.encode(result)
            writes.result(stored, decision: decision, result: resultText)
            recorded[operation.id] = (stored.contentHash, resultText)
            results.append(result)
        }
        try await writes.flush(connection, cases: cases, logger: logger)
        return results
    }

    /// The number of a new case: the next free one under `prefix`, or `given` (imports), which
    /// must not be taken.
    private func assignNumber(
        _ connection: PostgresConnection, prefix: String?, given: String, caseID: UUID
    ) async throws -> String {
        guard let prefix else {
            try await connection.query(
                "INSERT INTO case_number (number, case_id) VALUES (\(given), \(caseID))", logger: logger)
            return given
        }
        while true {
            var counter: Int64 = 0
            let rows = try await connection.query(
                """
                INSERT INTO case_number_counter (prefix, last) VALUES (\(prefix), 1)
                ON CONFLICT (prefix) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last
                """, logger: logger)
            for try await value in rows.decode(Int64.self) { counter = value }
            let number = CaseNumbers.format(prefix: prefix, counter: counter)
            let inserted = try await connection.query(
                """
                INSERT INTO case_number (number, case_id) VALUES (\(number), \(caseID))
                ON CONFLICT (number) DO NOTHING RETURNING number
                """, logger: logger)
            if try await !inserted.collect().isEmpty { return number }
        }
    }

    public func storageBytes() async throws -> Int64 {
        let rows = try await client.query(
            """
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r'
            """, logger: logger)
        for try await bytes in rows.decode(Int64.self) { return bytes }
        return 0
    }

    public func changes(
        after cursor: Int64, orgUnits: Set<String>, limit: Int, maxBytes: Int
    ) async throws -> PullResponse {
        let units = orgUnits.sorted()
        guard !units.isEmpty, limit > 0 else {
            let (storeID, head) = try await identityAndHead()
            return PullResponse(changes: [], nextCursor: cursor, hasMore: false, storeID: storeID, head: head)
        }
        let rows = try await client.query(
            """
            SELECT c.seq, c.state::text, z.data::text
            FROM "case" c
            LEFT JOIN citizen z ON z.org_unit = c.org_unit AND z.id = (c.state->>'citizenID')::uuid
            WHERE c.seq > \(cursor) AND c.org_unit = ANY(\(units))
            ORDER BY c.seq LIMIT \(limit + 1)
            """, logger: logger)
        var page = PullPage(limit: limit, maxBytes: maxBytes)
        var full = false
        for try await (seq, state, citizen) in rows.decode((Int64, String, String?).self) where !full {
            let change = CaseChange(
                seq: seq, case: try StoredJSON.decode(Case.self, from: state),
                citizen: try citizen.map { try StoredJSON.decode(Citizen.self, from: $0) })
            full = !page.add(change, bytes: state.utf8.count + (citizen?.utf8.count ?? 0))
        }
        // Read after the page: every change the page holds is committed, so the head is not below it.
        let (storeID, head) = try await identityAndHead()
        return page.response(cursor: cursor, storeID: storeID, head: head)
    }

    /// The store's identity and the highest change sequence number (0 for none).
    private func identityAndHead() async throws -> (UUID, Int64) {
        let rows = try await client.query(
            """
            SELECT (SELECT store_id FROM store_identity WHERE id = 1),
                (SELECT coalesce(max(seq), 0)::bigint FROM change_log)
            """, logger: logger)
        for try await (storeID, head) in rows.decode((UUID?, Int64).self) {
            guard let storeID else { break }
            return (storeID, head)
        }
        throw StoreError.corrupt("store identity missing")
    }

    /// Runs `body` in a transaction; errors thrown by `body` come out unwrapped.
    func transaction<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError { throw inner }
            throw error
        }
    }

    private static func clerk(_ row: (String, String, String, String, String, Date?)) throws -> ClerkRecord {
        ClerkRecord(
            id: row.0, name: row.1, passwordHash: row.2,
            roles: try StoredJSON.decode([Role].self, from: row.3),
            orgUnits: try StoredJSON.decode([String].self, from: row.4), disabledAt: row.5)
    }

    /// Whether `error` is (or wraps) a PostgreSQL unique violation (SQLSTATE 23505).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        if let error = error as? PostgresTransactionError {
            return error.closureError.map(isUniqueViolation) ?? false
        }
        return false
    }
}

/// The PostgreSQL schema, by migration; never edited once shipped.
enum PostgresSchema {
    static let migrations: [(Int, [String])] = [
        (
            1,
            [
                """
                CREATE TABLE org_unit (
                    id text PRIMARY KEY, name_de text NOT NULL, name_en text NOT NULL,
                    direct_phone text NOT NULL)
                """,
                """
                CREATE TABLE clerk (
                    id text PRIMARY KEY, name text NOT NULL, password_hash text NOT NULL,
                    roles jsonb NOT NULL, org_units jsonb NOT NULL)
                """,
                """
                CREATE TABLE token (
                    hash text PRIMARY KEY, clerk_id text NOT NULL REFERENCES clerk(id),
                    device_id text NOT NULL, issued_at timestamptz NOT NULL,
                    expires_at timestamptz NOT NULL, revoked_at timestamptz)
                """,
                "CREATE INDEX token_clerk ON token(clerk_id)",
                """
                CREATE TABLE catalog (
                    service_id text NOT NULL, version integer NOT NULL CHECK (version > 0),
                    source text NOT NULL, PRIMARY KEY (service_id, version))
                """,
                """
                CREATE TABLE "case" (
                    id uuid PRIMARY KEY, org_unit text NOT NULL,
                    version bigint NOT NULL CHECK (version > 0), seq bigint NOT NULL, state jsonb NOT NULL)
                """,
                "CREATE TABLE citizen (id uuid PRIMARY KEY, org_unit text NOT NULL, data jsonb NOT NULL)",
                """
                CREATE TABLE operation (
                    id uuid PRIMARY KEY, content_hash text NOT NULL, clerk_id text NOT NULL,
                    case_id uuid NOT NULL, result jsonb NOT NULL, received_at timestamptz NOT NULL)
                """,
                """
                CREATE TABLE change_log (
                    seq bigserial PRIMARY KEY, case_id uuid NOT NULL, org_unit text NOT NULL,
                    version bigint NOT NULL, state jsonb NOT NULL, operation_id uuid NOT NULL,
                    UNIQUE (case_id, version))
                """,
                "CREATE INDEX change_log_org_unit_seq ON change_log(org_unit, seq)",
                """
                CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$
                """,
                """
                CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
                FOR EACH ROW EXECUTE FUNCTION change_log_append_only()
                """,
            ]
        ),
        // Clerks can be disabled (`clerk-central admin disable-clerk`).
        (2, ["ALTER TABLE clerk ADD COLUMN disabled_at timestamptz"]),
        (
            3,
            [
                // The change log keeps which operation changed a case (the operation keeps what
                // changed), no longer the whole case per change; pulls read "case" by seq.
                "ALTER TABLE change_log DROP COLUMN state",
                "ALTER TABLE operation ADD COLUMN device_id text",
                "ALTER TABLE operation ADD COLUMN body jsonb",
                "ALTER TABLE operation ADD COLUMN done_at timestamptz",
                "CREATE INDEX case_org_unit_seq ON \"case\"(org_unit, seq)",
                "CREATE TABLE case_number (number text PRIMARY KEY, case_id uuid NOT NULL UNIQUE)",
                """
                INSERT INTO case_number (number, case_id)
                SELECT state->>'number', id FROM "case" ON CONFLICT DO NOTHING
                """,
                "CREATE TABLE case_number_counter (prefix text PRIMARY KEY, last bigint NOT NULL)",
                "ALTER TABLE citizen DROP CONSTRAINT citizen_pkey",
                "ALTER TABLE citizen ADD PRIMARY KEY (org_unit, id)",
            ]
        ),
        (
            4,
            [
                // The store's identity: a random UUID made once, by this migration, and never
                // changed, so that a workstation notices when it talks to another store.
                """
                CREATE TABLE store_identity (
                    id integer PRIMARY KEY CHECK (id = 1), store_id uuid NOT NULL)
                """,
                "INSERT INTO store_identity (id, store_id) VALUES (1, gen_random_uuid())",
            ]
        ),
        (
            5,
            [
                // A clerk's devices: the escrow key of each (deleted on revocation), when it was
                // first and last seen, and whether it is revoked.
                """
                CREATE TABLE device_escrow (
                    clerk_id text NOT NULL REFERENCES clerk(id), device_id text NOT NULL,
                    escrow_key bytea CHECK (escrow_key IS NULL OR length(escrow_key) = 32),
                    first_seen timestamptz NOT NULL, last_contact timestamptz NOT NULL,
                    revoked_at timestamptz, PRIMARY KEY (clerk_id, device_id),
                    CHECK (revoked_at IS NULL OR escrow_key IS NULL))
                """,
                "CREATE INDEX token_clerk_device ON token(clerk_id, device_id)",
            ]
        ),
    ]
}
