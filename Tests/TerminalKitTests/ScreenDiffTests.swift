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

    @Test("Changes a few cells apart become one run")
    func closeChangesMerge() {
        let changes = ScreenDiff.changes(from: frame(["abcdefghij"]), to: frame(["aXcdYfghij"]))
        #expect(changes.runs == [CellRun(row: 0, column: 1, cells: "XcdY".map { Cell($0) })])
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

    /// A list screen: a title, `height` list rows starting at `first` (the selected one marked),
    /// and a footer.
    private func list(first: Int, selected: Int, height: Int = 6) -> ScreenBuffer {
        var lines = ["Arbeitskorb"]
        for item in first..<(first + height) {
            lines.append((item == selected ? "> " : "  ") + "Fall \(item)")
        }
        lines.append("F1 Hilfe")
        return frame(lines)
    }

    @Test("A list moved up by one row becomes a scroll of its band plus the rows that changed")
    func scrollUpOneRow() {
        let previous = list(first: 0, selected: 5)
        let next = list(first: 1, selected: 6)
        let changes = ScreenDiff.changes(from: previous, to: next)
        // Rows 1…4 of the next frame are rows 2…5 of the previous one: rows 1…5 scroll up,
        // row 5 is uncovered, row 6 (selected before and after) stays in place.
        #expect(changes.scroll == ScreenScroll(top: 1, bottom: 5, amount: 1))
        // Then only the uncovered row and the one digit of the selected row are drawn.
        #expect(
            changes.runs == [
                CellRun(row: 5, column: 2, cells: "Fall 5".map { Cell($0) }),
                CellRun(row: 6, column: 7, cells: [Cell("6")]),
            ])
        #expect(!changes.fullRepaint)
    }

    @Test("A list moved down by one row scrolls the band down")
    func scrollDownOneRow() {
        let previous = list(first: 1, selected: 1)
        let next = list(first: 0, selected: 0)
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.scroll == ScreenScroll(top: 2, bottom: 6, amount: -1))
        #expect(Set(changes.runs.map(\.row)) == [1, 2])
    }

    @Test("A scroll by several rows is found too")
    func scrollSeveralRows() {
        let previous = list(first: 0, selected: 0, height: 10)
        let next = list(first: 3, selected: 0, height: 10)
        let changes = ScreenDiff.changes(from: previous, to: next)
        #expect(changes.scroll == ScreenScroll(top: 1, bottom: 10, amount: 3))
        #expect(Set(changes.runs.map(\.row)) == [8, 9, 10])
    }

    @Test("Applying the scroll and then the runs gives exactly the next frame")
    func scrollThenRunsIsTheNextFrame() {
        for (from, to) in [(0, 1), (1, 0), (0, 4), (4, 0), (2, 3), (7, 2)] {
            let previous = list(first: from, selected: from + 2, height: 12)
            let next = list(first: to, selected: to + 5, height: 12)
            let changes = ScreenDiff.changes(from: previous, to: next)
            var screen = previous
            if let scroll = changes.scroll { screen.scroll(scroll) }
            for run in changes.runs {
                for (offset, cell) in run.cells.enumerated() {
                    screen.set(cell, at: Position(row: run.row, column: run.column + offset))
                }
            }
            #expect(screen.text() == next.text(), "from \(from) to \(to)")
        }
    }

    @Test("No scroll when it would not save rows")
    func noScrollWithoutSaving() {
        // One changed row: redrawing it is cheaper than any scroll.
        let one = ScreenDiff.changes(from: frame(["a", "b", "c", "d"]), to: frame(["a", "x", "c", "d"]))
        #expect(one.scroll == nil)
        // Rows that only match shifted by one but are unchanged anyway: nothing to save.
        let same = frame(["a", "a", "a", "b"])
        #expect(ScreenDiff.changes(from: same, to: frame(["a", "a", "a", "c"])).scroll == nil)
        // A whole new page: no band matches.
        let page = ScreenDiff.changes(from: list(first: 0, selected: 0), to: list(first: 6, selected: 6))
        #expect(page.scroll == nil)
    }

    @Test("Scrolling a buffer blanks the rows it uncovers")
    func scrollingABuffer() {
        var buffer = frame(["0", "1", "2", "3", "4"])
        buffer.scroll(ScreenScroll(top: 1, bottom: 3, amount: 1))
        #expect(buffer.text(trimmingTrailingSpaces: true) == ["0", "2", "3", "", "4"])
        buffer.scroll(ScreenScroll(top: 0, bottom: 4, amount: -2))
        #expect(buffer.text(trimmingTrailingSpaces: true) == ["", "", "0", "2", "3"])
    }
}
