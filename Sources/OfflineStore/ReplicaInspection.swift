import Foundation
import GRDBSQLite

/// Read-only checks of an existing file before GRDB opens it for writing.
enum ReplicaInspection {
    /// Throws unless `path` is a readable replica of a schema this build knows; returns its schema
    /// version. Never writes to it. Reads only the header (two pragmas, no schema parsing), so it
    /// costs little more than opening a connection. A `sealed` file is encrypted from its first
    /// byte and is read through the sealing VFS.
    static func inspect(path: String, sealed: Bool = false) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReplicaError.cannotOpen(path: path, detail: "not readable")
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        let magic = Data("SQLite format 3\u{0}".utf8)
        guard sealed || (header.count == 100 && header.prefix(16) == magic) else {
            throw ReplicaError.notAReplica(path: path)
        }
        var connection: OpaquePointer?
        defer { sqlite3_close_v2(connection) }
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db = connection
        else {
            throw ReplicaError.corrupt(path: path, detail: "cannot be opened")
        }
        let appID = try integer(db, "PRAGMA application_id", path: path)
        let version = try integer(db, "PRAGMA user_version", path: path)
        guard appID == Int64(ReplicaSchema.applicationID) else {
            throw ReplicaError.notAReplica(path: path)
        }
        if version > Int64(ReplicaSchema.version) {
            throw ReplicaError.newerSchema(path: path, found: Int(version), supported: ReplicaSchema.version)
        }
        return Int(version)
    }

    private static func integer(_ db: OpaquePointer, _ sql: String, path: String) throws -> Int64 {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK,
            sqlite3_step(statement) == SQLITE_ROW
        else {
            let detail = sqlite3_errmsg(db).map { String(cString: $0) } ?? "unreadable"
            throw ReplicaError.corrupt(path: path, detail: detail)
        }
        return sqlite3_column_int64(statement, 0)
    }
}
