import Foundation
import SyncProtocol

/// `clerk login`: asks the central service for a token and stores it readable only by the user.
public enum LoginFlow {
    /// Logs `user` in at `server` (a base URL such as `https://zentrale:8443`, or
    /// `http://127.0.0.1:8080` on this machine) and saves the login with `transport` in `store`
    /// (mode 0600). Plain HTTP to another host, an untrusted certificate or a redirect throw
    /// `SyncError.notSecure` before the password leaves; wrong credentials throw
    /// `SyncError.refused` with the central service's message.
    @discardableResult
    public static func login(
        server: String, user: String, password: String, device: String, store: CredentialStore,
        transport: SyncTransport = SyncTransport()
    ) async throws(SyncError) -> SavedLogin {
        try transport.check(server)
        return try await login(
            using: HTTPSyncServer(baseURL: server, transport: transport), server: server, user: user,
            password: password, device: device, store: store, transport: transport)
    }

    /// Logs in through any `SyncServer` and saves the login for `server` with `transport`.
    @discardableResult
    public static func login(
        using connection: any SyncServer, server: String, user: String, password: String, device: String,
        store: CredentialStore, transport: SyncTransport = SyncTransport()
    ) async throws(SyncError) -> SavedLogin {
        let response = try await connection.login(
            LoginRequest(username: user, password: password, deviceID: device))
        guard response.protocolVersion == WireProtocol.version else {
            throw .badResponse(
                detail:
                    "central speaks protocol \(response.protocolVersion), this build \(WireProtocol.version)")
        }
        let saved = SavedLogin(server: server, username: user, login: response, transport: transport)
        do { try store.save(saved) } catch {
            throw .localStore(detail: "cannot save the login to \(store.url.path): \(error)")
        }
        return saved
    }
}
