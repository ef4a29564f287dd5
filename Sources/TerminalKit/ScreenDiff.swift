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

/// A band of rows the terminal moves up or down as a whole (its scroll region), before the
/// runs are drawn.
///
/// Rows `top...bottom` form the region; their content moves up by `amount` rows (down when
/// `amount` is negative). The rows it uncovers at the other end of the region become blank
/// (`Cell.blank()`, plain style); the runs of the same `ScreenChanges` redraw them where the
/// next frame shows something else.
public struct ScreenScroll: Sendable, Hashable {
    /// First row of the region (zero-based).
    public var top: Int
    /// Last row of the region (zero-based, inclusive).
    public var bottom: Int
    /// Rows the content moves: positive up (new rows enter at the bottom), negative down.
    public var amount: Int

    /// Creates a scroll of `amount` rows within `top...bottom`.
    public init(top: Int, bottom: Int, amount: Int) {
        self.top = top
        self.bottom = bottom
        self.amount = amount
    }
}

/// What a backend has to do to turn the previous frame into the next one.
public struct ScreenChanges: Sendable, Hashable {
    /// The size of the next frame.
    public var size: TerminalSize
    /// Whether the backend must clear and redraw everything (first frame or resize).
    public var fullRepaint: Bool
    /// A band of rows to scroll first, when that saves redrawing them; never with `fullRepaint`.
    public var scroll: ScreenScroll?
    /// The changed runs (after the scroll), top to bottom and left to right; every row when
    /// `fullRepaint`.
    public var runs: [CellRun]
    /// The cursor after the frame.
    public var cursor: CursorState

    /// Creates a change set.
    public init(
        size: TerminalSize, fullRepaint: Bool, scroll: ScreenScroll? = nil, runs: [CellRun],
        cursor: CursorState
    ) {
        self.size = size
        self.fullRepaint = fullRepaint
        self.scroll = scroll
        self.runs = runs
        self.cursor = cursor
    }

    /// The number of cells in all runs.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// Whether nothing has to be drawn (the cursor may still move).
    public var isEmpty: Bool { runs.isEmpty && scroll == nil }
}

/// Compares two frames.
public enum ScreenDiff {
    /// Rows a scroll has to save (compared with redrawing them) before it is used: a scroll
    /// costs a few escape sequences, about the bytes of a short run.
    static let minimumScrollSaving = 2

    /// The changes that turn `previous` into `next`.
    ///
    /// When a band of rows of `next` equals a band of `previous` shifted by some rows (a list
    /// scrolled by a row or a page), the change set scrolls that band (see `scrollingBand`)
    /// and the runs are computed against the scrolled previous frame, so only the rows that
    /// really changed are sent.
    ///
    /// A run is a maximal sequence of changed cells in one row (gaps of at most `mergeGap`
    /// unchanged cells included), widened so that it never starts on a continuation cell nor
    /// ends on a wide lead. Without a previous frame, or
    /// when the size changed, every row is one run and `fullRepaint` is set.
    public static func changes(from previous: ScreenBuffer?, to next: ScreenBuffer) -> ScreenChanges {
        guard let previous, previous.size == next.size else {
            let runs = (0..<next.rows).map { CellRun(row: $0, column: 0, cells: Array(next.row($0))) }
            return ScreenChanges(size: next.size, fullRepaint: true, runs: runs, cursor: next.cursor)
        }
        guard let scroll = scrollingBand(from: previous, to: next) else {
            return ScreenChanges(
                size: next.size, fullRepaint: false, runs: runs(from: previous, to: next), cursor: next.cursor
            )
        }
        var scrolled = previous
        scrolled.scroll(scroll)
        return ScreenChanges(
            size: next.size, fullRepaint: false, scroll: scroll, runs: runs(from: scrolled, to: next),
            cursor: next.cursor)
    }

    /// The scroll that saves the most rows, if it saves at least `minimumScrollSaving`.
    ///
    /// Only frames with at least `minimumScrollSaving` changed rows are looked at. Rows are
    /// compared by fingerprint: for every shift, each maximal band of rows of `next` that
    /// equals the rows of `previous` that many rows further down (or up) is a candidate. Its
    /// saving is the changed rows of the band (drawn without the scroll, kept by it) minus the
    /// rows the scroll uncovers that would otherwise have stayed as they were.
    public static func scrollingBand(from previous: ScreenBuffer, to next: ScreenBuffer) -> ScreenScroll? {
        let rows = next.rows
        guard previous.size == next.size, rows >= 3 else { return nil }
        let changed = (0..<rows).map { previous.row($0) != next.row($0) }
        guard changed.count(where: { $0 }) >= minimumScrollSaving else { return nil }
        let new = (0..<rows).map { rowHash(next, $0) }
        let old = (0..<rows).map { changed[$0] ? rowHash(previous, $0) : new[$0] }
        let blank = rowHash(ScreenBuffer(rows: 1, columns: next.columns), 0)

        var best: (scroll: ScreenScroll, saving: Int)?
        for shift in (1 - rows)..<rows where shift != 0 {
            var row = max(0, -shift)
            let end = min(rows, rows - shift)
            while row < end {
                guard new[row] == old[row + shift] else {
                    row += 1
                    continue
                }
                var bandEnd = row + 1
                while bandEnd < end && new[bandEnd] == old[bandEnd + shift] { bandEnd += 1 }
                let band = row..<bandEnd
                let uncovered = shift > 0 ? bandEnd..<(bandEnd + shift) : (row + shift)..<row
                var saving = band.filter { changed[$0] }.count
                saving -= uncovered.filter { new[$0] != blank && !changed[$0] }.count
                let scroll = ScreenScroll(
                    top: min(row, row + shift), bottom: max(bandEnd, bandEnd + shift) - 1, amount: shift)
                if saving >= minimumScrollSaving, saving > best?.saving ?? 0,
                    band.allSatisfy({ previous.row($0 + shift) == next.row($0) })
                {
                    best = (scroll, saving)
                }
                row = bandEnd
            }
        }
        return best?.scroll
    }

    /// A quick fingerprint of a row (FNV-1a over the glyphs' bytes and the styles); equal rows
    /// have equal fingerprints, and a band is compared cell by cell before it is used.
    private static func rowHash(_ buffer: ScreenBuffer, _ row: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x100_0000_01b3 }
        for cell in buffer.row(row) {
            for byte in cell.grapheme.utf8 { mix(UInt64(byte)) }
            let style = cell.style
            var bits = UInt64(bitPattern: Int64(style.foreground.rawValue + 1))
            bits |= UInt64(bitPattern: Int64(style.background.rawValue + 1)) << 16
            bits |= (style.bold ? 1 : 0) << 32 | (style.reverse ? 1 : 0) << 33
            bits |= (style.underline ? 1 : 0) << 34 | (style.dim ? 1 : 0) << 35
            mix(bits | UInt64(cell.width) << 40)
        }
        return hash
    }

    /// Unchanged cells between two changed runs of a row that are sent again rather than
    /// starting a new run: a cursor position costs more than a few plain cells.
    static let mergeGap = 3

    /// The runs of cells that differ between two frames of the same size (runs of a row less
    /// than `mergeGap` unchanged cells apart are one run).
    static func runs(from previous: ScreenBuffer, to next: ScreenBuffer) -> [CellRun] {
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
                if let last = runs.last, last.row == row, last.column + last.cells.count + mergeGap >= start {
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
        return runs
    }
}
