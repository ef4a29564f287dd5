/// One action bound to one or more chords in a mode, with its footer label.
public struct KeyBinding: Sendable, Hashable {
    /// The action id the workstation maps to an action (e.g. `help`, `case.open`).
    public var action: String
    /// The chords that trigger the action, the first one is shown in the footer.
    public var chords: [KeyChord]
    /// Short label for the footer and the help screen.
    public var label: BilingualText
    /// Whether the binding is listed in the footer.
    public var showInFooter: Bool
    /// The line in the keymap file the binding came from, if any.
    public var line: Int?

    /// Creates a binding.
    public init(
        action: String, chords: [KeyChord], label: BilingualText, showInFooter: Bool = false, line: Int? = nil
    ) {
        self.action = action
        self.chords = chords
        self.label = label
        self.showInFooter = showInFooter
        self.line = line
    }
}

/// One entry of the footer line: a chord and what it does.
public struct FooterItem: Sendable, Hashable {
    /// The chord, e.g. F1.
    public var chord: KeyChord
    /// The action id.
    public var action: String
    /// The label.
    public var label: BilingualText

    /// Creates a footer item.
    public init(chord: KeyChord, action: String, label: BilingualText) {
        self.chord = chord
        self.action = action
        self.label = label
    }

    /// "F1 Hilfe" (or "F1 Help").
    public func text(in language: TextLanguage) -> String {
        "\(chord) \(label.text(in: language))"
    }
}

/// The bindings of one mode, for the help screen.
public struct HelpSection: Sendable, Hashable {
    /// The mode.
    public var mode: KeymapMode
    /// All bindings of the mode, in file order.
    public var bindings: [KeyBinding]

    /// Creates a help section.
    public init(mode: KeymapMode, bindings: [KeyBinding]) {
        self.mode = mode
        self.bindings = bindings
    }
}
