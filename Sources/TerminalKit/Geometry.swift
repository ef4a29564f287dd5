/// A cell position on the screen, zero-based from the top-left corner.
public struct Position: Sendable, Hashable {
    /// Zero-based row.
    public var row: Int
    /// Zero-based column.
    public var column: Int

    /// Creates a position.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// The size of a screen or window in cells.
public struct TerminalSize: Sendable, Hashable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var columns: Int

    /// Creates a size; negative values become 0.
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    /// Top row.
    public var row: Int
    /// Left column.
    public var column: Int
    /// Number of rows.
    public var height: Int
    /// Number of columns.
    public var width: Int

    /// Creates a rectangle.
    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row
        self.column = column
        self.height = height
        self.width = width
    }

    /// The row below the rectangle.
    public var bottom: Int { row + height }
    /// The column right of the rectangle.
    public var right: Int { column + width }

    /// The rectangle shrunk by `amount` cells on every side (never negative).
    public func inset(by amount: Int) -> Rect {
        Rect(
            row: row + amount, column: column + amount,
            height: max(0, height - 2 * amount), width: max(0, width - 2 * amount))
    }
}

/// Where the hardware cursor is and whether it is shown.
public struct CursorState: Sendable, Hashable {
    /// Cursor position.
    public var position: Position
    /// Whether the cursor is visible.
    public var visible: Bool

    /// Creates a cursor state.
    public init(position: Position, visible: Bool) {
        self.position = position
        self.visible = visible
    }

    /// A hidden cursor at the top-left corner.
    public static let hidden = CursorState(position: Position(row: 0, column: 0), visible: false)
}
