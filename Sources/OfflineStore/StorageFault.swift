import Foundation
import GRDB

/// The two faults of the file system under a replica that a clerk must hear about in words: a
/// full disk (nothing is wrong with the file; work waits for space) and a damaged file (it must
/// not be written to any more).
enum StorageFault: Hashable, Sendable {
    case diskFull
    case damaged
    /// A sealed page failed authentication (`SQLITE_IOERR_DATA` from the sealing VFS): changed,
    /// swapped or from another file.
    case pageRefused

    /// The fault behind a database error, if it is one of the two.
    ///
    /// SQLite says `SQLITE_FULL` when a write finds no space (`ENOSPC`) or the file may not grow
    /// (`max_page_count`). A full disk can also surface as an I/O error (growing the shared-memory
    /// file or the log); such an error counts as a full disk when the file system has almost no
    /// space left. `SQLITE_CORRUPT` and `SQLITE_NOTADB` mean damage; `SQLITE_IOERR_DATA` a sealed page
    /// refused.
    init?(_ error: DatabaseError, path: String) {
        if error.extendedResultCode == .SQLITE_IOERR_DATA {
            self = .pageRefused
            return
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self = .damaged
        case .SQLITE_FULL:
            self = .diskFull
        case .SQLITE_IOERR where DiskSpace.isNearlyFull(at: path):
            self = .diskFull
        default:
            return nil
        }
    }
}

/// Free space of the file system a file is on.
enum DiskSpace {
    /// Below this many free bytes an I/O error while writing is taken for a full disk.
    static let nearlyFull: UInt64 = 4 << 20

    /// Whether the file system holding `path` (or its folder, for a file not yet there) has less
    /// than `nearlyFull` bytes available to this user. False when it cannot be asked.
    static func isNearlyFull(at path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < nearlyFull
    }
}
