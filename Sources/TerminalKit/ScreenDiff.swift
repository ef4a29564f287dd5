/// A horizontal run of cells to (re)draw, starting at a row and column.
public struct CellRun: Sendable, Hashable {
    /// Zero-based row.
    public var row: Int
    /// Zero-based column of the first cell.
    public var column: Int
    /// The cells, left to right; a wide lead is always followed by its continuation.
    public var cells: [Cell]

    /// Creates a run.
    public init(row: Int, column: Int, cells: [Cell]) {
        self.row = row
        self.column = column
        self.cells = cells
    }
}

/// What a backend has to do to turn the previous frame into the next one.
public struct ScreenChanges: Sendable, Hashable {
    /// The size of the next frame.
    public var size: TerminalSize
    /// Whether the backend must clear and redraw everything (first frame or resize).
    public var fullRepaint: Bool
    /// The changed runs, top to bottom and left to right; every row when `fullRepaint`.
    public var runs: [CellRun]
    /// The cursor after the frame.
    public var cursor: CursorState

    /// Creates a change set.
    public init(size: TerminalSize, fullRepaint: Bool, runs: [CellRun], cursor: CursorState) {
        self.size = size
        self.fullRepaint = fullRepaint
        self.runs = runs
        self.cursor = cursor
    }

    /// The number of cells in all runs.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// Whether nothing has to be drawn (the cursor may still move).
    public var isEmpty: Bool { runs.isEmpty }
}

/// Compares two frames.
public enum ScreenDiff {
    /// The runs of cells that differ between `previous` and `next`.
    ///
    /// A run is a maximal sequence of changed cells in one row, widened so that it never
    /// starts on a continuation cell nor ends on a wide lead. Without a previous frame, or
    /// when the size changed, every row is one run and `fullRepaint` is set.
    public static func changes(from previous: ScreenBuffer?, to next: ScreenBuffer) -> ScreenChanges {
        guard let previous, previous.size == next.size else {
            let runs = (0..<next.rows).map { CellRun(row: $0, column: 0, cells: Array(next.row($0))) }
            return ScreenChanges(size: next.size, fullRepaint: true, runs: runs, cursor: next.cursor)
        }
        var runs: [CellRun] = []
        let columns = next.columns
        for row in 0..<next.rows {
            let base = row * columns
            var column = 0
            while column < columns {
                if previous.cells[base + column] == next.cells[base + column] {
                    column += 1
                    continue
                }
                var start = column
                if next.cells[base + start].isContinuation && start > 0 {
                    start -= 1
                }
                var end = column + 1
                while end < columns && previous.cells[base + end] != next.cells[base + end] {
                    end += 1
                }
                if next.cells[base + end - 1].isWideLead && end < columns {
                    end += 1
                }
                if let last = runs.last, last.row == row, last.column + last.cells.count >= start {
                    let merged = last.column..<end
                    runs[runs.count - 1] = CellRun(
                        row: row, column: merged.lowerBound,
                        cells: Array(next.cells[(base + merged.lowerBound)..<(base + merged.upperBound)]))
                } else {
                    runs.append(
                        CellRun(
                            row: row, column: start, cells: Array(next.cells[(base + start)..<(base + end)])))
                }
                column = end
            }
        }
        return ScreenChanges(size: next.size, fullRepaint: false, runs: runs, cursor: next.cursor)
    }
}
