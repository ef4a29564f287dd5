import CaseModel
import Foundation
import SyncClient
import Yams

/// The workstation's settings: the central service, the CA file it is checked with, the
/// language, the keymap and the idle time before it locks.
///
/// Read from `config.yaml` in the user's config folder (`$XDG_CONFIG_HOME/clerk/config.yaml` or
/// `~/.config/clerk/config.yaml`), then overridden by the environment (`CLERK_SERVER`,
/// `CLERK_CA`, `CLERK_LANG`, `CLERK_KEYMAP`, `CLERK_LOCK_AFTER`), then by command-line options. Every key is
/// optional; an unknown key or a wrong value is refused with its line, so a typo never goes
/// unnoticed.
public struct WorkstationSettings: Hashable, Sendable {
    /// The central service's base URL, e.g. `https://zentrale.muenchen.example:8443`.
    public var server: String?
    /// A PEM file of certificates trusted for the central service instead of the system's.
    public var caFile: String?
    public var language: Language?
    /// A built-in keymap (`default`, `vim`) or the path of a complete keymap file.
    public var keymap: String?
    /// Seconds without a key before the workstation locks (`lock_after`); 0: never by time.
    public var lockAfter: TimeInterval?

    public init(
        server: String? = nil, caFile: String? = nil, language: Language? = nil, keymap: String? = nil,
        lockAfter: TimeInterval? = nil
    ) {
        self.server = server
        self.caFile = caFile
        self.language = language
        self.keymap = keymap
        self.lockAfter = lockAfter
    }

    /// The keys a settings file may have.
    static let keys = ["server", "ca", "lang", "keymap", "lock_after"]

    /// Seconds from a `lock_after` value: a whole number from 0 (never) to a day.
    public static func lockAfter(_ text: String) -> TimeInterval? {
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), (0...86_400).contains(seconds)
        else { return nil }
        return TimeInterval(seconds)
    }

    /// The idle time before locking: `option` (`--lock-after`) over these settings, else five
    /// minutes; nil: never by time (0).
    public func lockIdle(option: Int? = nil) -> TimeInterval? {
        let seconds = option.map(TimeInterval.init) ?? lockAfter ?? LockPolicy.defaultIdle
        return seconds > 0 ? seconds : nil
    }

    /// The settings file: `$CLERK_CONFIG`, else `config.yaml` in the user's config folder.
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL
    {
        if let path = environment["CLERK_CONFIG"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return UserFolders(environment: environment).config.appendingPathComponent("clerk")
            .appendingPathComponent("config.yaml")
    }

    /// Reads the settings file; a missing file is no settings.
    public static func load(file: URL) throws(WorkstationSettingsError) -> WorkstationSettings {
        guard FileManager.default.fileExists(atPath: file.path) else { return WorkstationSettings() }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw WorkstationSettingsError(
                file: file.path, line: nil,
                message: LocalizedText(
                    de: "Datei nicht lesbar: \(error)", en: "cannot read the file: \(error)"))
        }
        return try parse(text, file: file.path)
    }

    /// Parses the text of a settings file.
    public static func parse(_ text: String, file: String) throws(WorkstationSettingsError)
        -> WorkstationSettings
    {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw WorkstationSettingsError(
                file: file, line: nil,
                message: LocalizedText(de: "kein gültiges YAML: \(error)", en: "not valid YAML: \(error)"))
        }
        guard let node else { return WorkstationSettings() }
        guard let mapping = node.mapping else {
            throw WorkstationSettingsError(
                file: file, line: node.mark.map { $0.line },
                message: LocalizedText(
                    de: "erwartet sind Schlüssel: \(keys.joined(separator: ", "))",
                    en: "expected keys: \(keys.joined(separator: ", "))"))
        }
        var settings = WorkstationSettings()
        for (key, value) in mapping {
            let line = key.mark.map { $0.line }
            func fail(_ de: String, _ en: String) -> WorkstationSettingsError {
                WorkstationSettingsError(file: file, line: line, message: LocalizedText(de: de, en: en))
            }
            guard let name = key.string, keys.contains(name) else {
                let shown = key.string ?? "?"
                throw fail(
                    "unbekannter Schlüssel „\(shown)“ (erlaubt: \(keys.joined(separator: ", ")))",
                    "unknown key '\(shown)' (allowed: \(keys.joined(separator: ", ")))")
            }
            guard let text = value.scalar?.string, !text.isEmpty else {
                throw fail("„\(name)“ braucht einen Text als Wert", "'\(name)' needs a text value")
            }
            switch name {
            case "server": settings.server = text
            case "ca": settings.caFile = expandingHome(text)
            case "lang":
                guard let language = Language(rawValue: text.lowercased()) else {
                    throw fail("Sprache „\(text)“ unbekannt (de, en)", "unknown language '\(text)' (de, en)")
                }
                settings.language = language
            case "lock_after":
                guard let seconds = lockAfter(text) else {
                    throw fail(
                        "„lock_after“ braucht Sekunden (0 bis 86400, 0: nie), nicht „\(text)“",
                        "'lock_after' needs seconds (0 to 86400, 0: never), not '\(text)'")
                }
                settings.lockAfter = seconds
            default: settings.keymap = expandingHome(text)
            }
        }
        return settings
    }

    /// These settings with the environment's `CLERK_*` variables over them.
    public func overridden(by environment: [String: String]) throws(WorkstationSettingsError)
        -> WorkstationSettings
    {
        var settings = self
        if let server = environment["CLERK_SERVER"], !server.isEmpty { settings.server = server }
        if let ca = environment["CLERK_CA"], !ca.isEmpty { settings.caFile = ca }
        if let keymap = environment["CLERK_KEYMAP"], !keymap.isEmpty { settings.keymap = keymap }
        if let text = environment["CLERK_LOCK_AFTER"], !text.isEmpty {
            guard let seconds = Self.lockAfter(text) else {
                throw WorkstationSettingsError(
                    file: "CLERK_LOCK_AFTER", line: nil,
                    message: LocalizedText(
                        de: "Sekunden erwartet (0 bis 86400, 0: nie), nicht „\(text)“",
                        en: "seconds expected (0 to 86400, 0: never), not '\(text)'"))
            }
            settings.lockAfter = seconds
        }
        if let lang = environment["CLERK_LANG"], !lang.isEmpty {
            guard let language = Language(rawValue: lang.lowercased()) else {
                throw WorkstationSettingsError(
                    file: "CLERK_LANG", line: nil,
                    message: LocalizedText(
                        de: "Sprache „\(lang)“ unbekannt (de, en)", en: "unknown language '\(lang)' (de, en)")
                )
            }
            settings.language = language
        }
        return settings
    }

    /// `~/x` as a path under the home folder.
    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return UserFolders().home.appendingPathComponent(String(path.dropFirst(2))).path
    }
}

/// A settings file or variable that cannot be used, with where and why.
public struct WorkstationSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the offending key, when known.
    public var line: Int?
    public var message: LocalizedText

    /// "file:line: message" in `language`.
    public func text(_ language: Language) -> String {
        let place = line.map { "\(file):\($0)" } ?? file
        return place + ": " + message.text(language)
    }

    public var description: String { text(.de) }
}
