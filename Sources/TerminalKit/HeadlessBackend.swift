/// A virtual terminal for tests: a screen in memory and a queue of scripted input.
///
/// It applies `ScreenChanges` exactly like a real terminal would (full repaints clear the
/// screen first, a scroll moves its region and blanks the rows it uncovers), counts cells and
/// bytes (an estimate of what an ANSI terminal would be sent: 4 for a clear, 8 per cursor
/// position, 10 per style change, the UTF-8 of each glyph, and the exact escape sequences of
/// a scroll), and plays back scripted key events.
public final class HeadlessBackend: TerminalBackend {
    /// The current size; change it with `resize(to:)`.
    public private(set) var size: TerminalSize
    /// The colours it claims to support.
    public var colorSupport: ColorSupport
    /// Estimated bytes an ANSI terminal would have been sent.
    public private(set) var bytesWritten = 0
    /// Cells written so far.
    public private(set) var cellsWritten = 0
    /// Number of `draw(_:)` calls.
    public private(set) var drawCount = 0
    /// Number of `present()` calls.
    public private(set) var presentCount = 0
    /// Number of full repaints drawn.
    public private(set) var fullRepaintCount = 0
    /// Whether the terminal is suspended (between `suspend()` and `restore()`).
    public private(set) var isSuspended = false
    /// The screen as drawn by the pending frame.
    public private(set) var pending: ScreenBuffer
    /// The screen as last presented.
    public private(set) var screen: ScreenBuffer
    private var input: [KeyEvent] = []

    /// Creates a virtual terminal of the given size.
    public init(size: TerminalSize = TerminalSize(rows: 24, columns: 80), colorSupport: ColorSupport = .eight)
    {
        self.size = size
        self.colorSupport = colorSupport
        self.pending = ScreenBuffer(size: size)
        self.screen = ScreenBuffer(size: size)
    }

    /// Queues key events to be returned by `pollInput`.
    public func enqueue(_ events: [KeyEvent]) {
        input.append(contentsOf: events)
    }

    /// Queues typed text, one character key event per grapheme.
    public func type(_ text: String) {
        enqueue(text.map { KeyEvent.character($0) })
    }

    /// Queues key chords given in textual form ("F1", "Ctrl-F", "x"); unknown chords are skipped.
    public func press(_ chords: String...) {
        enqueue(chords.compactMap { KeyChord($0).map(KeyEvent.key) })
    }

    /// Number of queued events not yet polled.
    public var pendingInputCount: Int { input.count }

    /// Changes the size like a terminal window resize: the screen is cleared and a resize
    /// event is queued in front of the remaining input.
    public func resize(to newSize: TerminalSize) {
        size = newSize
        pending = ScreenBuffer(size: newSize)
        screen = pending
        input.insert(.resize(newSize), at: 0)
    }

    /// The presented screen as text lines.
    public func screenText(trimmingTrailingSpaces: Bool = true) -> [String] {
        screen.text(trimmingTrailingSpaces: trimmingTrailingSpaces)
    }

    /// Resets the byte and cell counters (e.g. after the first frame).
    public func resetCounters() {
        bytesWritten = 0
        cellsWritten = 0
    }

    public func draw(_ changes: ScreenChanges) throws {
        guard !isSuspended else { throw TerminalError.suspended }
        drawCount += 1
        if changes.fullRepaint || changes.size != pending.size {
            pending = ScreenBuffer(size: changes.size)
            size = changes.size
            fullRepaintCount += 1
            bytesWritten += 4  // clear screen
        } else if let scroll = changes.scroll {
            pending.scroll(scroll)
            bytesWritten += Self.scrollSequence(scroll).utf8.count
        }
        var lastStyle: Style?
        for run in changes.runs {
            bytesWritten += 8  // cursor position
            var column = run.column
            for cell in run.cells {
                defer { column += 1 }
                if cell.isContinuation {
                    continue
                }
                if cell.style != lastStyle {
                    bytesWritten += 10  // SGR sequence
                    lastStyle = cell.style
                }
                pending.set(cell, at: Position(row: run.row, column: column))
                bytesWritten += cell.grapheme.utf8.count
                cellsWritten += 1
            }
        }
        pending.cursor = changes.cursor
    }

    /// What an ANSI terminal is sent for a scroll: reset the style (so the uncovered rows are
    /// blank), set the scroll region (DECSTBM), scroll up (SU) or down (SD), reset the region.
    static func scrollSequence(_ scroll: ScreenScroll) -> String {
        let escape = "\u{1B}["
        let move = scroll.amount > 0 ? "\(scroll.amount)S" : "\(-scroll.amount)T"
        return escape + "m" + escape + "\(scroll.top + 1);\(scroll.bottom + 1)r" + escape + move + escape
            + "r"
    }

    public func present() throws {
        guard !isSuspended else { throw TerminalError.suspended }
        presentCount += 1
        screen = pending
    }

    public func setCursor(_ cursor: CursorState) throws {
        pending.cursor = cursor
        bytesWritten += 8
    }

    public func pollInput(timeout: Duration) throws -> KeyEvent? {
        guard !input.isEmpty else { return nil }
        return input.removeFirst()
    }

    public func suspend() throws {
        isSuspended = true
    }

    public func restore() throws {
        isSuspended = false
        pending = ScreenBuffer(size: size)
        screen = pending
    }
}
