/// A key with modifiers, with the textual form used in keymap files and footers.
///
/// Textual form: modifiers in the order `Ctrl-`, `Alt-`, `Shift-`, then the key name:
/// `F1`…`F24`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`, `PgUp`, `PgDn`, `Insert`,
/// `Delete`, `Tab`, `Enter`, `Esc`, `Backspace`, `Space`, or a single character (`x`, `G`,
/// `?`, `-`). Ctrl with a letter is case-insensitive and printed upper-case (`Ctrl-S`);
/// Alt with a letter keeps the case (`Alt-x` ≠ `Alt-X`). Parsing accepts common aliases
/// (`PageDown`, `Escape`, `Return`, `Del`, `Ins`, `Strg-`, `Control-`, `Meta-`, `M-`, `C-`).
public struct KeyChord: Sendable, Hashable, CustomStringConvertible {
    /// The key.
    public var key: Key
    /// The modifiers held.
    public var modifiers: KeyModifiers

    /// Creates a chord, normalising Ctrl+letter to the lower-case letter.
    public init(_ key: Key, modifiers: KeyModifiers = []) {
        if modifiers.contains(.control), case .character(let character) = key, character.isLetter,
            character.isASCII
        {
            self.key = .character(Character(character.lowercased()))
        } else {
            self.key = key
        }
        self.modifiers = modifiers
    }

    /// Ctrl plus a letter.
    public static func ctrl(_ letter: Character) -> KeyChord {
        KeyChord(.character(letter), modifiers: .control)
    }

    /// Alt plus a character.
    public static func alt(_ character: Character) -> KeyChord {
        KeyChord(.character(character), modifiers: .alt)
    }

    /// Parses the textual form; nil when the text is not a chord.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingSpaces())
        var modifiers: KeyModifiers = []
        while let dash = rest.firstIndex(of: "-"), dash != rest.startIndex,
            rest.index(after: dash) != rest.endIndex
        {
            let prefix = rest[..<dash].lowercased()
            switch prefix {
            case "ctrl", "control", "strg", "c": modifiers.insert(.control)
            case "alt", "meta", "m": modifiers.insert(.alt)
            case "shift", "s", "umschalt": modifiers.insert(.shift)
            default: return nil
            }
            rest = rest[rest.index(after: dash)...]
        }
        guard let key = Self.parseKey(String(rest)) else { return nil }
        if case .character(let character) = key {
            if modifiers.contains(.shift) {
                return nil  // write "G", not "Shift-g"
            }
            if modifiers.contains(.control)
                && !(character.isASCII && (character.isLetter || "[\\]^_ ".contains(character)))
            {
                return nil
            }
        }
        self.init(key, modifiers: modifiers)
    }

    /// The canonical textual form (see the type's documentation).
    public var description: String {
        var text = ""
        if modifiers.contains(.control) { text += "Ctrl-" }
        if modifiers.contains(.alt) { text += "Alt-" }
        if modifiers.contains(.shift) { text += "Shift-" }
        switch key {
        case .character(" "): text += "Space"
        case .character(let character):
            text += modifiers.contains(.control) ? character.uppercased() : String(character)
        case .function(let number): text += "F\(number)"
        case .up: text += "Up"
        case .down: text += "Down"
        case .left: text += "Left"
        case .right: text += "Right"
        case .home: text += "Home"
        case .end: text += "End"
        case .pageUp: text += "PgUp"
        case .pageDown: text += "PgDn"
        case .insert: text += "Insert"
        case .delete: text += "Delete"
        case .tab: text += "Tab"
        case .enter: text += "Enter"
        case .escape: text += "Esc"
        case .backspace: text += "Backspace"
        }
        return text
    }

    private static let namedKeys: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "pos1": .home,
        "end": .end, "ende": .end, "pgup": .pageUp, "pageup": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown, "next": .pageDown,
        "insert": .insert, "ins": .insert, "einfg": .insert, "delete": .delete, "del": .delete,
        "entf": .delete, "tab": .tab, "enter": .enter, "return": .enter, "esc": .escape,
        "escape": .escape, "backspace": .backspace, "bs": .backspace, "space": .character(" "),
    ]

    private static func parseKey(_ text: String) -> Key? {
        if text.count == 1, let character = text.first {
            return DisplayWidth.of(character) > 0 ? .character(character) : nil
        }
        let lower = text.lowercased()
        if let key = namedKeys[lower] {
            return key
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number),
            !lower.dropFirst().hasPrefix("0"), !lower.dropFirst().hasPrefix("+")
        {
            return .function(number)
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
