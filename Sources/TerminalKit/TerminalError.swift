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
}
