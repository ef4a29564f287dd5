import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// When the replica's write-ahead log is copied back into the database file (a checkpoint), so
/// that a clerk's edit never pays for it.
///
/// SQLite's automatic checkpoint runs inside whichever commit makes the log cross 1,000 pages,
/// and with its fsyncs that commit takes milliseconds to tens of milliseconds instead of a few
/// hundred microseconds: one edit in a few dozen paid for everyone. Here:
/// - the writer's commits only note the log's size (`sqlite3_wal_hook`, which replaces the
///   automatic checkpoint); a commit checkpoints itself only past `hardLimitPages`, as a safety
///   net;
/// - bulk writers (a pulled page, seeding) checkpoint after their own transaction once the log
///   passes `bulkPages` (`checkpointAfterBulkWrite`), in their own turn on the writer;
/// - otherwise the log is checkpointed on a connection of its own once nothing has been
///   committed for `idleDelay` — between a clerk's keystrokes. A passive checkpoint blocks
///   neither the writer nor the readers.
final class WALPolicy: Sendable {
    static let hardLimitPages: Int32 = 4_000
    static let bulkPages = 1_000
    static let idleDelay: Duration = .milliseconds(300)
    static let tick: DispatchTimeInterval = .milliseconds(200)

    /// The log's size in pages after the last commit, and whether everything in it has been
    /// copied since.
    private let state = Mutex(Log())
    private struct Log {
        var pages = 0
        var lastCommit = ContinuousClock.now
        var clean = true
    }

    private let queue = DispatchQueue(label: "replica.checkpoint", qos: .utility)
    private let background = Mutex<Background?>(nil)

    /// The idle checkpointer's connection and timer.
    private final class Background: @unchecked Sendable {
        let db: OpaquePointer
        let timer: any DispatchSourceTimer
        init(db: OpaquePointer, timer: any DispatchSourceTimer) {
            self.db = db
            self.timer = timer
        }
    }

    /// Installs the commit hook on a connection (every connection of the pool; only the writer
    /// commits).
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, _, pages in
                guard let context else { return SQLITE_OK }
                let policy = Unmanaged<WALPolicy>.fromOpaque(context).takeUnretainedValue()
                policy.committed(pages: Int(pages))
                if pages >= WALPolicy.hardLimitPages {
                    sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                }
                return SQLITE_OK
            }, context)
    }

    private func committed(pages: Int) {
        state.withLock { log in
            log.pages = pages
            log.lastCommit = .now
            log.clean = false
        }
    }

    /// Starts the idle checkpointer on a connection of its own; without one, commits past
    /// `hardLimitPages` and bulk writers still checkpoint.
    func startIdleCheckpoints(path: String) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
            let db
        else {
            sqlite3_close_v2(db)
            return
        }
        sqlite3_busy_timeout(db, 0)  // never wait: a checkpoint that cannot run now runs later
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let running = Background(db: db, timer: timer)
        timer.schedule(deadline: .now() + Self.tick, repeating: Self.tick, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.idleTick(running.db) }
        background.withLock { $0 = running }
        timer.resume()
    }

    private func idleTick(_ db: OpaquePointer) {
        let due = state.withLock { log in
            !log.clean && log.pages > 0 && ContinuousClock.now - log.lastCommit >= Self.idleDelay
        }
        guard due else { return }
        var logFrames: Int32 = 0
        var copied: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied)
        guard rc == SQLITE_OK, copied >= logFrames else { return }
        state.withLock { log in
            if ContinuousClock.now - log.lastCommit >= Self.idleDelay { log.clean = true }
        }
    }

    /// Whether a bulk writer should checkpoint after its transaction.
    var bulkCheckpointDue: Bool { state.withLock { !$0.clean && $0.pages >= Self.bulkPages } }

    /// Stops the idle checkpointer and closes its connection. Idempotent.
    func close() {
        let running = background.withLock { state in
            let running = state
            state = nil
            return running
        }
        guard let running else { return }
        running.timer.cancel()
        queue.sync { _ = sqlite3_close_v2(running.db) }
    }

    deinit {
        close()
    }
}

extension Replica {
    /// After a bulk write (a pulled page): copies the log back in this writer's turn once it has
    /// grown past `WALPolicy.bulkPages`, so the checkpoint is paid by the bulk writer, not by the
    /// next clerk's edit.
    func checkpointAfterBulkWrite() throws {
        try access(writing: true) { connections in
            guard connections.walPolicy.bulkCheckpointDue else { return }
            try connections.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        }
    }
}
