import Foundation
import GRDBSQLite

/// A bare SQLite C API connection, the yardstick of the benchmarks.
final class RawSQLite {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else {
            sqlite3_close_v2(db)
            throw ReplicaError.cannotOpen(path: path, detail: "raw open failed")
        }
        sqlite3_busy_timeout(db, 10_000)
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// A bindable value.
    enum Value {
        case int(Int64)
        case text(String)
        case blob(Data)
        case null
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// Runs a cached statement and reads every column of every row; returns the number of rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value]) throws -> Int {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        bind(statement, values)
        var rows = 0
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw failure() }
            rows += 1
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_TEXT: _ = sqlite3_column_text(statement, column).map { String(cString: $0) }
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    _ = sqlite3_column_blob(statement, column).map { Data(bytes: $0, count: count) }
                default: _ = sqlite3_column_int64(statement, column)
                }
            }
        }
        return rows
    }

    /// The first column of all rows as integers.
    func integers(_ sql: String, _ values: [Value]) throws -> [Int64] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        bind(statement, values)
        var result: [Int64] = []
        while sqlite3_step(statement) == SQLITE_ROW { result.append(sqlite3_column_int64(statement, 0)) }
        return result
    }

    /// The first column of all rows as text.
    func texts(_ sql: String, _ values: [Value]) throws -> [String] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        bind(statement, values)
        var result: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        return result
    }

    /// The first column of the first row as bytes (a blob, or the UTF-8 of a text).
    func bytes(_ sql: String, _ values: [Value]) throws -> Data? {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        bind(statement, values)
        guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
        let count = Int(sqlite3_column_bytes(statement, 0))
        return sqlite3_column_blob(statement, 0).map { Data(bytes: $0, count: count) } ?? Data()
    }

    /// Rows of (integer, integer, bytes), as `CaseStorage.visibleCaseSQL` returns them.
    func taggedBodies(_ sql: String, _ values: [Value]) throws -> [(Int64, Int64, Data)] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        bind(statement, values)
        var result: [(Int64, Int64, Data)] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let count = Int(sqlite3_column_bytes(statement, 2))
            let body = sqlite3_column_blob(statement, 2).map { Data(bytes: $0, count: count) } ?? Data()
            result.append((sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1), body))
        }
        return result
    }

    private func bind(_ statement: OpaquePointer, _ values: [Value]) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .int(let v): sqlite3_bind_int64(statement, index, v)
            case .text(let v): sqlite3_bind_text(statement, index, v, -1, sqliteTransient)
            case .blob(let v):
                _ = v.withUnsafeBytes {
                    sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), sqliteTransient)
                }
            case .null: sqlite3_bind_null(statement, index)
            }
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure()
        }
        statements[sql] = statement
        return statement
    }

    private func failure() -> ReplicaError {
        .cannotOpen(
            path: "", detail: db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "sqlite error")
    }
}

/// SQLITE_TRANSIENT, which the C macro defines as a cast that Swift cannot import.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
