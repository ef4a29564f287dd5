import Foundation
import Synchronization

/// The database files of this process that are sealed, by the full path SQLite gives the VFS,
/// each with its keys and how many open replicas hold it.
///
/// The sealing VFS looks a file up here when SQLite opens it: the database itself, and its
/// `-wal` and `-journal` by the database's name. Files that are not registered are opened by the
/// base VFS directly and never touched.
enum SealedFiles {
    private struct Entry {
        let keys: SealingKeys
        var holders: Int
    }

    private static let entries = Mutex<[String: Entry]>([:])

    /// Registers the database at `databasePath` as sealed with `key` (counted: each register
    /// needs one unregister). Installs the sealing VFS as the process's default on first use.
    /// Returns the full path under which it is registered. Refuses a path that is registered
    /// with another key.
    static func register(databasePath: String, key: ReplicaKey) throws -> String {
        try register(databasePath: databasePath, keys: SealingKeys(key))
    }

    /// Registers with keys derived already (a registration derives them once and shares them).
    static func register(databasePath: String, keys: SealingKeys) throws -> String {
        guard let vfs = SealingVFS.shared, let fullPath = vfs.fullPathname(databasePath) else {
            throw ReplicaError.cannotOpen(path: databasePath, detail: "the sealing VFS is not available")
        }
        try entries.withLock { entries in
            if var entry = entries[fullPath] {
                guard entry.keys.matches(keys) else {
                    throw ReplicaError.cannotOpen(path: databasePath, detail: "already open with another key")
                }
                entry.holders += 1
                entries[fullPath] = entry
            } else {
                entries[fullPath] = Entry(keys: keys, holders: 1)
            }
        }
        return fullPath
    }

    /// Takes back one `register` of `fullPath`; the last one makes the path plain again for
    /// files opened afterwards (files already open stay sealed until they are closed).
    static func unregister(fullPath: String) {
        entries.withLock { entries in
            guard var entry = entries[fullPath] else { return }
            entry.holders -= 1
            entries[fullPath] = entry.holders > 0 ? entry : nil
        }
    }

    /// The keys of a registered database file, by the full path SQLite uses.
    static func keys(forFullPath fullPath: String) -> SealingKeys? {
        entries.withLock { $0[fullPath]?.keys }
    }

    /// The keys of a registered replica with the file id `fileID`, if one is open.
    static func keys(forFileID fileID: [UInt8]) -> SealingKeys? {
        entries.withLock { entries in entries.values.first { $0.keys.fileID == fileID }?.keys }
    }

    /// Whether any file is registered (so opening a file can skip the look-up).
    static var isEmpty: Bool { entries.withLock { $0.isEmpty } }
}
