/// Why a terminal operation failed.
public enum TerminalError: Error, Sendable, Hashable {
    /// No terminal to open (`/dev/tty` and stdin/stdout are not terminals).
    case noTerminal(path: String)
    /// ncurses could not start on the terminal (unknown `TERM`?).
    case cannotStart(term: String?)
    /// An ncurses call failed.
    case callFailed(String)
    /// Drawing while suspended.
    case suspended
    /// The backend was closed.
    case closed
    /// A signal asked the program to end (SIGTERM, SIGHUP, SIGINT); the terminal is restored and
    /// the program should finish its work and exit cleanly.
    case terminationRequested(signal: Int32)
}
