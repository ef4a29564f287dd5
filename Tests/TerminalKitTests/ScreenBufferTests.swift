import Testing

@testable import TerminalKit

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test("Writing text places one grapheme per cell and reads back as text")
    func writeText() {
        var buffer = ScreenBuffer(rows: 2, columns: 10)
        let used = buffer.write("Grüße", at: Position(row: 0, column: 1))
        #expect(used == 5)
        #expect(buffer.text() == [" Grüße    ", "          "])
        #expect(buffer[0, 3].grapheme == "ü")
    }

    @Test("A wide glyph is a lead cell plus a continuation cell")
    func wideGlyph() {
        var buffer = ScreenBuffer(rows: 1, columns: 6)
        let used = buffer.write("中a", at: Position(row: 0, column: 0))
        #expect(used == 3)
        #expect(buffer[0, 0] == Cell(grapheme: "中", style: .plain, width: 2))
        #expect(buffer[0, 1].isContinuation)
        #expect(buffer[0, 2].grapheme == "a")
        #expect(buffer.text() == ["中a   "])
    }

    @Test("A wide glyph that would cross the right edge becomes a space")
    func wideAtRightEdge() {
        var buffer = ScreenBuffer(rows: 1, columns: 5)
        buffer.fill(buffer.area, with: "x")
        let used = buffer.write("ab中", at: Position(row: 0, column: 2))
        #expect(used == 3)
        #expect(buffer.text() == ["xxab "])
        #expect(buffer[0, 4] == .blank())
    }

    @Test("maxWidth clips like an edge, also for wide glyphs")
    func maxWidth() {
        var buffer = ScreenBuffer(rows: 1, columns: 10)
        buffer.fill(buffer.area, with: ".")
        buffer.write("中文字", at: Position(row: 0, column: 0), maxWidth: 5)
        #expect(buffer.text() == ["中文 ....."])
        buffer.write("abcdef", at: Position(row: 0, column: 6), maxWidth: 2)
        #expect(buffer.text() == ["中文 .ab.."])
    }

    @Test("Overwriting the lead of a wide glyph clears its continuation")
    func overwriteLead() {
        var buffer = ScreenBuffer(rows: 1, columns: 4)
        buffer.write("中文", at: Position(row: 0, column: 0))
        buffer.write("x", at: Position(row: 0, column: 0))
        #expect(buffer.text() == ["x 文"])
        #expect(!buffer[0, 1].isContinuation)
        #expect(buffer[0, 2].isWideLead && buffer[0, 3].isContinuation)
    }

    @Test("Overwriting the continuation of a wide glyph clears its lead")
    func overwriteContinuation() {
        var buffer = ScreenBuffer(rows: 1, columns: 4)
        buffer.write("中文", at: Position(row: 0, column: 0))
        buffer.write("y", at: Position(row: 0, column: 1))
        #expect(buffer.text() == [" y文"])
        #expect(buffer[0, 0] == .blank())
    }

    @Test("A wide glyph written across two wide glyphs clears both outer halves")
    func wideOverWide() {
        var buffer = ScreenBuffer(rows: 1, columns: 6)
        buffer.write("中文字", at: Position(row: 0, column: 0))
        buffer.write("한", at: Position(row: 0, column: 1))
        #expect(buffer.text() == [" 한 字"])
        #expect(buffer[0, 1].isWideLead && buffer[0, 2].isContinuation)
        #expect(buffer[0, 3] == .blank())
    }

    @Test("Zero-width input is skipped, combining sequences stay in one cell")
    func zeroWidth() {
        var buffer = ScreenBuffer(rows: 1, columns: 5)
        buffer.write("a\u{07}b\u{0308}c", at: Position(row: 0, column: 0))
        #expect(buffer.text() == ["ab\u{0308}c  "])
        #expect(buffer[0, 1].grapheme == "b\u{0308}")
    }

    @Test("Emoji ZWJ sequences and flags take one wide cell pair")
    func emojiCells() {
        var buffer = ScreenBuffer(rows: 1, columns: 6)
        buffer.write("👨‍👩‍👧🇩🇪x", at: Position(row: 0, column: 0))
        #expect(buffer[0, 0].grapheme == "👨‍👩‍👧")
        #expect(buffer[0, 1].isContinuation)
        #expect(buffer[0, 2].grapheme == "🇩🇪")
        #expect(buffer[0, 4].grapheme == "x")
    }

    @Test("Text outside the buffer is clipped")
    func clipping() {
        var buffer = ScreenBuffer(rows: 2, columns: 4)
        #expect(buffer.write("abc", at: Position(row: 5, column: 0)) == 0)
        buffer.write("abcdef", at: Position(row: 1, column: -2))
        #expect(buffer.text() == ["    ", "cdef"])
    }

    @Test("A box is drawn with Unicode line characters and a title")
    func box() {
        var buffer = ScreenBuffer(rows: 4, columns: 12)
        buffer.drawBox(Rect(row: 0, column: 0, height: 4, width: 12), title: "Fälle")
        #expect(
            buffer.text() == [
                "┌─ Fälle ──┐",
                "│          │",
                "│          │",
                "└──────────┘",
            ])
    }

    @Test("Fill and restyle cover the clipped rectangle")
    func fillAndRestyle() {
        var buffer = ScreenBuffer(rows: 3, columns: 3)
        buffer.fill(Rect(row: 1, column: 1, height: 5, width: 5), with: "#", style: .plain.bolded)
        #expect(buffer.text() == ["   ", " ##", " ##"])
        #expect(buffer[2, 2].style.bold)
        buffer.restyle(Rect(row: 0, column: 0, height: 1, width: 3), style: .plain.reversed)
        #expect(buffer[0, 1].style.reverse && buffer[0, 1].grapheme == " ")
    }

    @Test("Cursor position and visibility are part of the frame")
    func cursor() {
        var buffer = ScreenBuffer(rows: 2, columns: 2)
        #expect(buffer.cursor == .hidden)
        buffer.showCursor(at: Position(row: 1, column: 1))
        #expect(buffer.cursor == CursorState(position: Position(row: 1, column: 1), visible: true))
        buffer.hideCursor()
        #expect(!buffer.cursor.visible)
    }
}
