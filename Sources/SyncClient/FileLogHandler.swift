import Foundation
import Logging
import SyncProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A log file opened for appending (mode 0600), shared by every `FileLogHandler` writing to it.
public final class LogFile: Sendable {
    /// The path of the file.
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Opens (creating if needed) the file at `path` for appending; the folder is created.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    /// The default log file: `$XDG_STATE_HOME/clerk/clerk.log` or `~/.local/state/clerk/clerk.log`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        UserFolders(environment: environment).state.appendingPathComponent("clerk")
            .appendingPathComponent("clerk.log").path
    }

    /// Appends `line` as one write, so lines of concurrent writers never interleave.
    public func append(_ line: String) {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                if written <= 0 { return }
                offset += written
            }
            bytes.removeAll()
        }
    }

    /// Closes the file; later lines are dropped.
    public func close() {
        descriptor.withLock { fd in
            if fd >= 0 { _ = Glibc.close(fd) }
            fd = -1
        }
    }

    deinit { close() }
}

/// A swift-log handler writing one `key=value` line per message to a log file, never to the
/// terminal (the workstation owns the terminal through ncurses).
///
/// Example: `ts=2026-03-02T08:15:00.250Z level=warning label=clerk.sync msg="sync failed" error=…`.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let file: LogFile

    /// A handler for `label` writing to `file`.
    public init(label: String, file: LogFile) {
        self.label = label
        self.file = file
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = "ts=\(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))"
        line += " level=\(event.level.rawValue) label=\(Self.quote(label))"
        line += " msg=\(Self.quote(event.message.description))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(Self.quote(value.description))"
        }
        file.append(line + "\n")
    }

    /// A logger writing to `file` (for `Logger(label:factory:)` or `LoggingSystem.bootstrap`).
    public static func logger(label: String, file: LogFile, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: label) { label in FileLogHandler(label: label, file: file) }
        logger.logLevel = level
        return logger
    }

    /// The value as is if it is plain, else quoted with escapes (see `LogLine.quote`): a value
    /// can never break the line or send a terminal escape to whoever reads the log.
    static func quote(_ value: String) -> String { LogLine.quote(value) }
}
