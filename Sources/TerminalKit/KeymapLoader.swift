import Foundation

/// The keymap in effect and the problems found while loading it.
public struct KeymapLoadResult: Sendable {
    /// The keymap to use; the defaults when a file was broken.
    public var keymap: Keymap
    /// Problems to show to the clerk (file, line, message); empty when all went well.
    public var problems: [KeymapError]
}

/// A keymap shipped with the program.
public enum BuiltInKeymap: String, Sendable, CaseIterable {
    /// Function keys, 3270/ISPF habits (`Keymaps/default.yaml`).
    case `default`
    /// Single-key vim habits on top of the function keys (`Keymaps/vim.yaml`).
    case vim

    /// The YAML text, identical to the file in `Keymaps/`.
    public var yaml: String {
        switch self {
        case .default: BuiltInKeymapText.defaultYAML
        case .vim: BuiltInKeymapText.vimYAML
        }
    }

    /// The file name in `Keymaps/`.
    public var fileName: String { rawValue + ".yaml" }
}

/// Reads keymap files: a complete base keymap plus a user's overrides by action id.
public enum KeymapLoader {
    /// Parses a complete keymap (every binding needs `keys`, `de` and `en`).
    public static func parseKeymap(_ yaml: String, file: String) throws(KeymapError) -> Keymap {
        let document = try KeymapParser(file: file).parse(yaml)
        var bindings: [KeymapMode: [KeyBinding]] = [:]
        for entry in document.entries {
            guard let label = entry.label else {
                throw KeymapError(
                    file: file, line: entry.line, column: nil,
                    message: BilingualText(
                        de: "Bezeichnung (de, en) fehlt bei \(entry.action)",
                        en: "label (de, en) missing for \(entry.action)"))
            }
            bindings[entry.mode, default: []].append(
                KeyBinding(
                    action: entry.action, chords: entry.chords, label: label,
                    showInFooter: entry.showInFooter ?? false, line: entry.line))
        }
        return try Keymap(
            name: document.name ?? file, bindings: bindings, modeOrder: document.modeOrder,
            textInputModes: Set(document.textInputModes ?? []), file: file)
    }

    /// Parses a user's keymap file into overrides and the name of the base it asks for.
    public static func parseOverrides(
        _ yaml: String, file: String
    ) throws(KeymapError) -> (base: BuiltInKeymap?, overrides: [KeymapOverride]) {
        let document = try KeymapParser(file: file).parse(yaml)
        var base: BuiltInKeymap?
        if let name = document.base {
            guard let builtIn = BuiltInKeymap(rawValue: name) else {
                throw KeymapError(
                    file: file, line: nil, column: nil,
                    message: BilingualText(
                        de: "Unbekannte Basis „\(name)“ (default, vim)",
                        en: "unknown base '\(name)' (default, vim)"))
            }
            base = builtIn
        }
        return (base, document.entries)
    }

    /// A built-in keymap. Its YAML is checked by the tests, so this never falls back.
    public static func builtIn(_ keymap: BuiltInKeymap) -> Keymap {
        (try? parseKeymap(keymap.yaml, file: keymap.fileName)) ?? Keymap(emptyNamed: keymap.rawValue)
    }

    /// Loads the keymap in effect: a base keymap, then each user file's overrides in order.
    ///
    /// - `basePath`: a complete keymap file, or nil for the built-in one named by the first
    ///   user file's `base:`, else `builtIn` (default: `BuiltInKeymap.default`).
    /// - `userPaths`: override files; a missing file is skipped silently.
    ///
    /// A broken file is reported in `problems` and skipped: the keymap stays as it was
    /// before that file (the defaults, when the base file is broken).
    public static func load(
        basePath: String? = nil, builtIn chosen: BuiltInKeymap = .default, userPaths: [String]
    ) -> KeymapLoadResult {
        var problems: [KeymapError] = []
        var userFiles: [(path: String, base: BuiltInKeymap?, overrides: [KeymapOverride])] = []
        for path in userPaths {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let text = try readFile(path)
                let parsed = try parseOverrides(text, file: path)
                userFiles.append((path, parsed.base, parsed.overrides))
            } catch {
                problems.append(error)
            }
        }
        let builtInBase = userFiles.lazy.compactMap(\.base).first ?? chosen
        var keymap = builtIn(builtInBase)
        if let basePath {
            do {
                keymap = try parseKeymap(try readFile(basePath), file: basePath)
            } catch {
                problems.append(error)
            }
        }
        for file in userFiles {
            do {
                keymap = try keymap.applying(file.overrides, file: file.path)
            } catch {
                problems.append(error)
            }
        }
        return KeymapLoadResult(keymap: keymap, problems: problems)
    }

    /// Where a user's keymap lives: `$XDG_CONFIG_HOME/clerk/keymap.yaml`, else
    /// `$HOME/.config/clerk/keymap.yaml`; nil when neither variable is set.
    public static func userKeymapPath(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return config + "/clerk/keymap.yaml"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/clerk/keymap.yaml"
        }
        return nil
    }

    private static func readFile(_ path: String) throws(KeymapError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeymapError(
                file: path, line: nil, column: nil,
                message: BilingualText(
                    de: "Datei nicht lesbar: \(error.localizedDescription)",
                    en: "cannot read file: \(error.localizedDescription)"))
        }
    }
}

extension Keymap {
    /// A keymap without bindings.
    init(emptyNamed name: String) {
        self.init(uncheckedName: name)
    }
}
