extension StringProtocol {
    /// The number of terminal columns this text occupies (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// This text cut to at most `width` columns, ending in "…" when something was cut.
    ///
    /// Grapheme clusters are never split; a wide glyph that does not fit is dropped whole,
    /// so the result may be one column narrower than `width`.
    public func truncated(toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width {
            return String(self)
        }
        let ellipsisWidth = ellipsis.displayWidth
        guard ellipsisWidth <= width else { return "" }
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - ellipsisWidth {
                break
            }
            result.append(character)
            used += characterWidth
        }
        return result + ellipsis
    }

    /// This text truncated (with "…") or padded with spaces to exactly `width` columns.
    public func padded(toWidth width: Int, alignment: TextAlignment = .leading) -> String {
        let fitted = truncated(toWidth: width)
        let missing = Swift.max(0, width - fitted.displayWidth)
        switch alignment {
        case .leading:
            return fitted + String(repeating: " ", count: missing)
        case .trailing:
            return String(repeating: " ", count: missing) + fitted
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + fitted
                + String(repeating: " ", count: missing - left)
        }
    }
}

/// Where text sits within a wider field.
public enum TextAlignment: Sendable, Hashable {
    /// Flush left.
    case leading
    /// Flush right.
    case trailing
    /// Centred (an odd leftover column goes to the right).
    case center
}
