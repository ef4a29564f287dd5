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
    /// Called once when the central service refuses this device (`device_revoked`): deletes the
    /// replica's key file and the saved login.
    public var onDeviceRevoked: (@Sendable () -> Void)?

    /// Sync through `engine` every `interval`; `relogin` renews the token after it expired.
    public init(
        engine: SyncEngine, interval: Duration = .seconds(15),
        relogin: (@Sendable (String) async throws(SyncError) -> String)? = nil,
        onDeviceRevoked: (@Sendable () -> Void)? = nil
    ) {
        self.engine = engine
        self.interval = interval
        self.relogin = relogin
        self.onDeviceRevoked = onDeviceRevoked
    }
}

/// The running sync of a workstation: the scheduler, and what it reports into the runner's inbox.
final class SyncConnection: Sendable {
    let scheduler: SyncScheduler
    let relogin: (@Sendable (String) async throws(SyncError) -> String)?
    let revoked: DeviceRevocation

    /// Creates the scheduler; its status changes are posted to `runner`, and after a round that
    /// moved the pull cursor, `.remoteChangesArrived` too.
    init(sync: WorkstationSync, replica: Replica, runner: EffectRunner, logger: Logger) {
        let cursor = PullCursor(start: (try? replica.syncState().cursor) ?? 0)
        self.relogin = sync.relogin
        let revoked = DeviceRevocation(sync.onDeviceRevoked)
        self.revoked = revoked
        scheduler = SyncScheduler(
            engine: sync.engine, replica: replica, interval: sync.interval, logger: logger,
            onStatus: { [weak runner] status in
                // The key goes before the screen learns of it, so nothing is shown after.
                if status.connection == .deviceRevoked { revoked.happened() }
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
        Task { [scheduler, revoked] in
            let token: String
            do throws(SyncError) {
                token = try await relogin(password)
            } catch {
                if case .deviceRevoked = error {
                    revoked.happened()
                    await scheduler.stop()
                    runner.post(
                        .syncStatusChanged(
                            SyncStatus(
                                connection: .deviceRevoked, pending: 0, conflicts: 0, rejected: 0,
                                lastSync: nil,
                                error: error)))
                    return
                }
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

/// What happens once when the device is found revoked, whichever path finds it first.
final class DeviceRevocation: Sendable {
    private let action: (@Sendable () -> Void)?
    private let done = Mutex(false)
    init(_ action: (@Sendable () -> Void)?) { self.action = action }

    func happened() {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        if first { action?() }
    }
}
