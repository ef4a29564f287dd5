import CNcursesw
import Foundation

/// Restores the terminal and ends the program on SIGINT, SIGTERM and SIGHUP.
///
/// Async-signal safety: no Swift code runs in signal context. The C handler in the shim
/// (`clerk_signal_to_pipe`) only writes the signal number as one byte to a pipe and
/// restores `errno` — `write(2)` is async-signal-safe. A watcher thread blocks reading the
/// pipe; when a byte arrives it runs the optional cleanup, takes the session lock (so
/// ncurses is never called concurrently with the loop thread) and calls `endwin`. The loop's
/// next terminal call then throws `TerminalError.terminationRequested`, so the program
/// finishes its work (the sync stops, the replica closes) and exits with status 0. Only if it
/// has not ended within `grace` does the watcher reset the signal to its default action and
/// raise it again, so the parent sees the usual "killed by signal" status. The handlers are installed right after `newterm`, replacing ncurses'
/// own SIGINT/SIGTERM handlers; ncurses keeps handling SIGWINCH (→ KEY_RESIZE) and SIGTSTP.
final class TerminalSignalHandler: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// How long the program may take to end cleanly after a signal.
    static let grace: TimeInterval = 5

    private let readEnd: Int32
    private let writeEnd: Int32
    private let lock = NSLock()
    private var cancelled = false

    /// Starts watching the signals; `cleanup` runs on the watcher thread before the
    /// terminal is restored, e.g. to flush a log.
    init?(session: NcursesSession, cleanup: (@Sendable (Int32) -> Void)?) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return nil }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
        for signalNumber in Self.signals {
            _ = clerk_route_signal_to_pipe(signalNumber, writeEnd)
        }
        let readEnd = readEnd
        let thread = Thread { [weak session] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR {
                    continue
                }
                guard count == 1, byte != 0 else {  // 0: cancelled
                    close(readEnd)
                    return
                }
                let signalNumber = Int32(byte)
                cleanup?(signalNumber)
                session?.end(requestedBy: signalNumber)
                Thread.sleep(forTimeInterval: Self.grace)
                _ = clerk_default_signal(signalNumber)
                raise(signalNumber)
                return
            }
        }
        thread.name = "clerk.terminal.signals"
        thread.start()
    }

    /// Stops watching and gives the signals their default action back.
    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled else { return }
        cancelled = true
        for signalNumber in Self.signals {
            _ = clerk_default_signal(signalNumber)
        }
        var stop: UInt8 = 0
        _ = write(writeEnd, &stop, 1)
        close(writeEnd)
    }
}
