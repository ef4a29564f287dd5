import Foundation
import Testing

@testable import TerminalKit

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal: the backend opens the slave side as its tty, the test plays the
/// terminal on the master side (reads what ncurses writes, writes what the user types).
final class PseudoTerminal {
    let master: Int32
    let slavePath: String
    private(set) var received: [UInt8] = []

    init(rows: UInt16 = 24, columns: UInt16 = 80) throws {
        // /dev/ptmx with the Linux ioctls TIOCSPTLCK (unlock) and TIOCGPTN (number); the
        // posix_openpt family is not exported by the Glibc module.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0
        else {
            throw TerminalError.noTerminal(path: "/dev/ptmx")
        }
        slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes as if from the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads everything the program wrote until it stays quiet for `quietMilliseconds`.
    @discardableResult
    func drain(quietMilliseconds: Int32 = 100) -> [UInt8] {
        var chunk: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, quietMilliseconds) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            chunk += buffer[0..<count]
        }
        received += chunk
        return chunk
    }

    deinit {
        close(master)
    }
}

extension Array where Element == UInt8 {
    func contains(text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= count else { return false }
        for start in 0...(count - needle.count)
        where self[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}

@Suite("ncurses backend on a pseudo-terminal", .serialized)
struct NcursesBackendTests {
    private let environment = ["TERM": "xterm-256color"]

    private func nextEvent(_ backend: NcursesBackend) throws -> KeyEvent? {
        try backend.pollInput(timeout: .milliseconds(500))
    }

    @Test("Draws changed cells, counts bytes, and restores the terminal on close")
    func drawAndClose() throws {
        let terminal = try PseudoTerminal(rows: 10, columns: 40)
        let backend = try NcursesBackend(ttyPath: terminal.slavePath, environment: environment)
        #expect(backend.size == TerminalSize(rows: 10, columns: 40))
        #expect(backend.colorSupport == .twoHundredFiftySix)
        let renderer = FrameRenderer(backend: backend)
        var frame = ScreenBuffer(size: backend.size)
        frame.write("Grüße aus München 中文", at: Position(row: 2, column: 3), style: .plain.bolded)
        frame.write(
            "F1 Hilfe", at: Position(row: 9, column: 0), style: Style(foreground: .yellow, background: .blue))
        try renderer.render(frame)
        let first = terminal.drain()
        #expect(first.contains(text: "Grüße aus München 中文"))
        #expect(first.contains(text: "F1 Hilfe"))
        #expect(first.contains(text: "\u{1B}[?2004h"))  // bracketed paste on
        #expect(backend.bytesWritten == first.count)
        #expect(backend.bytesWritten > 0)

        let before = backend.bytesWritten
        frame.write("ß", at: Position(row: 9, column: 20))
        let changes = try renderer.render(frame)
        #expect(changes.cellCount == 1)
        let second = terminal.drain()
        #expect(second.contains(text: "ß"))
        #expect(backend.bytesWritten - before < 40)
        #expect(backend.bytesWritten - before == second.count)

        backend.close()
        let last = terminal.drain()
        #expect(last.contains(text: "\u{1B}[?2004l"))  // bracketed paste off
        #expect(last.contains(text: "\u{1B}[?1049l"))  // back to the normal screen (rmcup)
        #expect(throws: TerminalError.closed) { try backend.present() }
    }

    @Test("Reads function keys, Shift-Tab, arrows, Ctrl, Alt, UTF-8 and pasted text")
    func readsKeys() throws {
        let terminal = try PseudoTerminal()
        let backend = try NcursesBackend(ttyPath: terminal.slavePath, environment: environment)
        defer { backend.close() }
        try FrameRenderer(backend: backend).render(ScreenBuffer(size: backend.size))
        terminal.drain()
        let script: [(String, KeyEvent)] = [
            ("\u{1B}OP", .key(KeyChord(.function(1)))),
            ("\u{1B}[24~", .key(KeyChord(.function(12)))),
            ("\u{1B}[Z", .key(KeyChord(.tab, modifiers: .shift))),
            ("\u{1B}OA", .key(KeyChord(.up))),
            ("\u{1B}[6~", .key(KeyChord(.pageDown))),
            ("\u{06}", .key(.ctrl("f"))),
            ("\r", .key(KeyChord(.enter))),
            ("\u{7F}", .key(KeyChord(.backspace))),
            ("\u{1B}x", .key(.alt("x"))),
            ("\u{1B}1", .key(.alt("1"))),
            ("ü", .character("ü")),
            ("中", .character("中")),
            ("\u{1B}[200~Hallo\rWelt\u{1B}[201~", .paste("Hallo\nWelt")),
        ]
        for (bytes, expected) in script {
            terminal.type(bytes)
            #expect(try nextEvent(backend) == expected, "input \(bytes.debugDescription)")
        }
        terminal.type("\u{1B}")
        #expect(try nextEvent(backend) == .key(KeyChord(.escape)))
        #expect(try backend.pollInput(timeout: .milliseconds(60)) == nil)
    }

    @Test("A one-row list scroll reaches the terminal as a scroll, not as a redrawn list")
    func scrollReachesTheTerminal() throws {
        let terminal = try PseudoTerminal(rows: 24, columns: 80)
        let backend = try NcursesBackend(ttyPath: terminal.slavePath, environment: environment)
        defer { backend.close() }
        let renderer = FrameRenderer(backend: backend)
        try renderer.render(ListScreen.frame(first: 0, selected: 19))
        let full = terminal.drain().count
        for step in 1...30 {
            let changes = try renderer.render(ListScreen.frame(first: step, selected: 19 + step))
            #expect(changes.scroll != nil)
            let received = terminal.drain()
            let bytes = received.count
            // Rows that only moved are not sent again.
            #expect(!received.contains(text: "HUN-2026-\(step + 10) "))
            #expect(bytes * 100 < full * 15, "step \(step): \(bytes) of \(full) bytes")
        }
        for step in (0..<30).reversed() {
            try renderer.render(ListScreen.frame(first: step, selected: step))
            let bytes = terminal.drain().count
            #expect(bytes * 100 < full * 15, "back to \(step): \(bytes) of \(full) bytes")
        }
    }

    @Test("NO_COLOR switches to monochrome")
    func noColor() throws {
        let terminal = try PseudoTerminal()
        let backend = try NcursesBackend(
            ttyPath: terminal.slavePath, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        defer { backend.close() }
        #expect(backend.colorSupport == ColorSupport.none)
        var frame = ScreenBuffer(size: backend.size)
        frame.write("Rot", at: Position(row: 0, column: 0), style: Style(reverse: true, foreground: .red))
        try FrameRenderer(backend: backend).render(frame)
        let output = terminal.drain()
        #expect(output.contains(text: "Rot"))
        #expect(!output.contains(text: "\u{1B}[31m") && !output.contains(text: "\u{1B}[38;5;1m"))
    }

    @Test("A missing terminal is an error, not a crash")
    func missingTerminal() {
        #expect(throws: TerminalError.self) {
            _ = try NcursesBackend(ttyPath: "/nonexistent/tty", environment: ["TERM": "xterm"])
        }
    }
}
