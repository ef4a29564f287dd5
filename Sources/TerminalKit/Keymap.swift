/// Key bindings per mode: resolves chords to action ids and lists footer and help entries.
///
/// Lookup goes from the current mode down to `global`. In a text-input mode (e.g. `form`),
/// a plain printable character is only looked up in the mode itself, never in `global`, so
/// typing into a field cannot trigger a global single-key binding.
public struct Keymap: Sendable, Hashable {
    /// The keymap's name (e.g. `default`, `vim`).
    public var name: String
    /// The modes in file order; `global` first.
    public private(set) var modes: [KeymapMode]
    /// Modes whose plain printable characters go to a text field.
    public private(set) var textInputModes: Set<KeymapMode>
    private var bindingsByMode: [KeymapMode: [KeyBinding]]

    /// Creates a keymap; fails when a chord is bound twice in one mode.
    public init(
        name: String, bindings: [KeymapMode: [KeyBinding]], modeOrder: [KeymapMode] = [],
        textInputModes: Set<KeymapMode> = [], file: String = "keymap"
    ) throws(KeymapError) {
        self.name = name
        var order: [KeymapMode] = [.global]
        for mode in modeOrder + bindings.keys.sorted(by: { $0.rawValue < $1.rawValue })
        where !order.contains(mode) {
            order.append(mode)
        }
        self.modes = order
        self.textInputModes = textInputModes
        self.bindingsByMode = bindings
        try Self.checkDuplicates(bindings, order: order, file: file)
    }

    /// A keymap without bindings (never fails).
    init(uncheckedName name: String) {
        self.name = name
        self.modes = [.global]
        self.textInputModes = []
        self.bindingsByMode = [:]
    }

    /// The bindings of one mode (without the global fallback), in file order.
    public func bindings(in mode: KeymapMode) -> [KeyBinding] {
        bindingsByMode[mode] ?? []
    }

    /// The action id a chord triggers in a mode, falling back to `global`.
    public func action(for chord: KeyChord, in mode: KeymapMode) -> String? {
        binding(for: chord, in: mode)?.action
    }

    /// The binding a chord triggers in a mode, falling back to `global`.
    public func binding(for chord: KeyChord, in mode: KeymapMode) -> KeyBinding? {
        if let found = bindings(in: mode).first(where: { $0.chords.contains(chord) }) {
            return found
        }
        if mode == .global || (textInputModes.contains(mode) && Self.isPlainText(chord)) {
            return nil
        }
        return bindings(in: .global).first(where: { $0.chords.contains(chord) })
    }

    /// The chords that trigger an action in a mode (the mode's own binding, else global's).
    public func chords(for action: String, in mode: KeymapMode) -> [KeyChord] {
        if let own = bindings(in: mode).first(where: { $0.action == action }) {
            return own.chords
        }
        return bindings(in: .global).first(where: { $0.action == action })?.chords ?? []
    }

    /// The footer entries of a mode: the mode's footer bindings, then global ones it does not
    /// shadow; each with its first chord.
    public func footer(for mode: KeymapMode) -> [FooterItem] {
        var items: [FooterItem] = []
        var actions: Set<String> = []
        let own = mode == .global ? [] : bindings(in: mode)
        for binding in own where binding.showInFooter {
            if let chord = binding.chords.first {
                items.append(FooterItem(chord: chord, action: binding.action, label: binding.label))
                actions.insert(binding.action)
            }
        }
        for binding in bindings(in: .global) where binding.showInFooter && !actions.contains(binding.action) {
            guard let chord = binding.chords.first(where: { self.binding(for: $0, in: mode) == binding })
            else { continue }
            items.append(FooterItem(chord: chord, action: binding.action, label: binding.label))
        }
        return items.sorted { Self.footerOrder($0.chord) < Self.footerOrder($1.chord) }
    }

    /// The footer of a mode as one line, cut to `width` columns at an entry boundary.
    public func footerLine(for mode: KeymapMode, language: TextLanguage, width: Int) -> String {
        var line = ""
        for item in footer(for: mode) {
            let entry = item.text(in: language)
            let candidate = line.isEmpty ? entry : line + "  " + entry
            if candidate.displayWidth > width {
                break
            }
            line = candidate
        }
        return line
    }

    /// All bindings, one section per mode, `global` first.
    public func help() -> [HelpSection] {
        modes.compactMap { mode in
            let bindings = bindings(in: mode)
            return bindings.isEmpty ? nil : HelpSection(mode: mode, bindings: bindings)
        }
    }

    /// The help screen as text: per mode a heading line, then one line per binding with
    /// its chords (padded to a column) and label.
    public func helpText(language: TextLanguage, chordColumnWidth: Int = 24) -> [String] {
        var lines: [String] = []
        for section in help() {
            if !lines.isEmpty {
                lines.append("")
            }
            lines.append(Self.modeTitle(section.mode).text(in: language))
            for binding in section.bindings where !binding.chords.isEmpty {
                let chords = binding.chords.map(\.description).joined(separator: ", ")
                lines.append(
                    "  " + chords.padded(toWidth: chordColumnWidth) + " " + binding.label.text(in: language))
            }
        }
        return lines
    }

    /// A heading for a mode in the help screen.
    public static func modeTitle(_ mode: KeymapMode) -> BilingualText {
        switch mode {
        case .global: BilingualText(de: "Überall", en: "Everywhere")
        case .queue: BilingualText(de: "Vorgangsliste", en: "Case list")
        case .list: BilingualText(de: "Übersicht", en: "Overview")
        case .case: BilingualText(de: "Vorgang", en: "Case")
        case .form: BilingualText(de: "Formular", en: "Form")
        case .search: BilingualText(de: "Suche", en: "Search")
        case .phone: BilingualText(de: "Telefon", en: "Phone")
        case .dialog: BilingualText(de: "Dialoge", en: "Dialogs")
        case "conflict": BilingualText(de: "Konflikte klären", en: "Resolving conflicts")
        case "conflict_others":
            BilingualText(de: "Konflikte anderer klären", en: "Resolving others' conflicts")
        case "rejected": BilingualText(de: "Abgelehnte Änderungen", en: "Refused changes")
        default: BilingualText(de: mode.rawValue, en: mode.rawValue)
        }
    }

    /// This keymap with another's bindings laid over it, binding by binding (by action id).
    ///
    /// For each mode and action in `overrides`: an existing binding gets the new chords (and
    /// the new label and footer flag when `overrides` sets them, see `KeymapOverride`); a new
    /// action is added. Fails when the result binds a chord twice in one mode.
    public func applying(_ overrides: [KeymapOverride], file: String) throws(KeymapError) -> Keymap {
        var bindings = bindingsByMode
        var order = modes
        for override in overrides {
            var list = bindings[override.mode] ?? []
            if let index = list.firstIndex(where: { $0.action == override.action }) {
                list[index].chords = override.chords
                list[index].label = override.label ?? list[index].label
                list[index].showInFooter = override.showInFooter ?? list[index].showInFooter
                list[index].line = override.line
            } else {
                let label = override.label ?? anyLabel(for: override.action)
                list.append(
                    KeyBinding(
                        action: override.action, chords: override.chords, label: label,
                        showInFooter: override.showInFooter ?? false, line: override.line))
            }
            bindings[override.mode] = list
            if !order.contains(override.mode) {
                order.append(override.mode)
            }
        }
        return try Keymap(
            name: name, bindings: bindings, modeOrder: order, textInputModes: textInputModes, file: file)
    }

    private func anyLabel(for action: String) -> BilingualText {
        for mode in modes {
            if let binding = bindings(in: mode).first(where: { $0.action == action }) {
                return binding.label
            }
        }
        return BilingualText(de: action, en: action)
    }

    static func isPlainText(_ chord: KeyChord) -> Bool {
        guard case .character = chord.key else { return false }
        return chord.modifiers.isDisjoint(with: [.control, .alt])
    }

    private static func footerOrder(_ chord: KeyChord) -> Int {
        if case .function(let number) = chord.key, chord.modifiers.isEmpty {
            return number
        }
        return 100
    }

    private static func checkDuplicates(
        _ bindings: [KeymapMode: [KeyBinding]], order: [KeymapMode], file: String
    ) throws(KeymapError) {
        for mode in order {
            var seen: [KeyChord: KeyBinding] = [:]
            for binding in bindings[mode] ?? [] {
                for chord in binding.chords {
                    if let first = seen[chord] {
                        let firstLine = first.line.map { " (Zeile \($0))" } ?? ""
                        let firstLineEnglish = first.line.map { " (line \($0))" } ?? ""
                        throw KeymapError(
                            file: file, line: binding.line, column: nil,
                            message: BilingualText(
                                de: "Taste \(chord) ist im Modus „\(mode)“ doppelt belegt: "
                                    + "\(first.action)\(firstLine) und \(binding.action)",
                                en: "key \(chord) is bound twice in mode '\(mode)': "
                                    + "\(first.action)\(firstLineEnglish) and \(binding.action)"))
                    }
                    seen[chord] = binding
                }
            }
        }
    }
}

/// A change to one binding from a user's keymap file, matched by mode and action id.
public struct KeymapOverride: Sendable, Hashable {
    /// The mode.
    public var mode: KeymapMode
    /// The action id.
    public var action: String
    /// The new chords (empty unbinds the action).
    public var chords: [KeyChord]
    /// A new label, or nil to keep the existing one.
    public var label: BilingualText?
    /// A new footer flag, or nil to keep the existing one.
    public var showInFooter: Bool?
    /// The line in the user's file.
    public var line: Int?

    /// Creates an override.
    public init(
        mode: KeymapMode, action: String, chords: [KeyChord], label: BilingualText? = nil,
        showInFooter: Bool? = nil, line: Int? = nil
    ) {
        self.mode = mode
        self.action = action
        self.chords = chords
        self.label = label
        self.showInFooter = showInFooter
        self.line = line
    }
}
