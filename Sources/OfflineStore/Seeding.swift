import CaseModel
import DemoData
import Foundation
import GRDB

/// What seeding did.
public struct SeedReport: Hashable, Sendable {
    public var cases: Int
    public var citizens: Int
    public var seconds: Double
}

/// Fills an empty replica with `cases` realistic demo cases as if pulled from the central service.
///
/// Deterministic for the same `seed`, `services` and `now`. Fast: one writer, transactions of
/// 20,000 cases, prepared statements, the queue indexes dropped during the bulk insert and rebuilt
/// afterwards, the full-text index merged once at the end. `progress` gets the number of cases
/// written so far after each batch. With `key` the replica is sealed (see `Replica.open`).
@discardableResult
public func seed(
    replicaPath: String, cases: Int, seed: UInt64, services: [ServiceDefinition],
    now: Date = Date(), key: ReplicaKey? = nil, progress: (@Sendable (Int) -> Void)? = nil
) throws -> SeedReport {
    let start = Date()
    let replica = try Replica.open(path: replicaPath, services: services, key: key)
    defer { try? replica.close() }
    let rules = replica.rules
    var generator = DemoCaseGenerator(services: services, count: cases, seed: seed, now: now)
    var written = 0
    var citizens = 0
    let batch = 20_000
    try replica.pool.writeWithoutTransaction { db in
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM case_queue") ?? 0
        guard existing == 0 else { throw ReplicaError.notEmpty(path: replicaPath) }
        try db.execute(sql: "PRAGMA cache_size = -262144")
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'case_queue' AND sql IS NOT NULL
                """
        ).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
        let insertCitizen = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO citizen (id, given_name, family_name, date_of_birth, street, house_number,
                    postcode, city, phone, email, information_block)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertCentral = try db.makeStatement(
            sql: """
                INSERT INTO case_central (id, number, service_id, state, org_unit, citizen_id, received_at,
                    due_day, last_activity_at, assignee, claim_clerk, claim_until, version, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertQueue = try db.makeStatement(sql: CaseStorage.insertQueueSQL)
        let insertSearch = try db.makeStatement(sql: CaseStorage.insertSearchSQL)
        var done = false
        while !done {
            try db.inTransaction {
                for _ in 0..<batch {
                    guard let item = generator.next() else {
                        done = true
                        break
                    }
                    let c = item.caseValue
                    if item.citizenIsNew {
                        insertCitizen.setUncheckedArguments(CaseStorage.citizenArguments(item.citizen))
                        try insertCitizen.execute()
                        citizens += 1
                    }
                    let body = CaseBody.encode(c)
                    let due = CaseStorage.dueDay(c, rules)
                    insertCentral.setUncheckedArguments(CaseStorage.centralArguments(c, body: body, due: due))
                    try insertCentral.execute()
                    insertQueue.setUncheckedArguments(
                        CaseStorage.queueArguments(
                            c, citizen: item.citizen, pending: 0, due: due, rules: rules))
                    try insertQueue.execute()
                    let (number, name, address) = CaseStorage.searchColumns(
                        number: c.number, citizen: item.citizen)
                    insertSearch.setUncheckedArguments([db.lastInsertedRowID, number, name, address])
                    try insertSearch.execute()
                    written += 1
                }
                return .commit
            }
            progress?(written)
        }
        try db.inTransaction {
            for index in indexes { try db.execute(sql: index.sql) }
            try db.execute(sql: "INSERT INTO case_search (case_search) VALUES ('optimize')")
            return .commit
        }
        _ = try db.checkpoint(.truncate)
    }
    return SeedReport(cases: written, citizens: citizens, seconds: Date().timeIntervalSince(start))
}
