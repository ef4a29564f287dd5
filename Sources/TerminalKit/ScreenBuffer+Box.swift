/// The line characters used to draw a box.
public struct BoxLines: Sendable, Hashable {
    /// Horizontal line.
    public var horizontal: Character
    /// Vertical line.
    public var vertical: Character
    /// Top-left corner.
    public var topLeft: Character
    /// Top-right corner.
    public var topRight: Character
    /// Bottom-left corner.
    public var bottomLeft: Character
    /// Bottom-right corner.
    public var bottomRight: Character

    /// Creates a set of line characters.
    public init(
        horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
        bottomLeft: Character, bottomRight: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    /// Thin lines: ┌─┐ │ └─┘.
    public static let light = BoxLines(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    /// Thin lines with rounded corners: ╭─╮ │ ╰─╯.
    public static let rounded = BoxLines(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    /// Heavy lines: ┏━┓ ┃ ┗━┛.
    public static let heavy = BoxLines(
        horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛")
    /// Double lines: ╔═╗ ║ ╚═╝.
    public static let double = BoxLines(
        horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
}

extension ScreenBuffer {
    /// Draws a horizontal line of `length` cells starting at a position.
    public mutating func drawHorizontalLine(
        at position: Position, length: Int, character: Character = "─", style: Style = .plain
    ) {
        guard length > 0 else { return }
        for offset in 0..<length {
            set(
                Cell(character, style: style),
                at: Position(row: position.row, column: position.column + offset))
        }
    }

    /// Draws a vertical line of `length` cells starting at a position.
    public mutating func drawVerticalLine(
        at position: Position, length: Int, character: Character = "│", style: Style = .plain
    ) {
        guard length > 0 else { return }
        for offset in 0..<length {
            set(
                Cell(character, style: style),
                at: Position(row: position.row + offset, column: position.column))
        }
    }

    /// Draws the outline of a rectangle, with an optional title in the top edge.
    ///
    /// The title is truncated with "…" to fit between the corners. Rectangles smaller than
    /// 2×2 are not drawn.
    public mutating func drawBox(
        _ rect: Rect, lines: BoxLines = .light, style: Style = .plain, title: String? = nil,
        titleStyle: Style? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.row
        let bottom = rect.bottom - 1
        let left = rect.column
        let right = rect.right - 1
        drawHorizontalLine(
            at: Position(row: top, column: left + 1), length: rect.width - 2, character: lines.horizontal,
            style: style)
        drawHorizontalLine(
            at: Position(row: bottom, column: left + 1), length: rect.width - 2, character: lines.horizontal,
            style: style)
        drawVerticalLine(
            at: Position(row: top + 1, column: left), length: rect.height - 2, character: lines.vertical,
            style: style)
        drawVerticalLine(
            at: Position(row: top + 1, column: right), length: rect.height - 2, character: lines.vertical,
            style: style)
        set(Cell(lines.topLeft, style: style), at: Position(row: top, column: left))
        set(Cell(lines.topRight, style: style), at: Position(row: top, column: right))
        set(Cell(lines.bottomLeft, style: style), at: Position(row: bottom, column: left))
        set(Cell(lines.bottomRight, style: style), at: Position(row: bottom, column: right))
        if let title, rect.width > 4 {
            let text = " " + title.truncated(toWidth: rect.width - 6) + " "
            write(
                text, at: Position(row: top, column: left + 2), style: titleStyle ?? style,
                maxWidth: rect.width - 4)
        }
    }
}
