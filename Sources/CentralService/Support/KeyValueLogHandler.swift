import Foundation
import Logging
import SyncProtocol
import Synchronization

/// A swift-log handler writing one `key=value` line per message to standard error.
///
/// Example: `ts=2026-03-02T08:15:00.250Z level=info label=clerk-central msg="request" status=200`.
/// Values are quoted and escaped by `LogLine.quote`, so a value sent by a client (a device id
/// with a line break or a terminal escape) can never start a line of its own.
public struct KeyValueLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let write: @Sendable (String) -> Void
    private static let lock = Mutex(())

    /// A handler writing to standard error.
    public init(label: String) {
        self.init(label: label) { line in
            Self.lock.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
        }
    }

    /// A handler handing each finished line (ending in a line feed) to `write`.
    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = "ts=\(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))"
        line +=
            " level=\(event.level.rawValue) label=\(Self.quote(label)) msg=\(Self.quote(event.message.description))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(Self.quote(value.description))"
        }
        write(line + "\n")
    }

    /// The value as is if it is plain, else quoted with escapes (see `LogLine.quote`).
    static func quote(_ value: String) -> String { LogLine.quote(value) }
}
