import Foundation
import GRDBSQLite

/// A SQLite VFS that seals the files of registered databases (`SealedFiles`) page by page and
/// hands every other file to the VFS it wraps.
///
/// It is registered once per process as the default VFS, wrapping the previous default
/// ("unix"), because GRDB opens connections with `sqlite3_open_v2(path, …, nil)`: every
/// connection of a sealed replica — GRDB's pool, the `CaseReader`'s own connection, the WAL
/// checkpointer, the read-only inspection — goes through it without being told.
///
/// **Files that are not sealed** (the central service's store in the same process, plain
/// replicas, temporary files) are opened by the base VFS directly into the buffer SQLite gave
/// us, with the base VFS's own methods: after `xOpen` they never pass through this code.
///
/// **Sealed files** use the buffer as `[our methods | state | the base VFS's file]`: the first
/// 8 bytes are `sqlite3_file.pMethods` (ours), the next 8 an `Unmanaged` reference to the
/// `SealedFile` that holds the keys, the kind and scratch pages, and the base VFS's file starts
/// at byte 16. So `szOsFile` is 16 more than the base's.
///
/// **Temporary storage and the page cache.** A connection whose main file is sealed gets `PRAGMA
/// temp_store = MEMORY` as it opens (an automatic extension checks every new connection), so
/// SQLite's temporary tables, statement journals and sorter never spill plaintext to a temporary
/// file. It also gets a page cache of `sealedCacheKiB` instead of SQLite's 2 MiB: the operating
/// system's cache holds a sealed file's pages as ciphertext, so SQLite's cache is the only place
/// where an opened page is kept, and a page read again from the file costs an open (about a
/// microsecond) on top of the read. The cache fills only with pages a connection reads.
final class SealingVFS: @unchecked Sendable {
    /// The VFS, registered as the default on first use; nil only if SQLite has no VFS at all.
    static let shared: SealingVFS? = SealingVFS()

    /// Bytes in front of the base VFS's file in a sealed file's buffer.
    static let headerCount = 16
    static let name = "clerk-sealed"

    /// The VFS it wraps (the default before it).
    let base: UnsafeMutablePointer<sqlite3_vfs>
    /// This VFS; never freed (SQLite keeps a pointer for the life of the process).
    let vfs: UnsafeMutablePointer<sqlite3_vfs>
    /// The methods of sealed files; never freed.
    let methods: UnsafeMutablePointer<sqlite3_io_methods>

    private init?() {
        guard sqlite3_initialize() == SQLITE_OK, let base = sqlite3_vfs_find(nil),
            let name = strdup(Self.name)
        else { return nil }
        self.base = base
        methods = .allocate(capacity: 1)
        methods.initialize(to: SealedFile.ioMethods())
        vfs = .allocate(capacity: 1)
        var table = Self.forwardingTable(base: base.pointee)
        table.zName = UnsafePointer(name)
        vfs.initialize(to: table)
        vfs.pointee.pAppData = Unmanaged.passUnretained(self).toOpaque()
        guard sqlite3_vfs_register(vfs, 1) == SQLITE_OK else { return nil }
        let rule:
            @convention(c) (
                OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeRawPointer?
            ) -> Int32 = { db, _, _ in SealingVFS.prepareSealedConnection(db) }
        sqlite3_auto_extension(unsafeBitCast(rule, to: (@convention(c) () -> Void).self))
    }

    /// The full path the base VFS makes of `path` — the name SQLite passes to `xOpen`.
    func fullPathname(_ path: String) -> String? {
        let capacity = Int(base.pointee.mxPathname) + 1
        var buffer = [CChar](repeating: 0, count: capacity)
        guard let xFullPathname = base.pointee.xFullPathname,
            xFullPathname(base, path, Int32(capacity), &buffer) == SQLITE_OK
        else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Opens `name`: sealed if it belongs to a registered database, else by the base VFS alone.
    fileprivate func open(
        _ name: sqlite3_filename?, _ file: UnsafeMutablePointer<sqlite3_file>, _ flags: Int32,
        _ outFlags: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        guard let xOpen = base.pointee.xOpen else { return SQLITE_CANTOPEN }
        guard let (keys, kind) = Self.sealing(name, flags) else {
            return xOpen(base, name, file, flags, outFlags)
        }
        file.pointee.pMethods = nil
        let raw = UnsafeMutableRawPointer(file)
        let baseFile = raw.advanced(by: Self.headerCount).assumingMemoryBound(to: sqlite3_file.self)
        baseFile.pointee.pMethods = nil
        let rc = xOpen(base, name, baseFile, flags, outFlags)
        guard rc == SQLITE_OK, let baseMethods = baseFile.pointee.pMethods else {
            // A failed open may leave methods behind; SQLite only closes what it can see.
            if let leftOver = baseFile.pointee.pMethods { _ = leftOver.pointee.xClose?(baseFile) }
            return rc == SQLITE_OK ? SQLITE_CANTOPEN : rc
        }
        let state = SealedFile(keys: keys, kind: kind, base: baseFile, baseMethods: baseMethods)
        raw.storeBytes(
            of: Unmanaged.passRetained(state).toOpaque(), toByteOffset: 8, as: UnsafeMutableRawPointer.self)
        file.pointee.pMethods = UnsafePointer(methods)
        return SQLITE_OK
    }

    /// The keys and kind of the file SQLite opens, if its database is registered: the database
    /// itself, its write-ahead log, its rollback journal. Temporary files have no name and are
    /// never sealed.
    private static func sealing(_ name: sqlite3_filename?, _ flags: Int32) -> (SealingKeys, SealedFileKind)? {
        guard let name, !SealedFiles.isEmpty else { return nil }
        let kind: SealedFileKind
        let database: UnsafePointer<CChar>?
        if flags & SQLITE_OPEN_MAIN_DB != 0 {
            kind = .database
            database = name
        } else if flags & SQLITE_OPEN_WAL != 0 {
            kind = .wal
            database = sqlite3_filename_database(name)
        } else if flags & SQLITE_OPEN_MAIN_JOURNAL != 0 {
            kind = .journal
            database = sqlite3_filename_database(name)
        } else {
            return nil
        }
        guard let database, let keys = SealedFiles.keys(forFullPath: String(cString: database)) else {
            return nil
        }
        return (keys, kind)
    }

    /// The page cache of a connection to a sealed file, in KiB (SQLite's default is 2 MiB). With
    /// 16 MiB the b-tree pages above the leaves of a 1,000,000-case replica stay opened, so opening
    /// a case opens only the leaves it reads.
    static let sealedCacheKiB = 16_384

    /// Sets `temp_store = MEMORY` and the page cache on a new connection whose main database file
    /// is sealed.
    private static func prepareSealedConnection(_ db: OpaquePointer?) -> Int32 {
        guard let db, let methods = shared?.methods else { return SQLITE_OK }
        var file: UnsafeMutablePointer<sqlite3_file>?
        let rc = withUnsafeMutablePointer(to: &file) {
            sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, $0)
        }
        guard rc == SQLITE_OK, let file, file.pointee.pMethods == UnsafePointer(methods) else {
            return SQLITE_OK
        }
        // The cache size reads the schema; where that cannot be done yet (the file is locked, or a
        // log is to be recovered first) the connection keeps SQLite's default cache rather than
        // failing to open. SQLite fails an open on the connection's last error after its automatic
        // extensions, so the statement that must succeed comes last and sets it.
        sqlite3_exec(db, "PRAGMA cache_size = -\(sealedCacheKiB)", nil, nil, nil)
        return sqlite3_exec(db, "PRAGMA temp_store = MEMORY", nil, nil, nil)
    }

    /// The base VFS's own, from the `pAppData` of this VFS.
    fileprivate static func base(_ vfs: UnsafeMutablePointer<sqlite3_vfs>?) -> UnsafeMutablePointer<
        sqlite3_vfs
    >? {
        guard let data = vfs?.pointee.pAppData else { return nil }
        return Unmanaged<SealingVFS>.fromOpaque(data).takeUnretainedValue().base
    }

    /// A copy of the base VFS whose every method forwards to the base with the base's pointer,
    /// except `xOpen`; and a file size with room for our header.
    private static func forwardingTable(base: sqlite3_vfs) -> sqlite3_vfs {
        var table = base
        table.pNext = nil
        table.szOsFile = base.szOsFile + Int32(headerCount)
        table.xOpen = { vfs, name, file, flags, outFlags in
            guard let data = vfs?.pointee.pAppData, let file else { return SQLITE_CANTOPEN }
            return Unmanaged<SealingVFS>.fromOpaque(data).takeUnretainedValue().open(
                name, file, flags, outFlags)
        }
        table.xDelete = { vfs, name, syncDirectory in
            guard let base = SealingVFS.base(vfs) else { return IOCode.delete }
            return base.pointee.xDelete?(base, name, syncDirectory) ?? IOCode.delete
        }
        table.xAccess = { vfs, name, flags, result in
            guard let base = SealingVFS.base(vfs) else { return IOCode.access }
            return base.pointee.xAccess?(base, name, flags, result) ?? IOCode.access
        }
        table.xFullPathname = { vfs, name, count, out in
            guard let base = SealingVFS.base(vfs) else { return SQLITE_CANTOPEN }
            return base.pointee.xFullPathname?(base, name, count, out) ?? SQLITE_CANTOPEN
        }
        table.xDlOpen = { vfs, name in
            guard let base = SealingVFS.base(vfs) else { return nil }
            return base.pointee.xDlOpen?(base, name)
        }
        table.xDlError = { vfs, count, message in
            guard let base = SealingVFS.base(vfs) else { return }
            base.pointee.xDlError?(base, count, message)
        }
        table.xDlSym = { vfs, handle, symbol in
            guard let base = SealingVFS.base(vfs) else { return nil }
            return base.pointee.xDlSym?(base, handle, symbol)
        }
        table.xDlClose = { vfs, handle in
            guard let base = SealingVFS.base(vfs) else { return }
            base.pointee.xDlClose?(base, handle)
        }
        table.xRandomness = { vfs, count, out in
            guard let base = SealingVFS.base(vfs) else { return 0 }
            return base.pointee.xRandomness?(base, count, out) ?? 0
        }
        table.xSleep = { vfs, microseconds in
            guard let base = SealingVFS.base(vfs) else { return 0 }
            return base.pointee.xSleep?(base, microseconds) ?? 0
        }
        table.xCurrentTime = { vfs, now in
            guard let base = SealingVFS.base(vfs) else { return SQLITE_ERROR }
            return base.pointee.xCurrentTime?(base, now) ?? SQLITE_ERROR
        }
        table.xGetLastError = { vfs, count, out in
            guard let base = SealingVFS.base(vfs) else { return 0 }
            return base.pointee.xGetLastError?(base, count, out) ?? 0
        }
        table.xCurrentTimeInt64 = { vfs, now in
            guard let base = SealingVFS.base(vfs) else { return SQLITE_ERROR }
            return base.pointee.xCurrentTimeInt64?(base, now) ?? SQLITE_ERROR
        }
        table.xSetSystemCall = { vfs, name, call in
            guard let base = SealingVFS.base(vfs) else { return SQLITE_ERROR }
            return base.pointee.xSetSystemCall?(base, name, call) ?? SQLITE_ERROR
        }
        table.xGetSystemCall = { vfs, name in
            guard let base = SealingVFS.base(vfs) else { return nil }
            return base.pointee.xGetSystemCall?(base, name)
        }
        table.xNextSystemCall = { vfs, name in
            guard let base = SealingVFS.base(vfs) else { return nil }
            return base.pointee.xNextSystemCall?(base, name)
        }
        return table
    }
}
