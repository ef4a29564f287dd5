/// One column of the screen: a grapheme cluster, its style and its display width.
///
/// A wide glyph occupies a lead cell (width 2) and a continuation cell (width 0, empty
/// grapheme) to its right. Every other cell has width 1.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster shown in this cell; empty in a continuation cell.
    public var grapheme: String
    /// How the cell is drawn.
    public var style: Style
    /// Display width: 1 for a normal cell, 2 for the lead of a wide glyph, 0 for a continuation.
    public var width: Int

    /// Creates a cell; prefer `Cell(_:style:)` which computes the width.
    public init(grapheme: String, style: Style, width: Int) {
        self.grapheme = grapheme
        self.style = style
        self.width = width
    }

    /// Creates a cell for a character, computing its width from the display width table.
    ///
    /// Characters of width 0 (controls, lone combining marks) become a blank cell.
    public init(_ character: Character, style: Style = .plain) {
        let width = DisplayWidth.of(character)
        if width == 0 {
            self.init(grapheme: " ", style: style, width: 1)
        } else {
            self.init(grapheme: String(character), style: style, width: width)
        }
    }

    /// A blank cell in the given style.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(grapheme: " ", style: style, width: 1)
    }

    /// The right half of a wide glyph, in the glyph's style.
    public static func continuation(_ style: Style = .plain) -> Cell {
        Cell(grapheme: "", style: style, width: 0)
    }

    /// Whether this is the right half of a wide glyph.
    public var isContinuation: Bool { width == 0 }

    /// Whether this is the left half of a wide glyph.
    public var isWideLead: Bool { width == 2 }
}
