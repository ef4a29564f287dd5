import CaseModel
import Foundation
import GRDB

/// Latencies of the replica's interactive operations, through the façade and through the raw
/// SQLite C API on the same file in the same run.
public struct BenchmarkReport: Sendable {
    /// One measured operation; times in microseconds.
    public struct Line: Sendable {
        public var operation: String
        public var facadeP50: Double
        public var facadeP99: Double
        public var rawP50: Double
        public var rawP99: Double
        /// Façade p50 divided by raw p50.
        public var ratio: Double { rawP50 > 0 ? facadeP50 / rawP50 : 0 }
    }

    public var cases: Int
    public var iterations: Int
    public var lines: [Line]

    /// The report as a Markdown table.
    public func markdownTable() -> String {
        var out = "Replica with \(cases) cases, \(iterations) iterations per operation (times in µs).\n\n"
        out += "| operation | façade p50 | façade p99 | raw p50 | raw p99 | ratio p50 |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: |\n"
        for line in lines {
            out += "| \(line.operation) | \(f(line.facadeP50)) | \(f(line.facadeP99)) | \(f(line.rawP50)) "
            out += "| \(f(line.rawP99)) | \(String(format: "%.2f", line.ratio))× |\n"
        }
        return out
    }

    private func f(_ v: Double) -> String { String(format: "%.0f", v) }
}

/// Measures opening the replica, the first and a deep queue page, opening a case, a common and a
/// rare full-text search and a local edit with its outbox row (WAL, `synchronous = NORMAL`).
///
/// The edits made while measuring are removed from the outbox, queue and history afterwards.
public func runBenchmarks(
    replicaPath: String, iterations: Int = 200, services: [ServiceDefinition] = []
) throws -> BenchmarkReport {
    let rules = ReplicaRules(services: services)
    let replica = try Replica.open(path: replicaPath, rules: rules)
    defer { try? replica.close() }
    let raw = try RawSQLite(path: replicaPath)
    var lines: [BenchmarkReport.Line] = []
    let total = try replica.count(QueueFilter(openOnly: false))
    guard total > 0 else { return BenchmarkReport(cases: 0, iterations: iterations, lines: []) }

    func measure(
        _ name: String, rounds: Int, facade: (Int) throws -> Void, raw rawBody: (Int) throws -> Void
    ) throws {
        var a: [Double] = []
        var b: [Double] = []
        // The two take turns going first, so that neither gains from caches the other warmed.
        func time(_ body: (Int) throws -> Void, _ i: Int) rethrows -> Double {
            let t = DispatchTime.now().uptimeNanoseconds
            try body(i)
            return Double(DispatchTime.now().uptimeNanoseconds - t) / 1000
        }
        for i in 0..<rounds {
            if i % 2 == 0 {
                a.append(try time(facade, i))
                b.append(try time(rawBody, i))
            } else {
                b.append(try time(rawBody, i))
                a.append(try time(facade, i))
            }
        }
        lines.append(
            .init(
                operation: name, facadeP50: p(a, 0.5), facadeP99: p(a, 0.99), rawP50: p(b, 0.5),
                rawP99: p(b, 0.99)))
    }

    // Raw: what any program must do before it can trust and query the file — open it, read
    // application_id and user_version, put it in WAL mode with the replica's pragmas, and load the
    // schema (the first statement that touches a table does that; here `sqlite_master`).
    try measure(
        "open replica", rounds: min(iterations, 20),
        facade: { _ in try Replica.open(path: replicaPath, rules: rules).close() },
        raw: { _ in
            let connection = try RawSQLite(path: replicaPath)
            try connection.query("PRAGMA application_id", [])
            try connection.query("PRAGMA user_version", [])
            try connection.query("PRAGMA journal_mode = WAL", [])
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.query("SELECT * FROM sqlite_master LIMIT 1", [])
        })

    let open = QueueFilter()
    let firstSQL = QueueSQL.parts(filter: open, sort: .dueDate, after: nil)[0].sql
    try measure(
        "first queue page (open, by due date)", rounds: iterations,
        facade: { _ in _ = try replica.queuePage(filter: open, sort: .dueDate, limit: 50) },
        raw: { _ in try raw.query(firstSQL, [.int(50)]) })

    let all = QueueFilter(openOnly: false)
    let depth = Int64(min(500_000, total / 2))
    let key =
        try raw.integers(
            "SELECT due_day FROM case_queue ORDER BY due_day, seq LIMIT 1 OFFSET ?", [.int(depth)]
        ).first ?? 0
    let seq =
        try raw.integers(
            "SELECT seq FROM case_queue ORDER BY due_day, seq LIMIT 1 OFFSET ?", [.int(depth)]
        ).first ?? 0
    let cursor = QueueCursor(key: key, seq: seq)
    let deepParts = QueueSQL.parts(filter: all, sort: .dueDate, after: cursor).map(\.sql)
    try measure(
        "deep queue page (keyset, after \(depth) rows)", rounds: iterations,
        facade: { _ in _ = try replica.queuePage(filter: all, sort: .dueDate, after: cursor, limit: 50) },
        raw: { _ in
            let n = try raw.query(deepParts[0], [.int(key), .int(seq), .int(50)])
            if n < 50 { try raw.query(deepParts[1], [.int(key), .int(Int64(50 - n))]) }
        })

    let maxSeq = try raw.integers("SELECT max(seq) FROM case_queue", []).first ?? 1
    var sampleIDs: [UUID] = []
    var seed: UInt64 = 0x5EED
    for _ in 0..<iterations {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let s = Int64(seed >> 33) % maxSeq + 1
        if let row = try replica.pool.read({ db in
            try String.fetchOne(
                db, sql: "SELECT case_id FROM case_queue WHERE seq >= ? LIMIT 1", arguments: [s])
        }), let id = UUID(uuidString: row) {
            sampleIDs.append(id)
        }
    }
    guard !sampleIDs.isEmpty else {
        return BenchmarkReport(cases: total, iterations: iterations, lines: lines)
    }
    try measure(
        "open one case (visible state)", rounds: iterations,
        facade: { i in _ = try replica.visibleCase(id: sampleIDs[i % sampleIDs.count]) },
        raw: { i in
            let id = sampleIDs[i % sampleIDs.count].uuidString
            try raw.query(CaseStorage.visibleCaseSQL, [.text(id)])
        })

    try measure(
        "open one case (raw incl. the same decoding and overlay)", rounds: iterations,
        facade: { i in _ = try replica.visibleCase(id: sampleIDs[i % sampleIDs.count]) },
        raw: { i in
            let id = sampleIDs[i % sampleIDs.count].uuidString
            var central: Case?
            var pending: [(Int64, CaseModel.Operation)] = []
            for (tag, seq, body) in try raw.taggedBodies(CaseStorage.visibleCaseSQL, [.text(id)]) {
                if tag == 0 {
                    central = try CaseBody.decode(body)
                } else {
                    pending.append((seq, try JSONDecoder().decode(CaseModel.Operation.self, from: body)))
                }
            }
            pending.sort { $0.0 < $1.0 }
            _ = CaseStorage.visible(central: central, pending: pending.map(\.1), rules: rules)
        })

    // Raw: the same statements, every column of every row read.
    func rawSearch(_ text: String) throws {
        guard let match = SearchText.matchExpression(text) else { return }
        let hits = try raw.query(SearchSQL.newest, [.text(match), .int(50)])
        if hits < 50 && hits > 1 { _ = try raw.integers(SearchSQL.ranked, [.text(match), .int(50)]) }
        try raw.query(SearchSQL.exact, [.text(text.uppercased())])
    }
    let common = "Mül"
    let commonHits =
        try raw.integers(
            "SELECT count(*) FROM case_search WHERE case_search MATCH ?",
            [.text(SearchText.matchExpression(common) ?? "")]
        ).first ?? 0
    try measure(
        "search common prefix \"\(common)\" (\(commonHits) hits)", rounds: iterations,
        facade: { _ in _ = try replica.search(common, limit: 50) }, raw: { _ in try rawSearch(common) })
    let rare =
        try replica.queuePage(filter: all, sort: .receivedOldestFirst, limit: 1).first?.citizenName
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.reversed().joined(
            separator: " ") ?? "x"
    let rareHits =
        try raw.integers(
            "SELECT count(*) FROM case_search WHERE case_search MATCH ?",
            [.text(SearchText.matchExpression(rare) ?? "")]
        ).first ?? 0
    try measure(
        "search rare name \"\(rare)\" (\(rareHits) hits)", rounds: iterations,
        facade: { _ in _ = try replica.search(rare, limit: 50) }, raw: { _ in try rawSearch(rare) })

    // The raw path writes the same rows with operations encoded beforehand.
    let rawOperations = try (0..<iterations).map { i in
        let operation = CaseModel.Operation(
            caseID: sampleIDs[(i + 1) % sampleIDs.count], baseVersion: 0, clerk: "bench", device: benchDevice,
            timestamp: Date(),
            kind: .setField(field: FormDefinition.commentFieldID, old: nil, new: .text("R \(i)")))
        return (operation, try CaseStorage.encode(operation))
    }
    try measure(
        "local edit + outbox row (one transaction)", rounds: iterations,
        facade: { i in
            try replica.record(
                CaseModel.Operation(
                    caseID: sampleIDs[i % sampleIDs.count], baseVersion: 0, clerk: "bench",
                    device: benchDevice,
                    timestamp: Date(),
                    kind: .setField(field: FormDefinition.commentFieldID, old: nil, new: .text("B \(i)"))))
        },
        raw: { i in
            let (operation, json) = rawOperations[i]
            let caseID = operation.caseID.uuidString
            let opID = operation.id.uuidString
            try raw.execute("BEGIN IMMEDIATE")
            try raw.query("SELECT EXISTS (SELECT 1 FROM outbox WHERE op_id = ?)", [.text(opID)])
            try raw.query("SELECT body FROM case_central WHERE id = ?", [.text(caseID)])
            try raw.query("SELECT body FROM outbox WHERE case_id = ? ORDER BY seq", [.text(caseID)])
            try raw.query(
                "INSERT INTO outbox (op_id, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
                [.text(opID), .text(caseID), .text("set_field"), .text(json), .int(Millis.from(Date()))])
            try raw.query("SELECT seq, number, citizen_id FROM case_queue WHERE case_id = ?", [.text(caseID)])
            try raw.query(
                "UPDATE case_queue SET pending = pending + 1, last_activity_at = ? WHERE case_id = ?",
                [.int(Millis.from(Date())), .text(caseID)])
            try raw.query(
                "INSERT INTO case_history (case_id, at, clerk, what, op_id) VALUES (?, ?, ?, ?, ?)",
                [.text(caseID), .int(0), .text("bench"), .text("raw"), .text(opID)])
            try raw.execute("COMMIT")
        })
    try removeBenchmarkOperations(replica)
    return BenchmarkReport(cases: total, iterations: iterations, lines: lines)
}

let benchDevice = "benchmark"

/// Takes the operations the benchmark recorded out of the outbox and the history again.
func removeBenchmarkOperations(_ replica: Replica) throws {
    let ids = try replica.pool.read { db in
        try String.fetchAll(db, sql: "SELECT body FROM outbox").compactMap {
            try? CaseStorage.decode(CaseModel.Operation.self, $0)
        }.filter { $0.device == benchDevice }.map(\.id)
    }
    try replica.acknowledge(operationIDs: ids)
    try replica.pool.write { db in
        for id in ids {
            try db.execute(sql: "DELETE FROM case_history WHERE op_id = ?", arguments: [id.uuidString])
        }
    }
}

private func p(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
}
