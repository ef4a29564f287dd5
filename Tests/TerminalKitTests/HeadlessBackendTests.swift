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
}
