import CNcursesw
import Foundation

/// The real terminal, through ncursesw.
///
/// Start-up: `setlocale(LC_ALL, "")` (falling back to `C.UTF-8` for LC_CTYPE when the
/// locale is not UTF-8), then `newterm` (not `initscr`) on `/dev/tty` (or stdin/stdout when
/// there is no controlling tty), `raw`, `noecho`, `nonl`, `keypad`, `idlok` (so a scrolled
/// band reaches the terminal as a scroll), `set_escdelay(25)`, colours with
/// `start_color`/`use_default_colors` unless `NO_COLOR` is set or the terminal has none,
/// and bracketed paste. `bytesWritten` counts what ncurses wrote to the
/// terminal (the loop thread's write counter around each ncurses call; Linux only, 0
/// elsewhere), so benchmarks can report bytes per keystroke.
///
/// The terminal is restored (`endwin`) on every exit path: `close()`, `deinit`, `exit()`
/// (an `atexit` hook), a thrown error inside `NcursesBackend.run`, and SIGINT, SIGTERM and
/// SIGHUP (see `TerminalSignalHandler`). A crash (SIGSEGV, a failed precondition) cannot be
/// cleaned up safely; run `reset` then.
///
/// ncurses keeps one spacing character per cell (plus combining marks, `CCHARW_MAX` code
/// points in all): a flag or an emoji ZWJ sequence is drawn by its first code point, padded
/// to the width from our table, so the layout never shifts.
public final class NcursesBackend: TerminalBackend {
    /// Longest time one input wait holds the ncurses lock (a signal waits at most this).
    static let inputSlice: Int32 = 50

    /// The colours in use: `.none` when `NO_COLOR` is set or the terminal has none.
    public let colorSupport: ColorSupport
    /// Cells written so far.
    public private(set) var cellsWritten = 0
    /// Bytes written to the terminal so far.
    public var bytesWritten: Int { session.bytesWritten }

    private let session: NcursesSession
    private var signalHandler: TerminalSignalHandler?
    private var decoder = NcursesKeyDecoder()
    private var pairs: [ColorKey: Int16] = [:]
    private let defaultColorsAvailable: Bool
    private var lastSize: TerminalSize

    /// Opens the terminal and switches it to full-screen mode.
    ///
    /// - Parameters:
    ///   - ttyPath: the terminal device; when `/dev/tty` cannot be opened, stdin/stdout are
    ///     used if they are terminals.
    ///   - environment: for `TERM` and `NO_COLOR`.
    ///   - escapeDelay: milliseconds to wait after ESC for the rest of a key sequence.
    ///   - bracketedPaste: ask the terminal to mark pasted text.
    ///   - signalCleanup: runs before the terminal is restored on a fatal signal.
    public init(
        ttyPath: String = "/dev/tty", environment: [String: String] = ProcessInfo.processInfo.environment,
        escapeDelay: Int32 = 25, bracketedPaste: Bool = true,
        signalCleanup: (@Sendable (Int32) -> Void)? = nil
    ) throws {
        let bytesBefore = clerk_thread_bytes_written()
        setlocale(LC_ALL, "")
        if clerk_codeset_is_utf8() == 0 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        var ttyDescriptor: Int32?
        let input: UnsafeMutablePointer<FILE>
        let output: UnsafeMutablePointer<FILE>
        let descriptor = open(ttyPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        if descriptor >= 0 {
            guard let inStream = fdopen(dup(descriptor), "r"), let outStream = fdopen(dup(descriptor), "w")
            else {
                closeDescriptor(descriptor)
                throw TerminalError.noTerminal(path: ttyPath)
            }
            ttyDescriptor = descriptor
            input = inStream
            output = outStream
        } else if ttyPath == "/dev/tty", isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1,
            let inStream = fdopen(dup(STDIN_FILENO), "r"), let outStream = fdopen(dup(STDOUT_FILENO), "w")
        {
            input = inStream
            output = outStream
        } else {
            throw TerminalError.noTerminal(path: ttyPath)
        }
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        guard let screen = term.map({ newterm($0, output, input) }) ?? newterm(nil, output, input),
            let window = clerk_stdscr()
        else {
            fclose(output)
            fclose(input)
            if let ttyDescriptor { closeDescriptor(ttyDescriptor) }
            throw TerminalError.cannotStart(term: term)
        }
        session = NcursesSession(
            handles: NcursesSession.Handles(
                screen: screen, window: window, input: input, output: output,
                ttyFileDescriptor: ttyDescriptor, bracketedPaste: bracketedPaste))
        NcursesSessionRegistry.shared.add(session)
        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(escapeDelay)
        leaveok(window, false)
        idlok(window, true)
        curs_set(0)
        var support = ColorSupport.none
        var defaultColors = false
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        if !noColor && has_colors() {
            start_color()
            defaultColors = use_default_colors() == clerk_ok()
            let colors = clerk_colors()
            support = colors >= 256 ? .twoHundredFiftySix : (colors >= 8 ? .eight : .none)
        }
        colorSupport = support
        defaultColorsAvailable = defaultColors
        if bracketedPaste {
            clerk_stream_write(output, "\u{1B}[?2004h")
        }
        lastSize = TerminalSize(rows: Int(clerk_getmaxy(window)), columns: Int(clerk_getmaxx(window)))
        let bytesAfter = clerk_thread_bytes_written()
        if bytesBefore >= 0 && bytesAfter >= bytesBefore {
            session.addBytes(Int(bytesAfter - bytesBefore))
        }
        signalHandler = TerminalSignalHandler(session: session, cleanup: signalCleanup)
    }

    /// Opens the terminal, runs `body`, and restores the terminal however `body` ends.
    public static func run<T>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (NcursesBackend) throws -> T
    ) throws -> T {
        let backend = try NcursesBackend(environment: environment)
        defer { backend.close() }
        return try body(backend)
    }

    /// Restores the terminal and stops watching signals; later calls throw `.closed`.
    public func close() {
        session.end()
        signalHandler?.cancel()
        signalHandler = nil
    }

    deinit {
        close()
    }

    /// The current size in cells.
    public var size: TerminalSize {
        (try? session.withScreen { handles in
            TerminalSize(
                rows: Int(clerk_getmaxy(handles.window)), columns: Int(clerk_getmaxx(handles.window)))
        }) ?? lastSize
    }

    public func draw(_ changes: ScreenChanges) throws {
        var written = 0
        try session.withScreen { handles in
            let window = handles.window
            if changes.fullRepaint {
                werase(window)
            } else if let scroll = changes.scroll {
                Self.scroll(scroll, window: window)
            }
            for run in changes.runs {
                var column = run.column
                for cell in run.cells {
                    defer { column += 1 }
                    guard !cell.isContinuation else { continue }
                    put(cell, row: Int32(run.row), column: Int32(column), window: window)
                    written += 1
                }
            }
            applyCursor(changes.cursor, window: window)
        }
        cellsWritten += written
    }

    public func present() throws {
        try session.withScreen { handles in
            wnoutrefresh(handles.window)
            doupdate()
            fflush(handles.output)
        }
    }

    public func setCursor(_ cursor: CursorState) throws {
        try session.withScreen { handles in
            applyCursor(cursor, window: handles.window)
        }
    }

    public func pollInput(timeout: Duration) throws -> KeyEvent? {
        let total = timeout.components
        var remaining = max(0, total.seconds * 1000 + total.attoseconds / 1_000_000_000_000_000)
        while true {
            let slice = Int32(min(Int64(Self.inputSlice), remaining))
            let event: KeyEvent?? = try session.withScreen { handles in
                let window = handles.window
                let reader: NcursesKeyDecoder.Reader = { wait in
                    Self.read(window: window, timeout: wait)
                }
                guard let first = decoder.next(slice, read: reader) else {
                    return .none
                }
                let decoded = decoder.decode(
                    first,
                    size: {
                        TerminalSize(rows: Int(clerk_getmaxy(window)), columns: Int(clerk_getmaxx(window)))
                    }, read: reader)
                return .some(decoded)
            }
            if let event {
                if let event {
                    if case .resize(let newSize) = event {
                        lastSize = newSize
                    }
                    return event
                }
                continue  // input without meaning: keep waiting
            }
            remaining -= Int64(slice)
            if remaining <= 0 {
                return nil
            }
        }
    }

    public func suspend() throws {
        try session.withScreen { handles in
            if handles.bracketedPaste {
                clerk_stream_write(handles.output, "\u{1B}[?2004l")
            }
            curs_set(1)
            endwin()
            fflush(handles.output)
        }
    }

    public func restore() throws {
        try session.withScreen { handles in
            if handles.bracketedPaste {
                clerk_stream_write(handles.output, "\u{1B}[?2004h")
            }
            clearok(handles.window, true)
            wrefresh(handles.window)
        }
    }

    /// Suspends the whole program like Ctrl-Z in a shell (SIGTSTP), then takes the terminal
    /// back; draw a full frame afterwards.
    public func suspendToShell() throws {
        try suspend()
        kill(getpid(), SIGTSTP)
        try restore()
    }

    /// Moves a band of rows of the window (`wsetscrreg` + `wscrl`), so the window holds the
    /// scrolled frame; with `idlok` on, `doupdate` sends the terminal a scroll (scroll region
    /// plus index/reverse index, or insert/delete line) instead of redrawing the band.
    private static func scroll(_ scroll: ScreenScroll, window: UnsafeMutablePointer<WINDOW>) {
        let rows = clerk_getmaxy(window)
        guard scroll.top >= 0, scroll.bottom < Int(rows), scroll.top < scroll.bottom else { return }
        wsetscrreg(window, Int32(scroll.top), Int32(scroll.bottom))
        scrollok(window, true)
        wscrl(window, Int32(scroll.amount))
        scrollok(window, false)
        wsetscrreg(window, 0, rows - 1)
    }

    private static func read(window: UnsafeMutablePointer<WINDOW>, timeout: Int32) -> RawInput? {
        wtimeout(window, timeout)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == clerk_key_code_yes() {
            return .keyCode(Int32(bitPattern: character))
        }
        if result == clerk_ok() {
            return .character(UInt32(character))
        }
        return nil
    }

    private func put(_ cell: Cell, row: Int32, column: Int32, window: UnsafeMutablePointer<WINDOW>) {
        let (attributes, pair) = attributes(for: cell.style)
        var character = cchar_t()
        let maximum = Int(clerk_ccharw_max())
        var scalars = Self.cellScalars(cell.grapheme, maximum: maximum)
        scalars.append(0)
        var status = setcchar(&character, scalars, attributes, pair, nil)
        if status != clerk_ok(), let first = cell.grapheme.unicodeScalars.first {
            let single: [wchar_t] = [wchar_t(bitPattern: first.value), 0]
            status = setcchar(&character, single, attributes, pair, nil)
        }
        if status != clerk_ok() {
            let blank: [wchar_t] = [0x20, 0]
            setcchar(&character, blank, attributes, pair, nil)
        }
        mvwadd_wch(window, row, column, &character)
        if cell.isWideLead && clerk_getcurx(window) == column + 1 {
            // ncurses' wcwidth says 1 where our table says 2: keep the second column blank.
            let blank: [wchar_t] = [0x20, 0]
            setcchar(&character, blank, attributes, pair, nil)
            mvwadd_wch(window, row, column + 1, &character)
        }
    }

    /// The code points ncurses can keep in one cell: the first one plus the combining marks
    /// and variation selectors right after it. A flag or an emoji ZWJ sequence keeps only
    /// its first code point, because ncurses would spread the others over more cells.
    static func cellScalars(_ grapheme: String, maximum: Int) -> [wchar_t] {
        var result: [wchar_t] = []
        for scalar in grapheme.unicodeScalars {
            if !result.isEmpty {
                let category = scalar.properties.generalCategory
                let isVariationSelector = (0xFE00...0xFE0F).contains(scalar.value)
                guard category == .nonspacingMark || category == .enclosingMark || isVariationSelector else {
                    break
                }
            }
            guard result.count < maximum else { break }
            result.append(wchar_t(bitPattern: scalar.value))
        }
        return result
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes = clerk_a_normal()
        if style.bold { attributes |= clerk_a_bold() }
        if style.reverse { attributes |= clerk_a_reverse() }
        if style.underline { attributes |= clerk_a_underline() }
        guard colorSupport != .none else { return (attributes, 0) }
        if style.dim { attributes |= clerk_a_dim() }
        return (attributes, pair(foreground: style.foreground, background: style.background))
    }

    private func pair(foreground: TerminalColor, background: TerminalColor) -> Int16 {
        if foreground == .default && background == .default {
            return 0
        }
        let key = ColorKey(foreground: foreground, background: background)
        if let known = pairs[key] {
            return known
        }
        var fg = Int32(foreground.rawValue)
        var bg = Int32(background.rawValue)
        if !defaultColorsAvailable {
            if fg < 0 { fg = Int32(TerminalColor.white.rawValue) }
            if bg < 0 { bg = Int32(TerminalColor.black.rawValue) }
        }
        let allocated = alloc_pair(fg, bg)
        let number = allocated > 0 && allocated <= Int32(Int16.max) ? Int16(allocated) : 0
        pairs[key] = number
        return number
    }

    private func applyCursor(_ cursor: CursorState, window: UnsafeMutablePointer<WINDOW>) {
        if cursor.visible {
            wmove(window, Int32(cursor.position.row), Int32(cursor.position.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
    }
}

private struct ColorKey: Hashable {
    let foreground: TerminalColor
    let background: TerminalColor
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = CNcursesw.close(descriptor)
}
