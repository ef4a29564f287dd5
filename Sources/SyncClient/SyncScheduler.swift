import Foundation
import Logging
import OfflineStore

/// Runs sync rounds in the background and reports each change of status.
///
/// A round runs every `interval` while the central service answers, at once on `syncNow()`, and
/// after a failure with exponential back-off and jitter, at most `retryCap` apart — so what a clerk
/// did offline reaches the central service within about 15 s of its return. Between rounds, while
/// online, the service is asked every `probeInterval` whether it still answers
/// (`SyncEngine.checkReachable()`, a few seconds at most), so a service that is killed, closes its
/// port or hangs shows as offline within 10 s, not only at the next round; a round itself cannot
/// hang longer than the transport's timeouts. `syncNow()` during a round cancels that round and
/// starts a new one at once (what the cancelled round wrote stays: every page is written with its
/// cursor, and a push whose answer was lost is recognised when it is sent again).
public actor SyncScheduler {
    /// The longest wait between two attempts while the central service cannot be reached.
    public static let retryCap: Double = 12
    /// How often the central service is asked whether it still answers, between rounds while online.
    public static let defaultProbeInterval: Duration = .seconds(3)

    /// What wakes the loop.
    enum Signal: Sendable {
        /// The clerk asked for a round (F5).
        case syncNow
        /// The round in progress ended; how long to wait before the next one.
        case roundEnded(Duration)
        /// The probe of this number ended; the error if the service did not answer.
        case probeEnded(Int, SyncError?)
        /// A pause of this generation is over.
        case elapsed(Int)
    }

    let engine: SyncEngine
    let replica: Replica
    let interval: Duration
    let probeInterval: Duration?
    let logger: Logger
    var backoff: Backoff
    var random = SystemRandomNumberGenerator()
    var loop: Task<Void, Never>?
    var signals: AsyncStream<Signal>.Continuation?
    /// The round, probe and pause in progress (at most one of them at a time).
    var round: Task<Void, Never>?
    var probe: Task<Void, Never>?
    var pause: Task<Void, Never>?
    /// Count pauses and probes, so that the end of one that was cut short is not taken for the
    /// current one.
    var generation = 0
    var probeNumber = 0
    /// When the next round is due.
    var due = ContinuousClock.now
    /// Whether a new round starts as soon as the cancelled one has ended.
    var roundAgain = false
    var loginRequired = false
    /// The central service refused this device (`device_revoked`); nothing more is tried.
    var deviceRevoked = false
    var lastError: SyncError?
    var lastSync: Date?
    var lastRestart: PullRestart?
    let onStatus: @Sendable (SyncStatus) -> Void

    /// A scheduler for `engine`; `probeInterval` nil asks the service nothing between rounds;
    /// `backoff` spaces the attempts after failures.
    public init(
        engine: SyncEngine, replica: Replica, interval: Duration = .seconds(30),
        probeInterval: Duration? = SyncScheduler.defaultProbeInterval,
        backoff: Backoff = Backoff(base: 1, cap: SyncScheduler.retryCap),
        logger: Logger = Logger(label: "clerk.sync"), onStatus: @escaping @Sendable (SyncStatus) -> Void
    ) {
        self.engine = engine
        self.replica = replica
        self.interval = interval
        self.probeInterval = probeInterval
        self.backoff = backoff
        self.logger = logger
        self.onStatus = onStatus
    }

    /// The status as it is now (without starting a round).
    public func currentStatus() -> SyncStatus {
        status(
            deviceRevoked
                ? .deviceRevoked : loginRequired ? .loginRequired : lastError == nil ? .online : .offline)
    }

    /// Starts the background loop (idempotent).
    public func start() {
        guard loop == nil else { return }
        let (stream, continuation) = AsyncStream.makeStream(of: Signal.self)
        signals = continuation
        startRound()
        loop = Task { [weak self] in
            for await signal in stream {
                guard let self else { return }
                await self.handle(signal)
            }
        }
    }

    /// Asks for a round as soon as possible (F5): at once between rounds, and after cancelling
    /// the round in progress.
    public func syncNow() {
        backoff.reset()
        signals?.yield(.syncNow)
    }

    /// Continues after the clerk logged in again; the outbox was never touched.
    public func resume(withToken token: String) async {
        await engine.replaceToken(token)
        loginRequired = false
        syncNow()
    }

    /// Stops the loop, and the round, probe or pause in progress.
    ///
    /// Returns once they have ended, so the replica can be closed right after: nothing of this
    /// scheduler touches it any more.
    public func stop() async {
        let running = [loop, round, probe, pause].compactMap { $0 }
        loop?.cancel()
        loop = nil
        for task in [round, probe, pause] { task?.cancel() }
        round = nil
        probe = nil
        pause = nil
        signals?.finish()
        signals = nil
        for task in running { await task.value }
    }

    /// Runs one round now and returns how long to wait before the next one. A round cancelled
    /// from outside reports nothing and returns zero.
    public func runRound() async -> Duration {
        if loginRequired || deviceRevoked { return .seconds(3600) }
        publish(.syncing)
        do {
            let report = try await engine.syncOnce()
            await takeRestart()
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
            await takeRestart()
            if Task.isCancelled {
                logger.info("sync round cancelled", metadata: ["error": "\(error.detail)"])
                return .zero
            }
            return failed(error)
        }
    }

    /// Takes a restart of the pull the engine found, for the next status.
    func takeRestart() async {
        if let restart = await engine.takeRestart() { lastRestart = restart }
    }

    /// Records a failure and returns how long to wait before the next attempt.
    func failed(_ error: SyncError) -> Duration {
        lastError = error
        logger.warning("sync failed", metadata: ["error": "\(error.detail)", "shown": "\(error.message.de)"])
        try? replica.recordSyncError(error.message.de)
        if case .deviceRevoked = error {
            deviceRevoked = true
            publish(.deviceRevoked)
            return .seconds(3600)
        }
        if case .unauthorized = error {
            loginRequired = true
            publish(.loginRequired)
            return .seconds(3600)
        }
        publish(.offline)
        return .milliseconds(Int64(backoff.nextDelay(using: &random) * 1000))
    }

    // MARK: The loop

    func handle(_ signal: Signal) {
        switch signal {
        case .syncNow:
            if let round {
                roundAgain = true
                round.cancel()
            } else {
                startRound()
            }
        case .roundEnded(let delay):
            round = nil
            if roundAgain {
                startRound()
            } else {
                due = .now + delay
                waitForNextStep()
            }
        case .probeEnded(let number, let error):
            guard number == probeNumber, probe != nil else { return }
            probe = nil
            if let error, lastError == nil, !loginRequired, !deviceRevoked {
                logger.warning("central service not answering", metadata: ["error": "\(error.detail)"])
                due = .now + failed(error)
            }
            waitForNextStep()
        case .elapsed(let current):
            guard current == generation, round == nil, probe == nil else { return }
            pause = nil
            if ContinuousClock.now >= due {
                startRound()
            } else {
                startProbe()
            }
        }
    }

    /// Starts a round; its end is signalled with the wait before the next one.
    func startRound() {
        pause?.cancel()
        pause = nil
        probe?.cancel()
        probe = nil
        roundAgain = false
        let signals = self.signals
        round = Task {
            let delay = await self.runRound()
            signals?.yield(.roundEnded(delay))
        }
    }

    /// Asks the service whether it answers; its end is signalled.
    func startProbe() {
        let signals = self.signals
        let engine = self.engine
        probeNumber += 1
        let number = probeNumber
        probe = Task {
            do throws(SyncError) {
                try await engine.checkReachable()
                signals?.yield(.probeEnded(number, nil))
            } catch {
                signals?.yield(.probeEnded(number, error))
            }
        }
    }

    /// Pauses until the next round is due or, while online, the next probe, whichever is first.
    func waitForNextStep() {
        var wait = due - .now
        if let probeInterval, lastError == nil, !loginRequired, !deviceRevoked {
            wait = min(wait, probeInterval)
        }
        generation += 1
        let current = generation
        let signals = self.signals
        pause?.cancel()
        pause = Task {
            do {
                try await Task.sleep(for: max(.zero, wait))
                signals?.yield(.elapsed(current))
            } catch {}
        }
    }

    func publish(_ connection: SyncStatus.Connection) { onStatus(status(connection)) }

    func status(_ connection: SyncStatus.Connection) -> SyncStatus {
        let pending = (try? replica.pendingCount()) ?? 0
        let conflicts = (try? replica.conflictCount()) ?? 0
        let rejected = (try? replica.rejectedCount()) ?? 0
        return SyncStatus(
            connection: connection, pending: pending, conflicts: conflicts, rejected: rejected,
            lastSync: lastSync, error: lastError, restart: lastRestart)
    }
}
