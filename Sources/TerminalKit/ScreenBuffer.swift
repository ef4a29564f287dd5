/// A rows × columns grid of cells that a view draws a whole frame into.
///
/// The buffer keeps wide glyphs consistent: a wide glyph is a lead cell plus a continuation
/// cell; overwriting either half clears the other half to a blank; a wide glyph that would
/// cross the right edge (or the `maxWidth` limit) is written as a space instead.
public struct ScreenBuffer: Sendable, Hashable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Where the hardware cursor goes after this frame is drawn, and whether it is shown.
    public var cursor: CursorState = .hidden

    /// Creates a buffer filled with blank cells in `style`.
    public init(rows: Int, columns: Int, style: Style = .plain) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.cells = Array(repeating: .blank(style), count: self.rows * self.columns)
    }

    /// Creates a blank buffer of the given size.
    public init(size: TerminalSize, style: Style = .plain) {
        self.init(rows: size.rows, columns: size.columns, style: style)
    }

    /// The buffer's size.
    public var size: TerminalSize { TerminalSize(rows: rows, columns: columns) }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(row: 0, column: 0, height: rows, width: columns) }

    /// Whether a position lies inside the buffer.
    public func contains(_ position: Position) -> Bool {
        position.row >= 0 && position.row < rows && position.column >= 0 && position.column < columns
    }

    /// The cell at a position (a blank cell outside the buffer).
    public subscript(row: Int, column: Int) -> Cell {
        guard contains(Position(row: row, column: column)) else { return .blank() }
        return cells[row * columns + column]
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        guard row >= 0 && row < rows else { return [] }
        return cells[(row * columns)..<((row + 1) * columns)]
    }

    /// Places the cursor and shows it.
    public mutating func showCursor(at position: Position) {
        cursor = CursorState(position: position, visible: true)
    }

    /// Hides the cursor.
    public mutating func hideCursor() {
        cursor.visible = false
    }

    /// Sets every cell to a blank in `style` and hides the cursor.
    public mutating func clear(style: Style = .plain) {
        for index in cells.indices {
            cells[index] = .blank(style)
        }
        cursor = .hidden
    }

    /// Puts one cell at a position, keeping wide glyphs consistent.
    ///
    /// A width-2 cell also writes its continuation; if the continuation would fall outside
    /// the buffer a blank is written instead. Continuation cells cannot be set directly.
    public mutating func set(_ cell: Cell, at position: Position) {
        guard contains(position), !cell.isContinuation else { return }
        let row = position.row
        let column = position.column
        if cell.isWideLead && column + 1 >= columns {
            put(.blank(cell.style), row: row, column: column)
            return
        }
        put(cell, row: row, column: column)
        if cell.isWideLead {
            put(.continuation(cell.style), row: row, column: column + 1)
        }
    }

    /// Writes text from a position to the right and returns the number of columns used.
    ///
    /// Writing stops at the right edge or after `maxWidth` columns, whichever comes first.
    /// Zero-width clusters (controls, lone combining marks) are skipped; text is not wrapped.
    @discardableResult
    public mutating func write(
        _ text: some StringProtocol, at position: Position, style: Style = .plain, maxWidth: Int? = nil
    ) -> Int {
        guard position.row >= 0 && position.row < rows else { return 0 }
        let start = max(0, position.column)
        var limit = columns
        if let maxWidth {
            limit = min(limit, position.column + maxWidth)
        }
        var column = position.column
        for character in text {
            guard column < limit else { break }
            let width = DisplayWidth.of(character)
            if width == 0 {
                continue
            }
            if column < start {
                column += width  // text starting left of the buffer is clipped
                continue
            }
            if column + width > limit {
                put(.blank(style), row: position.row, column: column)
                column += 1
                break
            }
            let cell = Cell(grapheme: String(character), style: style, width: width)
            put(cell, row: position.row, column: column)
            if width == 2 {
                put(.continuation(style), row: position.row, column: column + 1)
            }
            column += width
        }
        return max(0, column - start)
    }

    /// Fills a rectangle (clipped to the buffer) with a character in a style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let cell = Cell(character, style: style)
        let top = max(0, rect.row)
        let bottom = min(rows, rect.bottom)
        let left = max(0, rect.column)
        let right = min(columns, rect.right)
        guard top < bottom, left < right else { return }
        for row in top..<bottom {
            var column = left
            while column < right {
                if cell.isWideLead && column + 1 >= right {
                    put(.blank(style), row: row, column: column)
                    break
                }
                set(cell, at: Position(row: row, column: column))
                column += cell.width
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let top = max(0, rect.row)
        let bottom = min(rows, rect.bottom)
        let left = max(0, rect.column)
        let right = min(columns, rect.right)
        guard top < bottom, left < right else { return }
        for row in top..<bottom {
            for column in left..<right {
                cells[row * columns + column].style = style
            }
        }
    }

    /// The screen as plain text, one string per row; continuation cells are skipped.
    public func text(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<rows).map { row in
            var line = ""
            for cell in self.row(row) where !cell.isContinuation {
                line += cell.grapheme
            }
            if trimmingTrailingSpaces {
                while line.last == " " {
                    line.removeLast()
                }
            }
            return line
        }
    }

    /// Stores a cell, clearing the other half of any wide glyph it overlaps.
    private mutating func put(_ cell: Cell, row: Int, column: Int) {
        guard column >= 0 && column < columns else { return }
        let index = row * columns + column
        let old = cells[index]
        if !cell.isContinuation && old.isContinuation && column > 0 && cells[index - 1].isWideLead {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.isWideLead && column + 1 < columns && cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }
}

extension ScreenBuffer {
    /// Moves the rows of a scroll region like a terminal does: the content shifts by
    /// `scroll.amount` rows and the uncovered rows become blank (plain style).
    public mutating func scroll(_ scroll: ScreenScroll) {
        let top = max(0, scroll.top)
        let bottom = min(rows - 1, scroll.bottom)
        guard top < bottom, scroll.amount != 0 else { return }
        let height = bottom - top + 1
        let amount = scroll.amount
        let blankRow = [Cell](repeating: .blank(), count: columns)
        var moved: [[Cell]] = []
        moved.reserveCapacity(height)
        for row in top...bottom {
            let source = row + amount
            moved.append(source >= top && source <= bottom ? Array(self.row(source)) : blankRow)
        }
        for (offset, cells) in moved.enumerated() {
            let start = (top + offset) * columns
            self.cells.replaceSubrange(start..<(start + columns), with: cells)
        }
    }
}
