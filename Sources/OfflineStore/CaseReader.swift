import CaseModel
import Foundation
import GRDBSQLite
import Synchronization

/// Opening a case: one prepared statement on a dedicated read-only connection.
///
/// Handing a read to GRDB's reader pool costs about 12 µs before any SQL runs (pool semaphore,
/// dispatch queue, schema-version check) — more than reading a case and decoding it. Opening a
/// case is the replica's most frequent read, so it takes this short path: a plain SQLite
/// connection, opened on first use, guarded by a mutex, running `CaseStorage.visibleCaseSQL`.
/// One statement means one read transaction, so the central state and the pending operations are
/// always seen at the same moment (WAL mode lets it read while the writer writes).
final class CaseReader: Sendable {
    private let path: String
    private let state = Mutex<Connection?>(nil)

    init(path: String) {
        self.path = path
    }

    /// A connection with its prepared statement; only used while the mutex is held.
    private final class Connection {
        let db: OpaquePointer
        let statement: OpaquePointer

        init(path: String) throws {
            var db: OpaquePointer?
            guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
                let db
            else {
                sqlite3_close_v2(db)
                throw ReplicaError.cannotOpen(path: path, detail: "read connection")
            }
            sqlite3_busy_timeout(db, 10_000)
            var statement: OpaquePointer?
            guard
                sqlite3_prepare_v3(
                    db, CaseStorage.visibleCaseSQL, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
                    == SQLITE_OK, let statement
            else {
                let error = ReplicaError.reading(db)
                sqlite3_close_v2(db)
                throw error
            }
            self.db = db
            self.statement = statement
        }

        deinit {
            sqlite3_finalize(statement)
            sqlite3_close_v2(db)
        }

        func visibleCase(id: UUID, rules: ReplicaRules) throws -> Case? {
            defer {
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
            }
            sqlite3_bind_text(statement, 1, id.uuidString, -1, sqliteTransient)
            var central: Case?
            var pending: [(Int64, CaseModel.Operation)] = []
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw ReplicaError.reading(db) }
                let count = Int(sqlite3_column_bytes(statement, 2))
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 2), count: count)
                if sqlite3_column_int64(statement, 0) == 0 {
                    central = try CaseBody.decode(bytes)
                } else {
                    let operation = try JSONDecoder().decode(CaseModel.Operation.self, from: Data(bytes))
                    pending.append((sqlite3_column_int64(statement, 1), operation))
                }
            }
            guard !pending.isEmpty else { return central }
            pending.sort { $0.0 < $1.0 }
            return CaseStorage.visible(central: central, pending: pending.map(\.1), rules: rules)
        }
    }

    /// The visible state of a case (central state with the pending operations on top).
    func visibleCase(id: UUID, rules: ReplicaRules) throws -> Case? {
        try state.withLock { connection in
            if connection == nil { connection = try Connection(path: path) }
            guard let connection else { return nil }
            return try connection.visibleCase(id: id, rules: rules)
        }
    }

    /// Closes the connection; a later read opens it again.
    func close() {
        state.withLock { $0 = nil }
    }
}
