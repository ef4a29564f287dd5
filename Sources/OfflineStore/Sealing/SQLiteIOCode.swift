import GRDBSQLite

/// SQLite's extended I/O result codes, which are C macros Swift does not import.
enum IOCode {
    static let read = extended(1)
    static let shortRead = extended(2)
    static let write = extended(3)
    static let fsync = extended(4)
    static let truncate = extended(6)
    static let fstat = extended(7)
    static let unlock = extended(8)
    static let delete = extended(10)
    static let access = extended(13)
    static let checkReservedLock = extended(14)
    static let lock = extended(15)
    static let shmLock = extended(20)
    static let shmMap = extended(21)
    /// A page failed its check (here: authentication); what SQLite's checksum VFS returns too.
    static let data = extended(32)

    private static func extended(_ detail: Int32) -> Int32 { SQLITE_IOERR | detail << 8 }
}
