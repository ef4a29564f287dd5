import CaseModel
import Foundation
import OfflineStore
import SyncProtocol

/// `clerk login`: asks the central service for a token, makes or opens the replica's key file
/// with the password (and the escrow key the service gives), and stores the login with the token
/// sealed by the replica's key.
public enum LoginFlow {
    /// What a login leaves: the saved login (its token in clear, in memory only) and the
    /// replica's unlocked key file.
    public struct Outcome: Sendable {
        public var saved: SavedLogin
        public var keyFile: ReplicaKeyFile
        /// Whether the key file was rewrapped for a new password with the escrow key (the
        /// password was reset at the central service).
        public var rewrapped: Bool
    }

    /// Logs `user` in at `server` (a base URL such as `https://zentrale:8443`, or
    /// `http://127.0.0.1:8080` on this machine) and saves the login with `transport` in `store`
    /// (mode 0600). Plain HTTP to another host, an untrusted certificate or a redirect throw
    /// `SyncError.notSecure` before the password leaves; wrong credentials throw
    /// `SyncError.refused` with the central service's message.
    @discardableResult
    public static func login(
        server: String, user: String, password: String, device: String, store: CredentialStore,
        replicaPath: String, transport: SyncTransport = SyncTransport(), cost: ScryptCost = .standard
    ) async throws(SyncError) -> Outcome {
        try transport.check(server)
        return try await login(
            using: HTTPSyncServer(baseURL: server, transport: transport), server: server, user: user,
            password: password, device: device, store: store, replicaPath: replicaPath, transport: transport,
            cost: cost)
    }

    /// Logs in through any `SyncServer` and saves the login for `server` with `transport`.
    ///
    /// The replica's key file (`replicaPath` + `.key`) is created if there is none, wrapped by the
    /// password and the escrow key; if it exists and the password opens it, its escrow slot is
    /// renewed; if the password does not open it (reset at the central service), the escrow key
    /// opens it and it is rewrapped for the new password — the replica itself is not touched.
    @discardableResult
    public static func login(
        using connection: any SyncServer, server: String, user: String, password: String, device: String,
        store: CredentialStore, replicaPath: String, transport: SyncTransport = SyncTransport(),
        cost: ScryptCost = .standard
    ) async throws(SyncError) -> Outcome {
        let response: LoginResponse
        do {
            response = try await connection.login(
                LoginRequest(username: user, password: password, deviceID: device))
        } catch .deviceRevoked {
            // This device was revoked: its replica's key goes, and with it the replica.
            _ = try? ReplicaKeyFile.wipe(forReplica: replicaPath)
            try? store.forgetRevoked()
            throw .deviceRevoked
        }
        guard response.protocolVersion == WireProtocol.version else {
            throw .badResponse(
                detail:
                    "central speaks protocol \(response.protocolVersion), this build \(WireProtocol.version)")
        }
        let escrow = response.escrowKey.flatMap(ReplicaEscrowKey.init(base64:))
        if response.escrowKey != nil, escrow == nil {
            throw .badResponse(detail: "the escrow key is not 32 bytes of base64")
        }
        let (keyFile, rewrapped) = try unlockOrCreate(
            replicaPath: replicaPath, password: password, escrow: escrow, cost: cost)
        var kept = response
        kept.escrowKey = nil
        let saved = SavedLogin(server: server, username: user, login: kept, transport: transport)
        do { try store.save(saved, sealingWith: keyFile.key) } catch {
            throw .localStore(detail: "cannot save the login to \(store.url.path): \(error)")
        }
        store.clearRevokedNote()
        return Outcome(saved: saved, keyFile: keyFile, rewrapped: rewrapped)
    }

    /// The replica's key file, unlocked with the password — created, renewed or rewrapped as
    /// `login` describes.
    static func unlockOrCreate(
        replicaPath: String, password: String, escrow: ReplicaEscrowKey?, cost: ScryptCost
    ) throws(SyncError) -> (ReplicaKeyFile, rewrapped: Bool) {
        let keyPath = ReplicaKeyFile.path(forReplica: replicaPath)
        do {
            guard FileManager.default.fileExists(atPath: keyPath) else {
                let plain = try plainReplicaToSeal(at: replicaPath)
                let created =
                    try escrow.map {
                        try ReplicaKeyFile.create(
                            forReplica: replicaPath, password: password, escrowKey: $0, cost: cost)
                    } ?? ReplicaKeyFile.create(forReplica: replicaPath, password: password, cost: cost)
                if plain {
                    // A replica from before replicas were sealed, with whatever it holds (unsent
                    // changes, drafts): sealed in place under the new key. If that fails the key
                    // file goes again, so the next login finds things as they were.
                    do { try Replica.seal(plainAt: replicaPath, key: created.key) } catch {
                        try? FileManager.default.removeItem(atPath: keyPath)
                        throw error
                    }
                }
                return (created, false)
            }
            do {
                let opened = try ReplicaKeyFile.unlock(forReplica: replicaPath, password: password)
                return (try escrow.map { try opened.settingEscrow($0) } ?? opened, false)
            } catch ReplicaError.sealed(.wrongPassword) {
                guard let escrow else { throw ReplicaError.sealed(.wrongPassword(keyFile: keyPath)) }
                let recovered = try ReplicaKeyFile.unlock(forReplica: replicaPath, escrowKey: escrow)
                return (try recovered.rewrap(newPassword: password), true)
            }
        } catch let error as SyncError {
            throw error
        } catch let error as ReplicaError {
            throw .replicaKey(message: keyMessage(error), detail: "\(error)")
        } catch {
            throw .replicaKey(message: keyMessage(error), detail: "\(error)")
        }
    }

    /// What the clerk reads when the key file cannot be made or opened at login.
    static func keyMessage(_ error: any Error) -> LocalizedText {
        switch error as? ReplicaError {
        case .sealed(.wrongPassword), .sealed(.wrongEscrowKey), .sealed(.noEscrowSlot):
            LocalizedText(
                de:
                    "Die Anmeldung ist gelungen, aber der Schlüssel des Replikats lässt sich weder mit diesem "
                    + "Passwort noch mit dem Wiederherstellungsschlüssel der Zentrale öffnen. Bitte die "
                    + "Administration verständigen; der Zugang wurde nicht gespeichert.",
                en: "The login worked, but the replica's key opens neither with this password nor with the "
                    + "central service's recovery key. Please tell the administrators; the login was not saved."
            )
        case .some(let replicaError):
            replicaError.message
        case nil:
            LocalizedText(
                de: "Der Schlüssel des Replikats ließ sich nicht anlegen: \(error)",
                en: "The replica's key could not be made: \(error)")
        }
    }

    /// Whether a plain replica (made before replicas were sealed) is at `replicaPath`, to be sealed
    /// once its key file exists. A sealed replica without its key file can never be read again,
    /// nor can a file there that is no replica: either is deleted, and a new one is pulled.
    static func plainReplicaToSeal(at replicaPath: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: replicaPath) else { return false }
        do {
            try Replica.open(path: replicaPath).close()
            return true
        } catch ReplicaError.sealed(.passwordNeeded), ReplicaError.notAReplica {
            try removeReplicaFiles(at: replicaPath)
            return false
        }
    }

    /// Deletes a replica's database, log and shared-memory files.
    static func removeReplicaFiles(at replicaPath: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: replicaPath + suffix)
        {
            try FileManager.default.removeItem(atPath: replicaPath + suffix)
        }
    }
}
