/// A keymap mode: the screen context a binding applies in.
///
/// Lookup goes from the current mode down to `global`. Modes are open-ended (any
/// lower-camel-case name in a keymap file); the well-known ones are constants.
public struct KeymapMode: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The mode name as written in keymap files.
    public let rawValue: String

    /// Creates a mode from its name.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a mode from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The name.
    public var description: String { rawValue }

    /// Bindings active everywhere unless a mode binds the same chord.
    public static let global: KeymapMode = "global"
    /// The work queue (Arbeitskorb).
    public static let queue: KeymapMode = "queue"
    /// Any other list (search results, pick lists).
    public static let list: KeymapMode = "list"
    /// A case's detail screen.
    public static let `case`: KeymapMode = "case"
    /// Editing a form (text input).
    public static let form: KeymapMode = "form"
    /// The search field (text input).
    public static let search: KeymapMode = "search"
    /// The guided phone flow.
    public static let phone: KeymapMode = "phone"
    /// A modal dialog.
    public static let dialog: KeymapMode = "dialog"
}
