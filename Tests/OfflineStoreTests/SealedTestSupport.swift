import Foundation
import GRDBSQLite

@testable import OfflineStore

/// A cheap scrypt cost, so that tests do not spend a third of a second per password.
let cheapCost = ScryptCost(n: 1 << 10, r: 8, p: 1)
let testPassword = "Weißwürste vor zwölf"

/// A path for a sealed replica in a fresh folder, and its new key file.
func makeSealedKeyFile(name: String = "sealed.sqlite", password: String = testPassword) throws -> (
    path: String, keyFile: ReplicaKeyFile
) {
    let path = try temporaryDirectory().appendingPathComponent(name).path
    return (path, try ReplicaKeyFile.create(forReplica: path, password: password, cost: cheapCost))
}

/// Every regular file in `folder` with its bytes, by name.
func folderContents(_ folder: String) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
        contents[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
    return contents
}

/// How often `needle` occurs in `haystack`.
func occurrences(of needle: Data, in haystack: Data) -> Int {
    guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
    var count = 0
    var start = haystack.startIndex
    while let range = haystack.range(of: needle, in: start..<haystack.endIndex) {
        count += 1
        start = range.lowerBound + 1
    }
    return count
}

/// The folder of a file.
func folder(of path: String) -> String { (path as NSString).deletingLastPathComponent }

/// A bare SQLite connection (through the process's default VFS, as every connection is).
final class RawConnection {
    let db: OpaquePointer

    init(_ path: String, flags: Int32 = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) throws {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw ReplicaError.cannotOpen(path: path, detail: "raw open")
        }
        self.db = db
    }

    deinit { sqlite3_close_v2(db) }

    /// Runs `sql`; returns SQLite's result code (extended).
    @discardableResult
    func execute(_ sql: String) -> Int32 {
        sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode(db)
    }

    /// The extended result code of the last `text` that failed.
    private(set) var lastError: Int32 = SQLITE_OK

    /// The first column of the first row of `sql` as text, or nil (see `lastError`).
    func text(_ sql: String) -> String? {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK,
            sqlite3_step(statement) == SQLITE_ROW
        else {
            lastError = sqlite3_extended_errcode(db)
            return nil
        }
        return sqlite3_column_text(statement, 0).map { String(cString: $0) }
    }

    /// The main database file or its log (`SQLITE_FCNTL_FILE_POINTER`, `…_JOURNAL_POINTER`).
    func file(log: Bool = false) -> UnsafeMutablePointer<sqlite3_file>? {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let operation = log ? SQLITE_FCNTL_JOURNAL_POINTER : SQLITE_FCNTL_FILE_POINTER
        _ = withUnsafeMutablePointer(to: &file) { sqlite3_file_control(db, "main", operation, $0) }
        return file
    }

    /// Reads `count` bytes at `offset` through the file's own methods; the result code and bytes.
    static func read(_ file: UnsafeMutablePointer<sqlite3_file>, count: Int, at offset: Int64) -> (
        Int32, [UInt8]
    ) {
        var bytes = [UInt8](repeating: 0xEE, count: count)
        let rc = bytes.withUnsafeMutableBytes { buffer in
            file.pointee.pMethods.pointee.xRead?(file, buffer.baseAddress, Int32(count), offset)
                ?? SQLITE_MISUSE
        }
        return (rc, bytes)
    }
}
