import Foundation
import Logging
import OfflineStore

/// Runs sync rounds in the background: every `interval`, at once on `syncNow()`, and after
/// failures with exponential back-off and jitter, at most `retryCap` apart — so what a clerk
/// did offline reaches the central service within about 15 s of its return. Reports each change
/// of status.
public actor SyncScheduler {
    /// The longest wait between two attempts while the central service cannot be reached.
    public static let retryCap: Double = 12

    let engine: SyncEngine
    let replica: Replica
    let interval: Duration
    let logger: Logger
    var backoff = Backoff(base: 1, cap: SyncScheduler.retryCap)
    var random = SystemRandomNumberGenerator()
    var loop: Task<Void, Never>?
    var wake: AsyncStream<Void>.Continuation?
    var loginRequired = false
    var lastError: SyncError?
    var lastSync: Date?
    let onStatus: @Sendable (SyncStatus) -> Void

    public init(
        engine: SyncEngine, replica: Replica, interval: Duration = .seconds(30),
        logger: Logger = Logger(label: "clerk.sync"), onStatus: @escaping @Sendable (SyncStatus) -> Void
    ) {
        self.engine = engine
        self.replica = replica
        self.interval = interval
        self.logger = logger
        self.onStatus = onStatus
    }

    /// The status as it is now (without starting a round).
    public func currentStatus() -> SyncStatus {
        status(loginRequired ? .loginRequired : lastError == nil ? .online : .offline)
    }

    /// Starts the background loop (idempotent).
    public func start() {
        guard loop == nil else { return }
        let (stream, continuation) = AsyncStream.makeStream(
            of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        loop = Task { [weak self] in
            var iterator = stream.makeAsyncIterator()
            while !Task.isCancelled {
                guard let self else { return }
                let delay = await self.runRound()
                // Sleep until the delay passes or someone asks for a sync now.
                let sleeper = Task {
                    do {
                        try await Task.sleep(for: delay)
                        continuation.yield()
                    } catch {}
                }
                _ = await iterator.next()
                sleeper.cancel()
            }
        }
    }

    /// Asks for a round as soon as possible (F5).
    public func syncNow() {
        backoff.reset()
        wake?.yield()
    }

    /// Continues after the clerk logged in again; the outbox was never touched.
    public func resume(withToken token: String) async {
        await engine.replaceToken(token)
        loginRequired = false
        syncNow()
    }

    /// Stops the loop.
    public func stop() {
        loop?.cancel()
        loop = nil
        wake?.finish()
    }

    /// Runs one round now and returns how long to wait before the next one.
    public func runRound() async -> Duration {
        if loginRequired { return .seconds(3600) }
        publish(.syncing)
        do {
            let report = try await engine.syncOnce()
            lastError = nil
            lastSync = Date()
            backoff.reset()
            logger.info(
                "sync round",
                metadata: [
                    "pushed": "\(report.pushed)", "conflicts": "\(report.conflicts)",
                    "rejected": "\(report.rejected)", "pulled": "\(report.pulledChanges)",
                ])
            publish(.online)
            return interval
        } catch {
            lastError = error
            logger.warning(
                "sync failed", metadata: ["error": "\(error.detail)", "shown": "\(error.message.de)"])
            try? replica.recordSyncError(error.message.de)
            if case .unauthorized = error {
                loginRequired = true
                publish(.loginRequired)
                return .seconds(3600)
            }
            publish(.offline)
            return .milliseconds(Int64(backoff.nextDelay(using: &random) * 1000))
        }
    }

    func publish(_ connection: SyncStatus.Connection) { onStatus(status(connection)) }

    func status(_ connection: SyncStatus.Connection) -> SyncStatus {
        let pending = (try? replica.pendingCount()) ?? 0
        let conflicts = (try? replica.conflictCount()) ?? 0
        let rejected = (try? replica.rejectedCount()) ?? 0
        return SyncStatus(
            connection: connection, pending: pending, conflicts: conflicts, rejected: rejected,
            lastSync: lastSync, error: lastError)
    }
}
