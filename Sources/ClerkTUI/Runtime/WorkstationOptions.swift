import CaseModel
import Foundation
import OfflineStore
import SyncClient
import TerminalKit

/// How to start the workstation; the `clerk` command line fills this in.
public struct WorkstationOptions: Sendable {
    /// Which terminal to draw on.
    public enum BackendChoice: Sendable {
        /// The real terminal (ncurses on /dev/tty).
        case terminal
    }

    /// The SQLite replica file (created when missing).
    public var replicaPath: String
    /// A folder of catalogue YAML files; its services are used (and win over `services`).
    public var catalogDirectory: String?
    /// Services known without a catalogue folder (e.g. the demo services the replica was seeded with).
    public var services: [ServiceDefinition]
    /// A complete keymap file replacing the built-in default, if any.
    public var keymapPath: String?
    /// The built-in keymap to start from when no file names one (`default`, `vim`).
    public var builtInKeymap: BuiltInKeymap = .default
    /// Keymap override files applied in order (missing files are skipped).
    public var keymapOverridePaths: [String]
    public var language: Language
    public var clerk: ClerkIdentity
    public var backend: BackendChoice
    /// How to reach the central service; nil: offline only.
    public var sync: WorkstationSync?
    /// The key of a sealed replica (nil: a plain one).
    public var replicaKey: ReplicaKey?

    public init(
        replicaPath: String, catalogDirectory: String? = nil, services: [ServiceDefinition] = [],
        keymapPath: String? = nil, keymapOverridePaths: [String] = [], language: Language = .de,
        clerk: ClerkIdentity, backend: BackendChoice = .terminal, sync: WorkstationSync? = nil
    ) {
        self.replicaPath = replicaPath
        self.catalogDirectory = catalogDirectory
        self.services = services
        self.keymapPath = keymapPath
        self.keymapOverridePaths = keymapOverridePaths
        self.language = language
        self.clerk = clerk
        self.backend = backend
        self.sync = sync
    }

    /// The interface language: `--lang` if given, else English when `LANG`/`LC_ALL`/
    /// `LC_MESSAGES` start with "en", else German.
    public static func language(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(rawValue: flag.lowercased()) { return language }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .de
        }
        return .de
    }
}
