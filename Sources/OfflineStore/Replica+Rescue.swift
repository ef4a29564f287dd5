import CaseModel
import Foundation
import GRDB

/// What was saved from a damaged replica: the operations waiting in its outbox and the drafts,
/// as far as they could be read. Written as JSON next to the replica (`Replica.saveRescue`) and
/// read back by the rebuild (`Replica.rebuild(restoring:by:at:)`). A sealed replica's rescue file
/// is sealed with a key derived from the replica's (see `SealedRescue`); `read(path:key:)` reads
/// both kinds.
///
/// Operations are kept exactly as recorded (dates in their full precision), because the central
/// service takes an operation sent again only with the very same content.
public struct ReplicaRescue: Codable, Hashable, Sendable {
    /// The layout of this file.
    public static let currentFormat = 1

    public var format: Int
    /// The replica it was saved from.
    public var replica: String
    /// When it was saved (ISO 8601, for the people who read the file).
    public var savedAt: String
    /// What was found damaged.
    public var damage: String?
    /// The outbox's pending operations, in the order they were recorded.
    public var operations: [CaseModel.Operation]
    /// Outbox rows that were read but are not operations any more (their text as read).
    public var unreadableOperations: [String]
    /// Outbox rows known to exist (from an index) whose text could not be read at all.
    public var lostOperations: Int
    /// Drafts: the replica's and those open on the screen when it was saved (the newer wins).
    public var drafts: [Draft]
    /// What could not be read while saving (SQLite's words, no row contents).
    public var problems: [String]

    /// A draft as the replica stores it: its key and its JSON.
    public struct Draft: Codable, Hashable, Sendable {
        public var key: String
        public var json: String
        public var updatedAt: Date

        public init(key: String, json: String, updatedAt: Date) {
            self.key = key
            self.json = json
            self.updatedAt = updatedAt
        }
    }

    /// The file's bytes: sorted keys, indented, operations' dates as stored in the outbox.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A rescue file that was written.
public struct SavedRescue: Hashable, Sendable {
    /// Where it was written (next to the replica, readable by this user only).
    public var path: String
    public var rescue: ReplicaRescue
}

extension Replica {
    /// Saves the outbox and the drafts to a new file next to the replica
    /// (`<replica>.rescue-<UTC time>.json`, mode 0600) and returns it. A sealed replica's rescue
    /// is sealed (`<replica>.rescue-<UTC time>.sealed`, see `SealedRescue`): it holds the same
    /// citizen data as the replica and gets the same protection.
    ///
    /// Meant for a damaged replica, so it reads whatever it can: the outbox is scanned in order and
    /// past pages that cannot be read, its two indexes name rows the scan missed, and each row is
    /// then read on its own; what cannot be read is counted (`lostOperations`) or kept as text
    /// (`unreadableOperations`). `openDrafts` are the drafts open on the screen; they win over
    /// stored ones with the same key. `unsaved` are operations the replica never took (they waited
    /// for space on the disk); they follow the outbox's. Writes nothing to the replica.
    public func saveRescue(
        openDrafts: [ReplicaRescue.Draft] = [], unsaved: [CaseModel.Operation] = [], at now: Date = Date()
    ) throws -> SavedRescue {
        var rescue = ReplicaRescue(
            format: ReplicaRescue.currentFormat, replica: path, savedAt: Self.isoTime(now),
            damage: damage?.detail, operations: [], unreadableOperations: [], lostOperations: 0, drafts: [],
            problems: [])
        var drafts: [String: ReplicaRescue.Draft] = [:]
        do {
            try access(writing: false) { connections in
                try connections.pool.read { db in
                    RescueReading.outbox(db, into: &rescue)
                    for draft in RescueReading.drafts(db, problems: &rescue.problems) {
                        drafts[draft.key] = draft
                    }
                }
            }
        } catch {
            rescue.problems.append("replica not readable: \(Self.describe(error))")
        }
        let known = Set(rescue.operations.map(\.id))
        rescue.operations += unsaved.filter { !known.contains($0.id) }
        for draft in openDrafts { drafts[draft.key] = draft }
        rescue.drafts = drafts.values.sorted { $0.key < $1.key }
        let target: String
        if let sealing {
            target = try RescueFile.save(
                try SealedRescue.seal(try rescue.encoded(), keys: sealing.keys), nextTo: path, at: now,
                suffix: "sealed")
        } else {
            target = try RescueFile.save(try rescue.encoded(), nextTo: path, at: now)
        }
        return SavedRescue(path: target, rescue: rescue)
    }

    static func isoTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// An error in words fit for the rescue file and the log (SQLite's message, no row contents).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? ReplicaError {
            if case .damaged(_, let detail) = error { return detail }
        }
        return "\(error)"
    }
}

/// Reading a damaged replica's outbox and drafts as far as the file allows.
enum RescueReading {
    /// Fills `rescue` with the outbox's operations, in order.
    static func outbox(_ db: Database, into rescue: inout ReplicaRescue) {
        var seqs = Set<Int64>()
        scanTable(db, into: &seqs, problems: &rescue.problems)
        for index in ["outbox_case", "sqlite_autoindex_outbox_1"] {
            do {
                let cursor = try Int64.fetchCursor(db, sql: "SELECT seq FROM outbox INDEXED BY \(index)")
                while let seq = try cursor.next() { seqs.insert(seq) }
            } catch {
                rescue.problems.append("outbox index \(index): \(Replica.describe(error))")
            }
        }
        for seq in seqs.sorted() {
            let body: String?
            do {
                body = try String.fetchOne(db, sql: "SELECT body FROM outbox WHERE seq = ?", arguments: [seq])
            } catch {
                rescue.lostOperations += 1
                continue
            }
            guard let body else { continue }
            if let operation = try? CaseStorage.decode(CaseModel.Operation.self, body) {
                rescue.operations.append(operation)
            } else {
                rescue.unreadableOperations.append(body)
            }
        }
        if rescue.lostOperations > 0 {
            rescue.problems.append("outbox rows not readable: \(rescue.lostOperations)")
        }
    }

    /// The outbox's row numbers in order, as far as the table can be read; after a page that
    /// cannot be read, the scan starts again further and further on (1, 2, 4, … rows past the
    /// last row read), so the rows behind a damaged page are found too.
    static func scanTable(_ db: Database, into seqs: inout Set<Int64>, problems: inout [String]) {
        let top =
            (try? Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")) ?? nil
        let last = top ?? Int64.max
        var from: Int64 = 0
        var step: Int64 = 1
        var skipped = false
        while true {
            do {
                let cursor = try Int64.fetchCursor(
                    db, sql: "SELECT seq FROM outbox WHERE seq > ? ORDER BY seq", arguments: [from])
                while let seq = try cursor.next() {
                    seqs.insert(seq)
                    from = seq
                    step = 1
                }
                break
            } catch {
                if !skipped { problems.append("outbox table: \(Replica.describe(error))") }
                skipped = true
                guard from < last, step <= last - from else { break }
                from += step
                step = step <= Int64.max / 2 ? step * 2 : step
            }
        }
    }

    /// The stored drafts, as far as they can be read.
    static func drafts(_ db: Database, problems: inout [String]) -> [ReplicaRescue.Draft] {
        var drafts: [ReplicaRescue.Draft] = []
        do {
            let rows = try Row.fetchCursor(db, sql: "SELECT key, json, updated_at FROM draft ORDER BY key")
            while let row = try rows.next() {
                drafts.append(
                    ReplicaRescue.Draft(
                        key: row["key"], json: row["json"], updatedAt: Millis.date(row["updated_at"])))
            }
        } catch {
            problems.append("drafts: \(Replica.describe(error))")
        }
        return drafts
    }
}

/// Writing a rescue file: a new file (never over another), readable by this user only.
enum RescueFile {
    /// Writes `data` to `<replica>.rescue-<UTC time>.<suffix>` (with a number added if that
    /// exists) and returns the path; a file that could not be written whole is removed again.
    static func save(_ data: Data, nextTo replica: String, at now: Date, suffix: String = "json") throws
        -> String
    {
        let stamp = FileStamp.utc(now)
        for attempt in 1...100 {
            let path = "\(replica).rescue-\(stamp)\(attempt == 1 ? "" : "-\(attempt)").\(suffix)"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw failure(path: path, errno)
            }
            let written = data.withUnsafeBytes { bytes in writeAll(fd, bytes) }
            let synced = written == 0 ? (fsync(fd) == 0 ? 0 : errno) : written
            close(fd)
            guard synced == 0 else {
                unlink(path)
                throw failure(path: path, synced)
            }
            return path
        }
        throw ReplicaError.cannotOpen(
            path: "\(replica).rescue-\(stamp).\(suffix)", detail: "too many rescue files")
    }

    /// Writes every byte; returns 0, or the errno that stopped it.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    private static func failure(path: String, _ code: Int32) -> ReplicaError {
        if code == ENOSPC || code == EDQUOT { return .diskFull(path: path) }
        return .cannotOpen(path: path, detail: String(cString: strerror(code)))
    }
}

/// Times in file names: UTC, sortable, no characters a file system minds.
enum FileStamp {
    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
