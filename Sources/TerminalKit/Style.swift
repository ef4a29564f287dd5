/// A colour from the small palette every colour terminal has.
public enum TerminalColor: Int, Sendable, Hashable, CaseIterable, Codable {
    /// The terminal's own foreground or background colour.
    case `default` = -1
    case black = 0
    case red = 1
    case green = 2
    case yellow = 3
    case blue = 4
    case magenta = 5
    case cyan = 6
    case white = 7
}

/// How a cell is drawn: attributes and colours.
public struct Style: Sendable, Hashable {
    /// Bold (or bright) text.
    public var bold: Bool
    /// Foreground and background swapped.
    public var reverse: Bool
    /// Underlined text.
    public var underline: Bool
    /// Dim (faint) text; dropped on monochrome terminals.
    public var dim: Bool
    /// Foreground colour; ignored on monochrome terminals.
    public var foreground: TerminalColor
    /// Background colour; ignored on monochrome terminals.
    public var background: TerminalColor

    /// Creates a style; the default is plain text in the terminal's colours.
    public init(
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false,
        foreground: TerminalColor = .default, background: TerminalColor = .default
    ) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
        self.foreground = foreground
        self.background = background
    }

    /// Plain text in the terminal's colours.
    public static let plain = Style()

    /// This style with `bold` set.
    public var bolded: Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// This style with `reverse` set.
    public var reversed: Style {
        var copy = self
        copy.reverse = true
        return copy
    }

    /// This style with `underline` set.
    public var underlined: Style {
        var copy = self
        copy.underline = true
        return copy
    }
}
