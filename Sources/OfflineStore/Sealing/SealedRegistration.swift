import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// A sealed replica's database registered with the sealing VFS (`SealedFiles`) for as long as
/// the replica is open: from before GRDB opens its first connection to `end()` (on close; or
/// when it is released, if opening fails).
final class SealedRegistration: Sendable {
    /// The replica's path as given.
    let path: String
    let keys: SealingKeys
    /// The full path it is registered under, until `end()`.
    private let fullPath: Mutex<String?>

    /// Creates the replica's folder with mode 0700 (or restricts it) and registers the database
    /// file with `key`.
    init(path: String, key: ReplicaKey) throws {
        try PrivateFiles.secureFolder((path as NSString).deletingLastPathComponent)
        self.path = path
        let keys = SealingKeys(key)
        self.keys = keys
        fullPath = Mutex(try SealedFiles.register(databasePath: path, keys: keys))
    }

    deinit {
        end()
    }

    /// Takes the registration back; files opened afterwards at this path are plain. Idempotent.
    func end() {
        let registered = fullPath.withLock { path in
            defer { path = nil }
            return path
        }
        if let registered { SealedFiles.unregister(fullPath: registered) }
    }

    /// Read-only checks before GRDB opens the file; returns its schema version, nil for a new
    /// replica (the file is then created empty with mode 0600, so its log and shared-memory files
    /// get that mode too). A plain replica is refused untouched (`notSealed`); page 1 must
    /// authenticate (`pageRefused` otherwise: changed, or not this key's replica) and declare the
    /// sealed layout (`layout`).
    func inspect() throws -> Int? {
        let stored = storedFirstPage()
        guard !stored.isEmpty else {
            try PrivateFiles.createOrRestrict(path)
            return nil
        }
        if stored.starts(with: Self.plainMagic) { throw ReplicaError.sealed(.notSealed(path: path)) }
        for file in [path, path + "-wal", path + "-shm", ReplicaKeyFile.path(forReplica: path)] {
            PrivateFiles.restrict(file)
        }
        try checkLayout(try opened(stored))
        return try ReplicaInspection.inspect(path: path, sealed: true)
    }

    /// On every connection before its first statement (GRDB's `prepareDatabase`): a new file gets
    /// 4096-byte pages with 28 reserved bytes when its first page is written. Changes nothing for
    /// a file that has pages already.
    func prepare(_ db: Database) throws {
        try db.execute(sql: "PRAGMA page_size = \(SealedPage.size)")
        var reserve = Int32(SealedPage.reserved)
        let rc = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        guard rc == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
    }

    /// After creating a new replica: page 1 in the file, opened with the key here (not through
    /// SQLite), declares 4096-byte pages with 28 reserved bytes; otherwise the replica is refused.
    func verifyLayout() throws {
        try checkLayout(try opened(storedFirstPage()))
    }

    private func checkLayout(_ page: [UInt8]) throws {
        guard page.withUnsafeBytes({ SealedFile.isSealableFirstPage($0) }) else {
            let pageSize = Int(page[16]) << 8 | Int(page[17])
            throw ReplicaError.sealed(
                .layout(path: path, detail: "page size \(pageSize), reserved bytes \(page[20])"))
        }
    }

    /// Up to one page from the start of the database file as stored; empty if there is none.
    private func storedFirstPage() -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: SealedPage.size)) ?? Data()
    }

    /// A stored first page, opened.
    private func opened(_ stored: Data) throws -> [UInt8] {
        guard stored.count == SealedPage.size else {
            throw ReplicaError.sealed(.layout(path: path, detail: "no complete first page"))
        }
        var plain = [UInt8](repeating: 0, count: SealedPage.size)
        let authentic = stored.withUnsafeBytes { sealed in
            plain.withUnsafeMutableBytes { keys.open(sealed, into: $0, kind: .database, offset: 0) }
        }
        guard authentic else { throw ReplicaError.sealed(.pageRefused(path: path)) }
        return plain
    }

    private static let plainMagic = Data("SQLite format 3\u{0}".utf8)

    /// Whether the file starts like a plain SQLite database.
    static func hasPlainHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return ((try? handle.read(upToCount: 16)) ?? Data()) == plainMagic
    }

    /// Whether the replica at `path` is sealed: it has a key file and is not a plain database.
    static func looksSealed(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: ReplicaKeyFile.path(forReplica: path)) && !hasPlainHeader(path)
    }
}

extension ReplicaInspection {
    /// The schema version of the replica at `path`, nil when there is none yet; read-only.
    /// A sealed replica is inspected through its registration; one opened without its key is
    /// refused as `passwordNeeded`.
    static func version(path: String, sealing: SealedRegistration?) throws -> Int? {
        if let sealing { return try sealing.inspect() }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if SealedRegistration.looksSealed(path) { throw ReplicaError.sealed(.passwordNeeded(path: path)) }
        return try inspect(path: path)
    }
}

extension ReplicaError {
    /// A database error of the replica at `path`: a sealed page that failed authentication is
    /// `sealed(.pageRefused)`, anything else `cannotOpen`.
    static func opening(_ error: DatabaseError, path: String) -> ReplicaError {
        if error.extendedResultCode == .SQLITE_IOERR_DATA { return .sealed(.pageRefused(path: path)) }
        return .cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
    }

    /// The last error of a raw connection reading the replica, the same way.
    static func reading(_ db: OpaquePointer) -> ReplicaError {
        let path = sqlite3_db_filename(db, "main").map { String(cString: $0) } ?? ""
        if sqlite3_extended_errcode(db) == ResultCode.SQLITE_IOERR_DATA.rawValue {
            return .sealed(.pageRefused(path: path))
        }
        return .cannotOpen(path: path, detail: String(cString: sqlite3_errmsg(db)))
    }
}
