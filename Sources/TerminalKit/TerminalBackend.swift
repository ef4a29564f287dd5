/// How many colours a terminal can show.
public enum ColorSupport: Int, Sendable, Hashable, Comparable {
    /// Monochrome: bold, reverse and underline only (also when `NO_COLOR` is set).
    case none = 0
    /// The eight ANSI colours.
    case eight = 8
    /// 256 colours.
    case twoHundredFiftySix = 256

    /// Orders by number of colours.
    public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A terminal the workstation draws into and reads keys from.
///
/// All calls come from the one loop thread. The loop renders a whole frame into a
/// `ScreenBuffer`, lets `ScreenDiff` compute the changes (or uses `FrameRenderer`), and
/// calls `draw(_:)` then `present()`.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }
    /// The colours the terminal can show.
    var colorSupport: ColorSupport { get }
    /// Bytes written to the terminal so far (escape sequences included).
    var bytesWritten: Int { get }
    /// Cells written to the terminal so far.
    var cellsWritten: Int { get }

    /// Writes changed cells and the cursor into the pending frame (not yet visible).
    func draw(_ changes: ScreenChanges) throws
    /// Makes the pending frame visible.
    func present() throws
    /// Places and shows or hides the cursor (visible after `present()`).
    func setCursor(_ cursor: CursorState) throws
    /// Waits up to `timeout` for input; nil when none arrived.
    func pollInput(timeout: Duration) throws -> KeyEvent?
    /// Gives the terminal back to the shell (e.g. before running an editor or suspending).
    func suspend() throws
    /// Takes the terminal again after `suspend()`; the next frame must be a full repaint.
    func restore() throws
}
