import Testing

@testable import TerminalKit

@Suite("Screen diff")
struct ScreenDiffTests {
    private func frame(_ lines: [String], columns: Int = 20) -> ScreenBuffer {
        var buffer = ScreenBuffer(rows: lines.count, columns: columns)
        for (row, line) in lines.enumerated() {
            buffer.write(line, at: Position(row: row, column: 0))
        }
        return buffer
    }

    @Test("Without a previous frame every row is repainted")
    func firstFrame() {
        let next = frame(["Hallo", "Welt"])
        let changes = ScreenDiff.changes(from: nil, to: next)
        #expect(changes.fullRepaint)
        #expect(changes.runs.count == 2)
        #expect(changes.cellCount == 40)
    }

    @Test("Identical frames produce no runs")
    func identical() {
        let next = frame(["Hallo", "Welt"])
        let changes = ScreenDiff.changes(from: next, to: next)
        #expect(changes.isEmpty)
        #expect(!changes.fullRepaint)
    }

    @Test("A one-cell change produces one run of one cell")
    func oneCell() {
        let previous = frame(["Fall 1", "Fall 2", "Fall 3"])
        let next = frame(["Fall 1", "Fall 9", "Fall 3"])
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.runs == [CellRun(row: 1, column: 5, cells: [Cell("9")])])
    }

    @Test("A one-row change touches only that row")
    func oneRow() {
        let previous = frame(["Arbeitskorb", "Meier", "Huber"])
        let next = frame(["Arbeitskorb", "Müller", "Huber"])
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.runs.allSatisfy { $0.row == 1 })
        #expect(changes.runs.count == 1)
        #expect(changes.runs.first?.column == 1)
        #expect(changes.cellCount == 5)  // "eier " → "üller"
    }

    @Test("Separate changes in one row become separate runs")
    func twoRuns() {
        let previous = frame(["abcdefghij"])
        let next = frame(["aXcdefghYj"])
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.runs.map(\.column) == [1, 8])
        #expect(changes.cellCount == 2)
    }

    @Test("A changed wide glyph is sent with its continuation, never starting on one")
    func wideGlyphRuns() {
        let previous = frame(["ab中cd"])
        let next = frame(["ab文cd"])
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.runs.count == 1)
        let run = changes.runs.first
        #expect(run?.column == 2)
        #expect(run?.cells.count == 2)
        #expect(run?.cells.first?.grapheme == "文")

        let styled = frame(["ab中cd"])
        var restyled = styled
        restyled.restyle(Rect(row: 0, column: 3, height: 1, width: 1), style: .plain.bolded)
        let halfChange = ScreenDiff.changes(from: styled, to: restyled)
        #expect(halfChange.runs.first?.column == 2)
    }

    @Test("A resize forces a full repaint")
    func resize() {
        let previous = frame(["abc"], columns: 10)
        let next = frame(["abc"], columns: 12)
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.fullRepaint)
        #expect(changes.cellCount == 12)
    }

    @Test("The next frame's cursor is carried along")
    func cursor() {
        let previous = frame(["abc"])
        var next = previous
        next.showCursor(at: Position(row: 0, column: 2))
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.isEmpty)
        #expect(changes.cursor.visible)
    }
}
