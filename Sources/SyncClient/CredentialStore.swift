import Foundation
import SyncProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// The saved login of this workstation: server, clerk and access token, and how the server is
/// checked (the CA file, whether plain HTTP was allowed), so later use checks it the same way.
public struct SavedLogin: Hashable, Sendable, Codable {
    public var server: String
    public var username: String
    public var login: LoginResponse
    public var transport: SyncTransport

    public init(
        server: String, username: String, login: LoginResponse, transport: SyncTransport = SyncTransport()
    ) {
        self.server = server
        self.username = username
        self.login = login
        self.transport = transport
    }

    private enum CodingKeys: String, CodingKey {
        case server, username, login, transport
    }

    /// Reads a saved login; one saved before logins carried a transport checks the default way.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decode(String.self, forKey: .server)
        username = try c.decode(String.self, forKey: .username)
        login = try c.decode(LoginResponse.self, forKey: .login)
        transport = try c.decodeIfPresent(SyncTransport.self, forKey: .transport) ?? SyncTransport()
    }
}

/// Keeps the access token in a file readable only by the user (mode 0600).
public struct CredentialStore: Sendable {
    public let url: URL
    public init(url: URL) { self.url = url }

    /// The default place: `$XDG_CONFIG_HOME/clerk/login.json` or `~/.config/clerk/login.json`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL
    {
        UserFolders(environment: environment).config.appendingPathComponent("clerk")
            .appendingPathComponent("login.json")
    }

    /// Writes the login atomically with permissions 0600 (the folder 0700).
    public func save(_ login: SavedLogin) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = try WireProtocol.makeEncoder().encode(login)
        let temp = folder.appendingPathComponent(".login-\(UUID().uuidString).tmp")
        // Created with mode 0600 from the start, so the token is never readable by others.
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp.path])
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count }
        let synced = fsync(fd) == 0
        close(fd)
        guard written && synced else {
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temp.path])
        }
        // rename(2) replaces the old file atomically: a reader sees the old login or the new one.
        guard rename(temp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// The saved login, or nil if there is none.
    public func load() throws -> SavedLogin? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try WireProtocol.makeDecoder().decode(SavedLogin.self, from: Data(contentsOf: url))
    }

    /// Forgets the login.
    public func delete() throws {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }
}
