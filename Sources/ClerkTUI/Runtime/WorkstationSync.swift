import Foundation
import Logging
import OfflineStore
import SyncClient
import Synchronization

/// How the workstation reaches the central service; nil in WorkstationOptions means offline only.
public struct WorkstationSync: Sendable {
    public var engine: SyncEngine
    public var interval: Duration
    /// Logs in again with the clerk's password and returns the new token (nil: no re-login possible).
    public var relogin: (@Sendable (_ password: String) async throws(SyncError) -> String)?

    /// Sync through `engine` every `interval`; `relogin` renews the token after it expired.
    public init(
        engine: SyncEngine, interval: Duration = .seconds(15),
        relogin: (@Sendable (String) async throws(SyncError) -> String)? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.relogin = relogin
    }
}

/// The running sync of a workstation: the scheduler, and what it reports into the runner's inbox.
final class SyncConnection: Sendable {
    let scheduler: SyncScheduler
    let relogin: (@Sendable (String) async throws(SyncError) -> String)?

    /// Creates the scheduler; its status changes are posted to `runner`, and after a round that
    /// moved the pull cursor, `.remoteChangesArrived` too.
    init(sync: WorkstationSync, replica: Replica, runner: EffectRunner, logger: Logger) {
        let cursor = PullCursor(start: (try? replica.syncState().cursor) ?? 0)
        self.relogin = sync.relogin
        scheduler = SyncScheduler(
            engine: sync.engine, replica: replica, interval: sync.interval, logger: logger,
            onStatus: { [weak runner] status in
                runner?.post(.syncStatusChanged(status))
                guard status.connection == .online else { return }
                if cursor.moved(to: (try? replica.syncState().cursor) ?? 0) {
                    runner?.post(.remoteChangesArrived)
                }
            })
    }

    func start() { Task { [scheduler] in await scheduler.start() } }

    func syncNow() { Task { [scheduler] in await scheduler.syncNow() } }

    /// Logs in again and lets the scheduler go on with the new token; reports the outcome.
    func relogin(password: String, runner: EffectRunner) {
        guard let relogin else {
            runner.post(.reloginFailed(UIText.reloginUnavailable))
            return
        }
        Task { [scheduler] in
            let token: String
            do throws(SyncError) {
                token = try await relogin(password)
            } catch {
                runner.post(.reloginFailed(error.message))
                return
            }
            await scheduler.resume(withToken: token)
            runner.post(.reloginSucceeded)
        }
    }

    /// Stops the loop.
    func stop() async { await scheduler.stop() }

    /// Stops the loop from a thread outside the concurrency pool (the terminal loop) and waits.
    func stopBlocking() {
        let done = DispatchSemaphore(value: 0)
        Task { [scheduler] in
            await scheduler.stop()
            done.signal()
        }
        done.wait()
    }
}

/// Where the sync rounds are logged: the log file, never the terminal the workstation draws on.
func workstationSyncLogger(path: String = LogFile.defaultPath()) -> Logger {
    guard let file = try? LogFile(path: path) else {
        return Logger(label: "clerk.sync") { _ in SwiftLogNoOpLogHandler() }
    }
    return FileLogHandler.logger(label: "clerk.sync", file: file)
}

/// The last pull cursor seen, shared with the scheduler's status callback.
final class PullCursor: Sendable {
    private let value: Mutex<Int64>
    init(start: Int64) { value = Mutex(start) }

    /// Remembers `now`; true if it differs from the cursor seen before.
    func moved(to now: Int64) -> Bool {
        value.withLock { last in
            defer { last = now }
            return last != now
        }
    }
}
