/// A key on the keyboard, without modifiers.
public enum Key: Sendable, Hashable {
    /// A printable character (letters keep their case: "G" is Shift+g).
    case character(Character)
    /// A function key, F1…F24.
    case function(Int)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home (Pos1).
    case home
    /// End (Ende).
    case end
    /// Page up (Bild auf).
    case pageUp
    /// Page down (Bild ab).
    case pageDown
    /// Insert (Einfg).
    case insert
    /// Delete (Entf).
    case delete
    /// Tab; Shift-Tab is `.tab` with the shift modifier.
    case tab
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Backspace.
    case backspace
}

/// Modifier keys held with a key.
public struct KeyModifiers: OptionSet, Sendable, Hashable {
    /// The raw bit set.
    public let rawValue: Int

    /// Creates a modifier set from raw bits.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Ctrl (Strg).
    public static let control = KeyModifiers(rawValue: 1)
    /// Alt (sent by terminals as an ESC prefix).
    public static let alt = KeyModifiers(rawValue: 2)
    /// Shift; only used with non-character keys (Shift-Tab), characters carry their case.
    public static let shift = KeyModifiers(rawValue: 4)
}

/// What happened at the terminal: a key, pasted text, or a new size.
public enum KeyEvent: Sendable, Hashable {
    /// A key press with modifiers.
    case key(KeyChord)
    /// Text pasted in one piece (bracketed paste); never interpreted as commands.
    case paste(String)
    /// The terminal was resized to the given size.
    case resize(TerminalSize)

    /// A plain character key event.
    public static func character(_ character: Character) -> KeyEvent {
        .key(KeyChord(.character(character)))
    }

    /// The chord, if this is a key press.
    public var chord: KeyChord? {
        if case .key(let chord) = self {
            return chord
        }
        return nil
    }
}
