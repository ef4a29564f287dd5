import CNcursesw
import Foundation

/// The C state of one ncurses screen, guarded by a lock so that the signal handlers (which
/// run on a dispatch queue, not in signal context) can restore the terminal safely.
///
/// It also counts the bytes written to the terminal: the calling thread's write counter
/// (`/proc/thread-self/io`) before and after each ncurses call.
///
/// Every ncurses call goes through `withScreen`, which holds the lock; the loop thread
/// holds it at most one input slice (`NcursesBackend.inputSlice`) at a time, so a signal
/// handler waits at most that long before it can call `endwin`.
final class NcursesSession: @unchecked Sendable {
    struct Handles {
        let screen: OpaquePointer
        let window: UnsafeMutablePointer<WINDOW>
        let input: UnsafeMutablePointer<FILE>
        let output: UnsafeMutablePointer<FILE>
        let ttyFileDescriptor: Int32?
        let bracketedPaste: Bool
    }

    private let lock = NSLock()
    private var handles: Handles?
    private var ended = false
    private var endingSignal: Int32?
    private var bytes = 0

    init(handles: Handles) {
        self.handles = handles
    }

    /// Runs `body` with the ncurses handles under the lock; fails once the session ended.
    func withScreen<T>(_ body: (Handles) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if let endingSignal { throw TerminalError.terminationRequested(signal: endingSignal) }
        guard let handles, !ended else { throw TerminalError.closed }
        let before = clerk_thread_bytes_written()
        defer {
            let after = clerk_thread_bytes_written()
            if before >= 0 && after >= before {
                bytes += Int(after - before)
            }
        }
        return try body(handles)
    }

    /// Adds bytes written outside `withScreen` (during start-up).
    func addBytes(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        bytes += count
    }

    /// Bytes written to the terminal so far.
    var bytesWritten: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    /// Whether `end()` has run.
    var isEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return ended
    }

    /// Restores the terminal because `signal` asked the program to end: later calls throw
    /// `TerminalError.terminationRequested`, so the loop finishes its work and exits cleanly.
    func end(requestedBy signal: Int32) {
        lock.lock()
        endingSignal = signal
        lock.unlock()
        end()
    }

    /// Restores the terminal (endwin) and releases the screen; safe to call more than once
    /// and from any thread.
    func end() {
        lock.lock()
        defer { lock.unlock() }
        guard !ended, let handles else { return }
        ended = true
        set_term(handles.screen)
        if handles.bracketedPaste {
            clerk_stream_write(handles.output, "\u{1B}[?2004l")
        }
        curs_set(1)
        endwin()
        fflush(handles.output)
        delscreen(handles.screen)
        fclose(handles.output)
        fclose(handles.input)
        if let descriptor = handles.ttyFileDescriptor {
            close(descriptor)
        }
    }

    deinit {
        end()
    }
}

/// Open sessions, so that `exit()` anywhere in the program still restores the terminal.
final class NcursesSessionRegistry: Sendable {
    static let shared = NcursesSessionRegistry()

    private let state = LockedSessions()

    private init() {
        atexit {
            NcursesSessionRegistry.shared.endAll()
        }
    }

    func add(_ session: NcursesSession) {
        state.mutate { $0.append(Weak(session)) }
    }

    func endAll() {
        var sessions: [NcursesSession] = []
        state.mutate { list in
            sessions = list.compactMap(\.value)
            list.removeAll()
        }
        for session in sessions {
            session.end()
        }
    }
}

private final class LockedSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Weak] = []

    func mutate(_ body: (inout [Weak]) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        list.removeAll { $0.value == nil }
        body(&list)
    }
}

private struct Weak {
    weak var value: NcursesSession?

    init(_ value: NcursesSession) {
        self.value = value
    }
}
