import CaseModel
import Foundation
import TerminalKit

/// The workstation loop: input → keymap → action → reduce → effects → render → diff → backend.
///
/// All terminal calls happen on the thread that calls `run()` or `step(timeout:)`. Results of
/// slow effects are drained from the runner between input polls.
public final class Workstation {
    /// The current state (read it in tests; change it only through `dispatch`).
    public private(set) var state: AppState
    public let runner: EffectRunner
    public let backend: any TerminalBackend
    private let renderer: FrameRenderer
    private let clock: () -> Date
    private var lastTick: Date
    private var needsRender = true
    let sync: SyncConnection?
    /// Whether the loop takes lock requests (`clerk lock`, SIGUSR1) between input polls.
    public var watchesLockRequests = false

    /// Creates a loop over a backend; `state.size` is taken from the backend.
    public convenience init(
        state: AppState, runner: EffectRunner, backend: any TerminalBackend,
        clock: @escaping () -> Date = { Date() }
    ) {
        self.init(state: state, runner: runner, backend: backend, clock: clock, sync: nil)
    }

    init(
        state: AppState, runner: EffectRunner, backend: any TerminalBackend, clock: @escaping () -> Date,
        sync: SyncConnection?
    ) {
        self.sync = sync
        var initial = state
        initial.size = backend.size
        self.state = initial
        self.runner = runner
        self.backend = backend
        self.renderer = FrameRenderer(backend: backend)
        self.clock = clock
        self.lastTick = clock()
    }

    /// Starts the workstation: loads the first screen and draws it.
    public func start() throws {
        sync?.start()
        dispatch(.started)
        try renderIfNeeded()
    }

    /// Runs until the clerk quits or a signal asks the program to end (everything typed is
    /// saved as it is typed); returns the exit status.
    public func run() throws -> Int32 {
        do {
            try start()
            while !state.quitting {
                try step(timeout: .milliseconds(50))
            }
        } catch TerminalError.terminationRequested {
            // The terminal is restored already; finish like a quit.
        }
        sync?.stopBlocking()
        runner.waitUntilIdle()
        return 0
    }

    /// Stops the background sync (the terminal loop does this itself when the clerk quits).
    public func stopSync() async {
        await sync?.stop()
    }

    /// One turn of the loop: drain finished effects, read input (waiting up to `timeout`),
    /// tick the clock, and draw what changed.
    public func step(timeout: Duration) throws {
        for action in runner.drain() { dispatch(action) }
        if watchesLockRequests, LockRequests.take() { dispatch(.lockRequested) }
        if let event = try backend.pollInput(timeout: timeout) {
            handle(event)
            // Keys typed ahead are handled before drawing, so a burst costs one frame.
            var burst = 0
            while burst < 64, !state.quitting, let next = try backend.pollInput(timeout: .zero) {
                handle(next)
                burst += 1
            }
        }
        let now = clock()
        if now.timeIntervalSince(lastTick) >= 1 {
            lastTick = now
            dispatch(.tick(now))
        }
        try renderIfNeeded()
    }

    /// Handles everything queued (input and finished effects) until nothing is left; for tests
    /// and scripted runs with a headless backend.
    public func settle() throws {
        var rounds = 0
        repeat {
            runner.waitUntilIdle()
            for action in runner.drain() { dispatch(action) }
            while !state.quitting, let event = try backend.pollInput(timeout: .zero) {
                handle(event)
                runner.waitUntilIdle()
                for action in runner.drain() { dispatch(action) }
            }
            rounds += 1
        } while rounds < 100 && hasPendingWork()
        try renderIfNeeded()
    }

    private func hasPendingWork() -> Bool {
        runner.waitUntilIdle()
        let actions = runner.drain()
        for action in actions { dispatch(action) }
        return !actions.isEmpty
    }

    /// Applies an action and runs the effects it asks for, feeding their results back in.
    public func dispatch(_ action: Action) {
        var queue = [action]
        var index = 0
        while index < queue.count {
            let effects = reduce(&state, queue[index])
            index += 1
            for effect in effects {
                if effect == .redraw { renderer.invalidate() }
                queue += runner.run(effect)
            }
        }
        needsRender = true
    }

    private func handle(_ event: KeyEvent) {
        switch event {
        case .resize(let size):
            renderer.invalidate()
            dispatch(.resized(size))
        default:
            dispatch(.keyPressed(event))
        }
    }

    /// Draws the frame if something changed; the diff sends only changed cells.
    public func renderIfNeeded() throws {
        guard needsRender else { return }
        needsRender = false
        if backend.size != state.size {
            renderer.invalidate()
            dispatch(.resized(backend.size))
            needsRender = false
        }
        var buffer = ScreenBuffer(size: state.size)
        render(state, into: &buffer)
        try renderer.render(buffer)
    }
}
