import Foundation

/// What a thief finds on a laptop's disk: every file the workstation wrote under a clerk's home,
/// searched byte by byte.
enum AtRestProof {
    /// The folders the workstation writes to under `home` (settings and login, replicas and key
    /// files, the log).
    static func clerkFolders(home: URL) -> [URL] {
        [".config/clerk", ".local/share/clerk", ".local/state/clerk"].map { home.appendingPathComponent($0) }
    }

    /// Every regular file below `folders`.
    static func files(in folders: [URL]) -> [URL] {
        folders.flatMap { folder -> [URL] in
            guard
                let walker = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [])
            else { return [] }
            return walker.compactMap { $0 as? URL }.filter {
                (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            }
        }
    }

    /// The values a search of the raw bytes should find nowhere, in every spelling a file could
    /// hold them: as typed, in lower case (the full-text index), without diacritics (the index's
    /// folding), and dates in ISO and German form.
    static func spellings(of values: [String]) -> [String] {
        var all = Set<String>()
        for value in values {
            all.insert(value)
            all.insert(value.lowercased())
            all.insert(value.folding(options: .diacriticInsensitive, locale: nil))
            all.insert(value.lowercased().folding(options: .diacriticInsensitive, locale: nil))
        }
        return all.sorted()
    }

    /// "file: value" for each value found in the raw bytes of a file.
    static func hits(of values: [String], in files: [URL]) -> [String] {
        let needles = spellings(of: values).map { ($0, Data($0.utf8)) }
        var found: [String] = []
        for file in files {
            guard let bytes = try? Data(contentsOf: file) else { continue }
            for (value, needle) in needles where bytes.range(of: needle) != nil {
                found.append("\(file.path): \(value)")
            }
        }
        return found
    }

    /// "path mode" for each file not 0600 and each folder not 0700 below `folders` (the folders
    /// included).
    static func looseModes(in folders: [URL]) -> [String] {
        var loose: [String] = []
        for folder in folders where FileManager.default.fileExists(atPath: folder.path) {
            var paths = [folder.path]
            if let walker = FileManager.default.enumerator(atPath: folder.path) {
                paths += walker.compactMap { $0 as? String }.map { folder.appendingPathComponent($0).path }
            }
            for path in paths {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let mode = info.st_mode & 0o777
                let isFolder = info.st_mode & S_IFMT == S_IFDIR
                if mode != (isFolder ? 0o700 : 0o600) {
                    loose.append("\(path) \(String(mode, radix: 8))")
                }
            }
        }
        return loose
    }
}
