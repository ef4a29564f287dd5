import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files only their owner may read: a sealed replica's folder (0700), its files and its key file
/// (0600), and atomic replacement of a small file.
enum PrivateFiles {
    /// Creates `folder` (and missing parents) with mode 0700, or sets an existing folder owned by
    /// this user to 0700. A folder of someone else, or a shared one with the sticky bit (`/tmp`),
    /// is left as it is.
    static func secureFolder(_ folder: String) throws {
        var info = stat()
        if stat(folder, &info) != 0 {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ReplicaError.cannotOpen(path: folder, detail: "folder cannot be created")
            }
            return
        }
        let sticky = info.st_mode & S_ISVTX != 0
        if info.st_uid == getuid() && !sticky && info.st_mode & 0o077 != 0 {
            _ = chmod(folder, 0o700)
        }
    }

    /// Creates an empty file with mode 0600 unless something exists at `path`; sets an existing
    /// file's mode to 0600.
    static func createOrRestrict(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        guard errno == EEXIST else {
            throw ReplicaError.cannotOpen(path: path, detail: String(cString: strerror(errno)))
        }
        _ = chmod(path, 0o600)
    }

    /// Sets the mode of `path` to 0600 if it exists.
    static func restrict(_ path: String) {
        _ = chmod(path, 0o600)
    }

    /// Replaces `path` with `data` atomically: a new file (mode 0600) beside it, written and
    /// synced, renamed over the old one, and the folder synced. On failure the old file is
    /// unchanged and the new one removed.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = path + ".new-\(UUID().uuidString.prefix(8))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path) }
        var written = 0
        let complete = data.withUnsafeBytes { bytes -> Bool in
            while written < bytes.count {
                let n = write(fd, bytes.baseAddress?.advanced(by: written), bytes.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard complete, rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    private static func failure(_ path: String) -> ReplicaError {
        .sealed(.keyFileUnwritable(keyFile: path, detail: String(cString: strerror(errno))))
    }
}
