import Foundation

/// The folders of the XDG base directory specification, for the user the environment names.
///
/// `$XDG_*_HOME` when set (and absolute), else the folder under `$HOME` — the environment's home,
/// not the password database's, so two people (or a test) with different `HOME`s on one account
/// never share a replica, a login or a log.
public struct UserFolders: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `$XDG_CONFIG_HOME` or `~/.config`.
    public var config: URL { base("XDG_CONFIG_HOME", ".config") }
    /// `$XDG_DATA_HOME` or `~/.local/share`.
    public var data: URL { base("XDG_DATA_HOME", ".local/share") }
    /// `$XDG_STATE_HOME` or `~/.local/state`.
    public var state: URL { base("XDG_STATE_HOME", ".local/state") }

    /// `$HOME`, or the account's home when it is not set.
    public var home: URL {
        if let home = environment["HOME"], home.hasPrefix("/") { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    private func base(_ variable: String, _ fallback: String) -> URL {
        if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
        return home.appendingPathComponent(fallback)
    }
}
