import Foundation
import GRDBSQLite
import Synchronization

/// Copies the replica's write-ahead log back into the database file in the background, on a
/// connection of its own, so that no clerk's edit pays for it.
///
/// SQLite's automatic checkpoint runs inside whichever commit makes the log cross its size, on
/// the writer: while a large pull writes page after page, an edit that happened to commit then
/// waited for the copy and its fsyncs (tens of milliseconds). A passive checkpoint from another
/// connection neither blocks the writer nor the readers; the writer only does the cheap part —
/// starting the log over once everything in it has been copied. The writer's own automatic
/// checkpoint stays as a safety net at a larger size (`Replica.writerAutoCheckpointPages`), for
/// when this one falls behind.
final class WALCheckpointer: Sendable {
    /// How often the log is looked at.
    static let interval: DispatchTimeInterval = .milliseconds(100)

    private let queue = DispatchQueue(label: "replica.checkpoint", qos: .utility)
    private let state = Mutex<Running?>(nil)

    /// The connection and the timer; touched only on `queue` or under the mutex.
    private final class Running: @unchecked Sendable {
        let db: OpaquePointer
        let timer: any DispatchSourceTimer

        init(db: OpaquePointer, timer: any DispatchSourceTimer) {
            self.db = db
            self.timer = timer
        }
    }

    /// Starts checkpointing the replica at `path`; without a connection nothing happens (the
    /// writer's automatic checkpoint then does the work, as before).
    init(path: String) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
            let db
        else {
            sqlite3_close_v2(db)
            return
        }
        // Never wait: a checkpoint that cannot start now is simply tried at the next tick.
        sqlite3_busy_timeout(db, 0)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let running = Running(db: db, timer: timer)
        timer.schedule(deadline: .now() + Self.interval, repeating: Self.interval, leeway: .milliseconds(20))
        timer.setEventHandler {
            var logFrames: Int32 = 0
            var copied: Int32 = 0
            _ = sqlite3_wal_checkpoint_v2(running.db, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied)
        }
        state.withLock { $0 = running }
        timer.resume()
    }

    /// Stops and closes the connection; waits for a checkpoint in progress. Idempotent.
    func close() {
        let running = state.withLock { state in
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
