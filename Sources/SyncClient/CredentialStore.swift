import Foundation
import OfflineStore
import SyncProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// The saved login of this workstation: server, clerk and access token, and how the server is
/// checked (the CA file, whether plain HTTP was allowed), so later use checks it the same way.
///
/// On disk the token is sealed with the clerk's replica key (`sealedToken`); server, clerk and
/// transport stay readable, since they name the replica to unlock. A login read from the file has
/// an empty `login.token` until `unsealed(with:)`; the escrow key is never saved.
public struct SavedLogin: Hashable, Sendable, Codable {
    public var server: String
    public var username: String
    public var login: LoginResponse
    public var transport: SyncTransport
    /// The token as the file holds it: sealed with the replica's key (`ReplicaKey.seal`).
    public var sealedToken: Data?

    /// What the token is sealed for, so the subkey serves nothing else.
    static let tokenPurpose = "saved login token"

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
        case sealedToken = "sealed_token"
    }

    /// Reads a saved login; one saved before logins carried a transport checks the default way.
    /// A token saved in clear by an older version is dropped: that login must be made again.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decode(String.self, forKey: .server)
        username = try c.decode(String.self, forKey: .username)
        login = try c.decode(LoginResponse.self, forKey: .login)
        login.token = ""
        login.escrowKey = nil
        transport = try c.decodeIfPresent(SyncTransport.self, forKey: .transport) ?? SyncTransport()
        sealedToken = try c.decodeIfPresent(Data.self, forKey: .sealedToken)
    }

    /// This login as it is written: the token sealed with `key`, the clear token and the escrow
    /// key left out.
    public func sealed(with key: ReplicaKey) throws -> SavedLogin {
        var copy = self
        copy.sealedToken = try key.seal(Data(login.token.utf8), purpose: Self.tokenPurpose)
        copy.login.token = ""
        copy.login.escrowKey = nil
        return copy
    }

    /// The access token, unsealed with the unlocked replica key; nil if it was not sealed with
    /// this key (another replica, a changed file, a login saved by an older version).
    public func token(with key: ReplicaKey) -> String? {
        guard let sealedToken, let bytes = key.open(sealedToken, purpose: Self.tokenPurpose) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// This login with its token unsealed (for `HTTPSyncServer` and the sync engine); nil as for
    /// `token(with:)`.
    public func unsealed(with key: ReplicaKey) -> SavedLogin? {
        guard let token = token(with: key) else { return nil }
        var copy = self
        copy.login.token = token
        return copy
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

    /// Writes the login atomically with permissions 0600 (the folder 0700), its token sealed
    /// with the replica's `key` (never in clear).
    public func save(_ login: SavedLogin, sealingWith key: ReplicaKey) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = try WireProtocol.makeEncoder().encode(login.sealed(with: key))
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

    /// The saved login, or nil if there is none; its token is still sealed (`SavedLogin.unsealed`).
    public func load() throws -> SavedLogin? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try WireProtocol.makeDecoder().decode(SavedLogin.self, from: Data(contentsOf: url))
    }

    /// Forgets the login.
    public func delete() throws {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    /// Where a revoked device leaves its note (`login.json.revoked`): no secret, only that it
    /// happened, so the next start says so instead of "not logged in".
    public var revokedNoteURL: URL { url.appendingPathExtension("revoked") }

    /// Forgets the login of a revoked device and leaves the note.
    public func forgetRevoked(at date: Date = Date()) throws {
        try delete()
        try Data("revoked \(ISO8601DateFormatter().string(from: date))\n".utf8).write(to: revokedNoteURL)
    }

    /// Whether the last saved login was forgotten because the device was revoked.
    public var deviceWasRevoked: Bool { FileManager.default.fileExists(atPath: revokedNoteURL.path) }

    /// Removes the note (after a new login).
    public func clearRevokedNote() {
        try? FileManager.default.removeItem(at: revokedNoteURL)
    }
}
