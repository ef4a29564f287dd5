import Testing

@testable import TerminalKit

@Suite("Headless backend")
struct HeadlessBackendTests {
    private func frame(size: TerminalSize, _ lines: [String]) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        for (row, line) in lines.enumerated() {
            buffer.write(line, at: Position(row: row, column: 0))
        }
        return buffer
    }

    @Test("Frames rendered through the backend show up as screen text")
    func rendersFrames() throws {
        let size = TerminalSize(rows: 3, columns: 12)
        let backend = HeadlessBackend(size: size)
        let renderer = FrameRenderer(backend: backend)
        try renderer.render(frame(size: size, ["Arbeitskorb", "Müller 中文", "F1 Hilfe"]))
        #expect(backend.screenText() == ["Arbeitskorb", "Müller 中文", "F1 Hilfe"])
        #expect(backend.fullRepaintCount == 1)
        #expect(backend.cellsWritten == 34)  // 36 cells minus 2 continuations
    }

    @Test("A one-cell change sends one cell and few bytes")
    func smallChange() throws {
        let size = TerminalSize(rows: 24, columns: 80)
        let backend = HeadlessBackend(size: size)
        let renderer = FrameRenderer(backend: backend)
        try renderer.render(frame(size: size, ["Fall 1", "Fall 2"]))
        let fullBytes = backend.bytesWritten
        backend.resetCounters()
        try renderer.render(frame(size: size, ["Fall 1", "Fall 3"]))
        #expect(backend.cellsWritten == 1)
        #expect(backend.bytesWritten < fullBytes / 50)
        #expect(backend.screenText()[1] == "Fall 3")
    }

    @Test("An unchanged frame draws nothing")
    func unchangedFrame() throws {
        let size = TerminalSize(rows: 2, columns: 5)
        let backend = HeadlessBackend(size: size)
        let renderer = FrameRenderer(backend: backend)
        let same = frame(size: size, ["ab"])
        try renderer.render(same)
        let draws = backend.drawCount
        try renderer.render(same)
        #expect(backend.drawCount == draws)
    }

    @Test("Scripted keys are played back in order, then nil")
    func scriptedKeys() throws {
        let backend = HeadlessBackend()
        backend.press("F1", "Ctrl-F")
        backend.type("Grüße")
        backend.enqueue([.paste("Zeile 1\nZeile 2")])
        var events: [KeyEvent] = []
        while let event = try backend.pollInput(timeout: .zero) {
            events.append(event)
        }
        #expect(events.count == 8)
        #expect(events[0] == .key(KeyChord(.function(1))))
        #expect(events[1] == .key(.ctrl("f")))
        #expect(events[2...6].compactMap { $0.chord?.description }.joined() == "Grüße")
        #expect(events[7] == .paste("Zeile 1\nZeile 2"))
    }

    @Test("A resize queues a resize event and the next frame is a full repaint")
    func resize() throws {
        let backend = HeadlessBackend(size: TerminalSize(rows: 2, columns: 4))
        let renderer = FrameRenderer(backend: backend)
        try renderer.render(frame(size: backend.size, ["abcd"]))
        backend.press("x")
        backend.resize(to: TerminalSize(rows: 3, columns: 6))
        #expect(try backend.pollInput(timeout: .zero) == .resize(TerminalSize(rows: 3, columns: 6)))
        let changes = try renderer.render(frame(size: backend.size, ["abcdef", "", "xyz"]))
        #expect(changes.fullRepaint)
        #expect(backend.screenText() == ["abcdef", "", "xyz"])
        #expect(try backend.pollInput(timeout: .zero) == .character("x"))
    }

    @Test("Drawing while suspended fails; restore needs a full repaint")
    func suspendRestore() throws {
        let backend = HeadlessBackend(size: TerminalSize(rows: 1, columns: 3))
        let renderer = FrameRenderer(backend: backend)
        try backend.suspend()
        #expect(throws: TerminalError.suspended) {
            try renderer.render(self.frame(size: backend.size, ["abc"]))
        }
        try backend.restore()
        renderer.invalidate()
        try renderer.render(frame(size: backend.size, ["abc"]))
        #expect(backend.screenText() == ["abc"])
    }

    @Test("Keys from the backend resolve through the keymap")
    func keysThroughKeymap() throws {
        let keymap = KeymapLoader.builtIn(.default)
        let backend = HeadlessBackend()
        backend.press("F3", "Alt-2", "PgDn", "Esc")
        var actions: [String] = []
        while let event = try backend.pollInput(timeout: .zero) {
            if let chord = event.chord, let action = keymap.action(for: chord, in: .queue) {
                actions.append(action)
            }
        }
        #expect(actions == ["back", "search", "page.down", "cancel"])
    }

    @Test("After scrolls up and down the screen is exactly the frame")
    func scrollsKeepTheScreenRight() throws {
        let backend = HeadlessBackend()
        let renderer = FrameRenderer(backend: backend)
        var first = 0
        try renderer.render(ListScreen.frame(first: 0, selected: 0))
        // Down past the screen, back up past the top, in steps of one and of several rows.
        let moves = [Int](repeating: 1, count: 30) + [5, 3, -2] + [Int](repeating: -1, count: 30) + [7, -7]
        var selected = 0
        var scrolls = 0
        for move in moves {
            selected = max(0, selected + move)
            if selected >= first + 20 { first = selected - 19 }
            if selected < first { first = selected }
            let frame = ListScreen.frame(first: first, selected: selected)
            let changes = try renderer.render(frame)
            if changes.scroll != nil { scrolls += 1 }
            #expect(backend.screen.cells == frame.cells, "after a move by \(move) to \(selected)")
        }
        #expect(scrolls >= 20)
    }

    @Test("A one-row list scroll writes under 15% of a full repaint at 80×24")
    func oneRowScrollBytes() throws {
        let backend = HeadlessBackend()
        let renderer = FrameRenderer(backend: backend)
        try renderer.render(ListScreen.frame(first: 0, selected: 19))
        let full = backend.bytesWritten
        backend.resetCounters()
        let changes = try renderer.render(ListScreen.frame(first: 1, selected: 20))
        #expect(changes.scroll != nil)
        #expect(backend.bytesWritten * 100 < full * 15, "\(backend.bytesWritten) of \(full) bytes")
        backend.resetCounters()
        try renderer.render(ListScreen.frame(first: 0, selected: 0))
        #expect(backend.bytesWritten * 100 < full * 15, "back up: \(backend.bytesWritten) of \(full) bytes")
        #expect(backend.screen.cells == ListScreen.frame(first: 0, selected: 0).cells)
    }

    @Test("A scroll is counted with its escape sequences")
    func scrollSequence() {
        let up = HeadlessBackend.scrollSequence(ScreenScroll(top: 2, bottom: 21, amount: 1))
        #expect(up == "\u{1B}[m\u{1B}[3;22r\u{1B}[1S\u{1B}[r")
        let down = HeadlessBackend.scrollSequence(ScreenScroll(top: 0, bottom: 9, amount: -3))
        #expect(down == "\u{1B}[m\u{1B}[1;10r\u{1B}[3T\u{1B}[r")
    }
}

/// The list screen the scroll tests draw.
enum ListScreen {
    /// An 80×24 list screen: title, header, 20 rows from `first` with the selected one in
    /// reverse, and a footer; the rows carry styled lights like the workstation's case list.
    static func frame(first: Int, selected: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: TerminalSize(rows: 24, columns: 80))
        buffer.write("Alle offenen Vorgänge (20.000)", at: Position(row: 0, column: 0), style: .plain.bolded)
        buffer.write("  Aktenzeichen     Leistung", at: Position(row: 1, column: 0), style: .plain.bolded)
        for line in 0..<20 {
            let item = first + line
            let row = line + 2
            let style: Style = item == selected ? .plain.reversed : .plain
            if item == selected { buffer.fill(Rect(row: row, column: 0, height: 1, width: 80), style: style) }
            buffer.write(
                (item == selected ? "▸ " : "  ") + "HUN-2026-\(item)  Hundesteuer  Müller, Anna  ",
                at: Position(row: row, column: 0), style: style)
            buffer.write("●", at: Position(row: row, column: 50), style: Style(foreground: .green))
            buffer.write("Eingegangen", at: Position(row: row, column: 60), style: style)
        }
        buffer.write("F1 Hilfe  F3 Zurück  F8 Vor", at: Position(row: 23, column: 0), style: .plain.reversed)
        return buffer
    }
}
