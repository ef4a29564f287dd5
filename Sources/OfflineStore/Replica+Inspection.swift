import Foundation
import GRDB

/// Plain-SQL access for tests and diagnostics, so that no other module needs GRDB.
extension Replica {
    /// The first column of the first row of `sql` as an integer (-1 if there is no row).
    func sqlInteger(_ sql: String, _ arguments: [String] = []) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? -1 }
    }

    /// The first column of all rows of `sql` as text.
    func sqlStrings(_ sql: String, _ arguments: [String] = []) throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
    }

    /// Runs a writing statement in its own transaction.
    func sqlExecute(_ sql: String, _ arguments: [String] = []) throws {
        try pool.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
    }

    /// The query plan (EXPLAIN QUERY PLAN details joined by " | ") of one part of a queue page.
    func queryPlan(_ part: QueueSQL.Part, limit: Int) throws -> String {
        try pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + part.sql, arguments: part.arguments + [limit])
                .map { $0["detail"] as String }.joined(separator: " | ")
        }
    }

    /// Caps the file at `pages` pages on the writer (`PRAGMA max_page_count`; never below its size
    /// now), so writes that need a new page fail as on a full disk; nil lifts the cap. Returns the
    /// cap in effect. For tests.
    @discardableResult
    func limitPages(_ pages: Int?) throws -> Int {
        try pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages ?? Int(Int32.max))") ?? 0
        }
    }

    /// The file's size in pages and its free pages. For tests.
    func pageCounts() throws -> (pages: Int, free: Int) {
        try pool.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            )
        }
    }

    /// Runs `sql` on the file at `path` through a plain connection (no replica checks, no migrations).
    static func sqlExecute(path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }
}
