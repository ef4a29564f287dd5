import Yams

/// The contents of one keymap file before it is turned into a `Keymap`.
struct KeymapDocument {
    var name: String?
    var base: String?
    var textInputModes: [KeymapMode]?
    var modeOrder: [KeymapMode] = []
    var entries: [KeymapOverride] = []
}

/// Reads keymap YAML into a `KeymapDocument`, reporting problems with file and line.
///
/// Format:
///
/// ```yaml
/// name: default
/// textInputModes: [form, search]
/// modes:
///   global:
///     help: { keys: [F1, Alt-1], de: Hilfe, en: Help, footer: true }
///     redraw: Ctrl-L          # short form in a user's file: keys only
/// ```
struct KeymapParser {
    let file: String

    func parse(_ yaml: String) throws(KeymapError) -> KeymapDocument {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw KeymapError(
                file: file, line: nil, column: nil,
                message: BilingualText(de: "YAML nicht lesbar: \(error)", en: "unreadable YAML: \(error)"))
        }
        guard let root else {
            throw KeymapError(
                file: file, line: 1, column: 1,
                message: BilingualText(de: "Die Datei ist leer", en: "the file is empty"))
        }
        let top = try mapping(root, what: BilingualText(de: "Tastenbelegung", en: "keymap"))
        var document = KeymapDocument()
        for (key, value) in top {
            switch try string(key) {
            case "name": document.name = try string(value)
            case "base": document.base = try string(value)
            case "textInputModes":
                document.textInputModes = try stringList(value).map { KeymapMode(rawValue: $0) }
            case "modes":
                for (modeKey, modeValue) in try mapping(value, what: modeLabel) {
                    let mode = try modeName(modeKey)
                    document.modeOrder.append(mode)
                    for (actionKey, bindingValue) in try mapping(modeValue, what: modeLabel) {
                        document.entries.append(
                            try binding(mode: mode, actionKey: actionKey, value: bindingValue))
                    }
                }
            case let other:
                throw error(
                    at: key,
                    BilingualText(
                        de: "Unbekannter Eintrag „\(other)“ (erlaubt: name, base, textInputModes, modes)",
                        en: "unknown entry '\(other)' (allowed: name, base, textInputModes, modes)"))
            }
        }
        return document
    }

    private var modeLabel: BilingualText { BilingualText(de: "Modus", en: "mode") }

    private func binding(mode: KeymapMode, actionKey: Node, value: Node) throws(KeymapError) -> KeymapOverride
    {
        let action = try string(actionKey)
        guard Self.isValidName(action) else {
            throw error(
                at: actionKey,
                BilingualText(
                    de: "Ungültige Aktions-ID „\(action)“ (Buchstaben, Ziffern, Punkt)",
                    en: "invalid action id '\(action)' (letters, digits, dots)"))
        }
        let line = actionKey.mark?.line
        switch value {
        case .scalar, .sequence:
            return KeymapOverride(mode: mode, action: action, chords: try chords(value), line: line)
        case .mapping(let fields):
            var override = KeymapOverride(mode: mode, action: action, chords: [], line: line)
            var keysSeen = false
            var german: String?
            var english: String?
            for (fieldKey, fieldValue) in fields {
                switch try string(fieldKey) {
                case "keys":
                    override.chords = try chords(fieldValue)
                    keysSeen = true
                case "de": german = try string(fieldValue)
                case "en": english = try string(fieldValue)
                case "footer": override.showInFooter = try bool(fieldValue)
                case let other:
                    throw error(
                        at: fieldKey,
                        BilingualText(
                            de: "Unbekanntes Feld „\(other)“ (erlaubt: keys, de, en, footer)",
                            en: "unknown field '\(other)' (allowed: keys, de, en, footer)"))
                }
            }
            guard keysSeen else {
                throw error(
                    at: actionKey,
                    BilingualText(de: "„keys“ fehlt bei \(action)", en: "'keys' missing for \(action)"))
            }
            switch (german, english) {
            case (nil, nil): break
            case (let de?, let en?): override.label = BilingualText(de: de, en: en)
            default:
                throw error(
                    at: actionKey,
                    BilingualText(
                        de: "Bezeichnung für \(action) braucht „de“ und „en“",
                        en: "label for \(action) needs both 'de' and 'en'"))
            }
            return override
        case .alias:
            throw error(
                at: value, BilingualText(de: "Aliase sind nicht erlaubt", en: "aliases are not allowed"))
        }
    }

    private func chords(_ node: Node) throws(KeymapError) -> [KeyChord] {
        let texts: [(String, Node)]
        switch node {
        case .scalar(let scalar): texts = [(scalar.string, node)]
        case .sequence(let sequence):
            var list: [(String, Node)] = []
            for item in sequence {
                list.append((try string(item), item))
            }
            texts = list
        default:
            throw error(
                at: node,
                BilingualText(
                    de: "Erwartet: Taste oder Liste von Tasten", en: "expected a key or a list of keys"))
        }
        var result: [KeyChord] = []
        for (text, item) in texts {
            guard let chord = KeyChord(text) else {
                throw error(
                    at: item,
                    BilingualText(
                        de:
                            "Unbekannte Taste „\(text)“ (z. B. F1, Ctrl-F, Alt-x, Shift-Tab, PgDn, Enter, Esc, x)",
                        en: "unknown key '\(text)' (e.g. F1, Ctrl-F, Alt-x, Shift-Tab, PgDn, Enter, Esc, x)"))
            }
            if result.contains(chord) {
                throw error(
                    at: item,
                    BilingualText(de: "Taste \(chord) doppelt angegeben", en: "key \(chord) listed twice"))
            }
            result.append(chord)
        }
        return result
    }

    private func modeName(_ node: Node) throws(KeymapError) -> KeymapMode {
        let name = try string(node)
        guard Self.isValidName(name), !name.contains(".") else {
            throw error(
                at: node, BilingualText(de: "Ungültiger Modus „\(name)“", en: "invalid mode '\(name)'"))
        }
        return KeymapMode(rawValue: name)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_")
        }
    }

    private func mapping(_ node: Node, what: BilingualText) throws(KeymapError) -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(
                at: node,
                BilingualText(de: "Erwartet: Zuordnung (\(what.de))", en: "expected a mapping (\(what.en))"))
        }
        var seen: Set<String> = []
        var pairs: [(Node, Node)] = []
        for (key, value) in mapping {
            let name = try string(key)
            if !seen.insert(name).inserted {
                throw error(
                    at: key, BilingualText(de: "„\(name)“ ist doppelt", en: "'\(name)' appears twice"))
            }
            pairs.append((key, value))
        }
        return pairs
    }

    private func string(_ node: Node) throws(KeymapError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node, BilingualText(de: "Erwartet: Text", en: "expected a text value"))
        }
        return scalar.string
    }

    private func stringList(_ node: Node) throws(KeymapError) -> [String] {
        guard case .sequence(let sequence) = node else {
            throw error(at: node, BilingualText(de: "Erwartet: Liste", en: "expected a list"))
        }
        var result: [String] = []
        for item in sequence {
            result.append(try string(item))
        }
        return result
    }

    private func bool(_ node: Node) throws(KeymapError) -> Bool {
        switch try string(node).lowercased() {
        case "true", "yes", "ja": return true
        case "false", "no", "nein": return false
        default:
            throw error(
                at: node, BilingualText(de: "Erwartet: true oder false", en: "expected true or false"))
        }
    }

    private func error(at node: Node, _ message: BilingualText) -> KeymapError {
        KeymapError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private func yamlError(_ error: YamlError) -> KeymapError {
        let mark: Mark?
        let problem: String
        switch error {
        case .scanner(_, let text, let position, _), .parser(_, let text, let position, _),
            .composer(_, let text, let position, _):
            mark = position
            problem = text
        case .duplicatedKeysInMapping(let duplicates, let context):
            mark = context.mark
            problem = "duplicated keys: " + duplicates.joined(separator: ", ")
        default:
            mark = nil
            problem = "\(error)"
        }
        return KeymapError(
            file: file, line: mark?.line, column: mark?.column,
            message: BilingualText(de: "YAML-Fehler: \(problem)", en: "YAML error: \(problem)"))
    }
}
