import Foundation
import GRDB
import GRDBSQLite

/// What converting a plain replica into a sealed one did (`Replica.seal(plainAt:key:)`).
public struct SealedConversion: Hashable, Sendable {
    /// The replica, sealed now.
    public var path: String
    /// Rows of the sealed replica, each the same as in the plain one.
    public var cases: Int
    public var outbox: Int
    public var drafts: Int
    /// The replica was sealed already (an earlier conversion stopped after putting the sealed copy
    /// in place); only what that one left behind was removed.
    public var wasSealedAlready: Bool
}

/// The steps of a conversion, after each of which a test can stop it (as a crash would).
enum SealingStep: Sendable {
    /// The sealed copy is written next to the plain file.
    case copied
    /// The sealed copy is checked and in WAL mode.
    case verified
    /// The sealed copy has replaced the plain file; the plain bytes are not wiped yet.
    case replaced
}

extension Replica {
    /// Converts the plain replica at `path` into a sealed one with `key`, in place, keeping
    /// everything in it: cases, the outbox's pending operations, drafts and call drafts.
    ///
    /// The key file (`ReplicaKeyFile.create(forReplica:password:)`) must exist already, so that a
    /// sealed file is never left without one. The replica must not be open elsewhere.
    ///
    /// 1. The plain replica is opened (and migrated, if older), its log written back.
    /// 2. A sealed copy is written next to it (`<path>.sealing`) with `VACUUM INTO` through the
    ///    sealing VFS, put into WAL mode and checked: `PRAGMA integrity_check` and the rows of
    ///    `case_central`, `case_queue`, `outbox` and `draft` against the plain file's.
    /// 3. The plain file gets a second name (`<path>.plain-old`), the sealed copy is renamed over
    ///    `path` (atomic) and the folder synced.
    /// 4. The plain bytes are overwritten with zeros, synced and deleted, with any log or
    ///    shared memory of the plain file.
    ///
    /// A crash at any point leaves a usable replica at `path`: the plain one until step 3 (a
    /// copy left behind is removed by the next conversion), the sealed one after it. Calling this
    /// again on a replica sealed by a conversion that stopped after step 3 checks it and wipes the
    /// plain bytes left behind (`wasSealedAlready`).
    ///
    /// **The honest limit**: overwriting a file's blocks reaches the disk's old plaintext only on
    /// a file system that writes in place. On SSDs (wear levelling), copy-on-write or journaling
    /// file systems (data journaling, btrfs, ZFS) and in snapshots or backups, blocks of the old
    /// plain file may remain readable by someone with the raw device. Full-disk encryption covers
    /// that; this conversion does not.
    @discardableResult
    public static func seal(
        plainAt path: String, key: ReplicaKey, rules: ReplicaRules = ReplicaRules(services: [])
    )
        throws -> SealedConversion
    {
        try seal(plainAt: path, key: key, rules: rules, stoppingAfter: nil)
    }

    static func seal(
        plainAt path: String, key: ReplicaKey, rules: ReplicaRules, stoppingAfter stop: SealingStep?
    )
        throws -> SealedConversion
    {
        let keyFile = ReplicaKeyFile.path(forReplica: path)
        guard FileManager.default.fileExists(atPath: keyFile) else {
            throw ReplicaError.sealed(.keyFileMissing(keyFile: keyFile))
        }
        let copy = path + ".sealing"
        let old = path + ".plain-old"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReplicaError.cannotOpen(path: path, detail: "no replica to seal")
        }
        if !SealedRegistration.hasPlainHeader(path) {
            // Sealed by a conversion that stopped after replacing the file: check it, wipe the rest.
            let counts = try SealingCounts.sealed(path: path, key: key, rules: rules)
            PlainBytes.wipe([
                old, old + "-wal", old + "-shm", copy, copy + "-wal", copy + "-shm", copy + "-journal",
            ])
            return SealedConversion(
                path: path, cases: counts.cases, outbox: counts.outbox, drafts: counts.drafts,
                wasSealedAlready: true)
        }
        // A copy or a second name left by a conversion that stopped before step 3: the plain file
        // is the replica, so they go.
        PlainBytes.wipe([copy, copy + "-wal", copy + "-shm", copy + "-journal", old])

        let plainCounts = try SealedCopy.write(plainAt: path, to: copy, key: key, rules: rules)
        if stop == .copied { return plainCounts.conversion(path: path) }
        let copyCounts = try SealedCopy.verify(copy, key: key, rules: rules)
        guard copyCounts == plainCounts else {
            PlainBytes.wipe([copy, copy + "-wal", copy + "-shm"])
            throw ReplicaError.cannotOpen(
                path: path,
                detail:
                    "the sealed copy differs (plain \(plainCounts.description), sealed \(copyCounts.description))"
            )
        }
        if stop == .verified { return plainCounts.conversion(path: path) }

        try PlainBytes.replace(path, with: copy, keepingOldAs: old)
        if stop == .replaced { return plainCounts.conversion(path: path) }
        PlainBytes.wipe([old])
        return plainCounts.conversion(path: path)
    }
}

/// Rows that must be the same before and after sealing.
struct SealingCounts: Hashable, CustomStringConvertible {
    var cases: Int
    var queue: Int
    var outbox: Int
    var drafts: Int

    var description: String { "cases \(cases), queue \(queue), outbox \(outbox), drafts \(drafts)" }

    func conversion(path: String) -> SealedConversion {
        SealedConversion(path: path, cases: cases, outbox: outbox, drafts: drafts, wasSealedAlready: false)
    }

    static func read(_ db: Database) throws -> SealingCounts {
        func count(_ table: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        }
        return SealingCounts(
            cases: try count("case_central"), queue: try count("case_queue"), outbox: try count("outbox"),
            drafts: try count("draft"))
    }

    /// Opens the sealed replica at `path`, checks it whole and counts its rows.
    static func sealed(path: String, key: ReplicaKey, rules: ReplicaRules, checkpoint: Bool = false) throws
        -> SealingCounts
    {
        let replica = try Replica.open(path: path, rules: rules, key: key)
        defer { try? replica.close() }
        let check = try replica.integrityCheck()
        guard check == ["ok"] else {
            throw ReplicaError.corrupt(path: path, detail: check.prefix(5).joined(separator: "; "))
        }
        let counts = try replica.pool.read { try read($0) }
        if checkpoint { try replica.checkpoint() }
        return counts
    }
}

/// The sealed copy of a plain replica.
enum SealedCopy {
    /// Opens the plain replica (migrating it if older), writes its log back, counts its rows and
    /// writes a sealed copy of it to `copy` with `VACUUM INTO`; closes it again. Returns the
    /// plain replica's counts.
    static func write(plainAt path: String, to copy: String, key: ReplicaKey, rules: ReplicaRules) throws
        -> SealingCounts
    {
        // Registered first: that installs the sealing VFS as the default, and `VACUUM INTO`
        // attaches its output through the VFS of the connection that runs it — a connection
        // opened before the install would write the copy in the clear (the check would refuse it).
        let registration = try SealedRegistration(path: copy, key: key)
        defer { registration.end() }
        let plain = try Replica.open(path: path, rules: rules)
        var closed = false
        defer { if !closed { try? plain.close() } }
        try PrivateFiles.createOrRestrict(copy)
        // VACUUM INTO refuses an existing file that is not empty; an empty one it fills.
        let counts = try plain.pool.writeWithoutTransaction { db -> SealingCounts in
            _ = try db.checkpoint(.truncate)
            let counts = try SealingCounts.read(db)
            // The copy gets 4096-byte pages with the reserved bytes sealing needs (VACUUM INTO
            // takes the reserve the main file asks for), and any temporary storage in memory.
            try db.execute(sql: "PRAGMA page_size = \(SealedPage.size)")
            var reserve = Int32(SealedPage.reserved)
            let rc = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
            guard rc == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
            return counts
        }
        try toWAL(copy)
        try PlainBytes.sync(copy)
        // The plain replica's last connection writes its log back and deletes it with the shared
        // memory. A log still there (another process has the replica open) would be read as the
        // sealed file's: the conversion stops before anything is replaced.
        try plain.close()
        closed = true
        if let size = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int,
            size > 0
        {
            throw ReplicaError.cannotOpen(
                path: path, detail: "the replica is open elsewhere (its log is not empty)")
        }
        PlainBytes.wipe([path + "-wal", path + "-shm"])
        return counts
    }

    /// Puts the copy (written with a rollback journal) into WAL mode, as a replica is. The switch
    /// rewrites page 1, which SQLite would first put into a rollback journal — in the clear, so
    /// the sealing VFS refuses it; with the journal off in between, there is none. (A crash during
    /// the switch can only spoil the copy, which is checked before it is used.)
    private static func toWAL(_ copy: String) throws {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            throw ReplicaError.cannotOpen(
                path: copy,
                detail: "sealed copy: " + (db.map { String(cString: sqlite3_errmsg($0)) } ?? "no memory"))
        }
        for sql in ["PRAGMA journal_mode = OFF", "PRAGMA journal_mode = WAL"] {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw ReplicaError.reading(db) }
        }
    }

    /// Opens the copy as a sealed replica, checks it and counts its rows; then writes its log
    /// back and removes it, so that the copy is whole in its one file before it is renamed.
    static func verify(_ copy: String, key: ReplicaKey, rules: ReplicaRules) throws -> SealingCounts {
        let counts = try SealingCounts.sealed(path: copy, key: key, rules: rules, checkpoint: true)
        if let size = try? FileManager.default.attributesOfItem(atPath: copy + "-wal")[.size] as? Int,
            size > 0
        {
            throw ReplicaError.cannotOpen(path: copy, detail: "the sealed copy's log was not written back")
        }
        PlainBytes.wipe([copy + "-wal", copy + "-shm"])
        return counts
    }
}

/// Moving and wiping the files of a conversion.
enum PlainBytes {
    /// Gives `path` the second name `old`, renames `copy` over `path` and syncs the folder.
    static func replace(_ path: String, with copy: String, keepingOldAs old: String) throws {
        guard link(path, old) == 0 else { throw failure(old, errno) }
        guard rename(copy, path) == 0 else {
            let code = errno
            unlink(old)
            throw failure(path, code)
        }
        syncFolder(of: path)
    }

    /// Overwrites each existing file with zeros, syncs it and deletes it; files that are not
    /// there are skipped. Best effort: a file that cannot be overwritten is still deleted.
    static func wipe(_ paths: [String]) {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            if fd >= 0 {
                var size = stat()
                if fstat(fd, &size) == 0 {
                    let zeros = [UInt8](repeating: 0, count: 1 << 20)
                    var offset: off_t = 0
                    while offset < size.st_size {
                        let count = Int(min(off_t(zeros.count), size.st_size - offset))
                        let written = zeros.withUnsafeBytes { pwrite(fd, $0.baseAddress, count, offset) }
                        if written <= 0 { break }
                        offset += off_t(written)
                    }
                    fsync(fd)
                }
                close(fd)
            }
            unlink(path)
        }
        if let first = paths.first { syncFolder(of: first) }
    }

    /// Syncs a file's bytes to the disk.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(path, errno) }
    }

    /// Syncs the folder of `path`, so that a rename or a deletion in it is on the disk.
    static func syncFolder(of path: String) {
        let fd = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failure(_ path: String, _ code: Int32) -> ReplicaError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: path) }
        return .cannotOpen(path: path, detail: String(cString: strerror(code)))
    }
}
