import CaseModel
import Foundation
import Logging
import OfflineStore
import ServiceCatalog
import SyncClient
import SyncProtocol

/// The workstation of a clerk logged in at a central service (`clerk login`, then `clerk`): the
/// clerk's own replica for that server, the service catalogue the replica keeps, and the sync
/// with the saved login.
public enum ConnectedWorkstation {
    /// Where a clerk's replica for a server lives:
    /// `<data>/clerk/replicas/<server>/<clerk>.sqlite`, one per server and clerk, so a clerk who
    /// works for two services, or two clerks on one account, never mix cases.
    public static func replicaURL(server: String, username: String, folders: UserFolders = UserFolders())
        -> URL
    {
        folders.data.appendingPathComponent("clerk").appendingPathComponent("replicas")
            .appendingPathComponent(serverFolderName(server))
            .appendingPathComponent(fileSafe(username) + ".sqlite")
    }

    /// A folder name for a server: its readable address and a hash of the whole base URL, so two
    /// URLs that read alike after cleaning never share a folder.
    static func serverFolderName(_ server: String) -> String {
        let normalized = normalizedServer(server)
        let readable = normalized.replacingOccurrences(of: "://", with: "-")
        return fileSafe(readable) + "-" + fnv1a(normalized)
    }

    /// The base URL with its scheme and host in lower case and without a trailing slash.
    static func normalizedServer(_ server: String) -> String {
        var text = server.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard var components = URLComponents(string: text) else { return text }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        return components.string ?? text
    }

    /// Whether two base URLs name the same central service.
    public static func sameServer(_ a: String, _ b: String) -> Bool {
        normalizedServer(a) == normalizedServer(b)
    }

    /// Letters, digits, `.`, `-` and `_` kept; everything else as `_`; never empty or a dot name.
    static func fileSafe(_ text: String) -> String {
        let kept = String(
            text.unicodeScalars.map { scalar -> Character in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
        guard !kept.isEmpty, kept.contains(where: { $0 != "." }) else { return "_" + kept }
        return String(kept.prefix(100))
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8, as 16 hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The services of the catalogue the replica keeps (the newest version of each).
    ///
    /// A stored definition that no longer loads is reported in `problems` and left out.
    public static func storedServices(in replica: Replica) throws -> CatalogLoadResult {
        var services: [ServiceDefinition] = []
        var problems: [CatalogProblem] = []
        for definition in try replica.latestCatalogDefinitions() {
            let result = CatalogLoader.load(yaml: definition.text, file: definition.serviceID)
            services += result.services
            problems += result.problems
        }
        return CatalogLoadResult(services: services, problems: problems)
    }

    /// Fetches the central service's catalogue and keeps every definition that loads in the
    /// replica; returns how many services it has. Definitions that do not load are not kept
    /// (the ones kept before stay).
    @discardableResult
    public static func fetchCatalogue(
        from server: any SyncServer, token: String, into replica: Replica, logger: Logger
    ) async throws(SyncError) -> Int {
        let response = try await server.catalog(token: token)
        var kept = 0
        for entry in response.services.values.sorted(by: { $0.serviceID < $1.serviceID }) {
            let loaded = CatalogLoader.load(yaml: entry.source, file: entry.serviceID)
            guard loaded.problems.isEmpty, loaded.services.count == 1,
                loaded.services[0].id == entry.serviceID
            else {
                logger.warning(
                    "catalogue entry does not load", metadata: ["service": "\(entry.serviceID)"])
                continue
            }
            do {
                try replica.storeCatalogDefinition(
                    serviceID: entry.serviceID, version: entry.version, text: entry.source)
            } catch {
                throw .localStore(detail: "cannot keep the catalogue: \(error)")
            }
            kept += 1
        }
        return kept
    }

    /// Opens (or creates) the clerk's replica for the saved login and makes sure it has the
    /// service catalogue: the stored one, or — on the first start — the central service's,
    /// waiting at most `catalogueWait` for it.
    ///
    /// Nothing waits for a sync: the workstation starts on what the replica has, and the sync
    /// runs in the background. `key` opens a sealed replica (see `WorkstationUnlock`).
    public static func openReplica(
        for saved: SavedLogin, at url: URL, key: ReplicaKey?, server: any SyncServer, catalogueWait: Duration,
        logger: Logger
    ) async throws -> (replica: Replica, services: [ServiceDefinition]) {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let bare = try Replica.open(path: url.path, key: key)
        var stored = try storedServices(in: bare)
        if stored.services.isEmpty {
            do {
                try await withDeadline(catalogueWait) {
                    try await fetchCatalogue(
                        from: server, token: saved.login.token, into: bare, logger: logger)
                }
            } catch {
                try? bare.close()
                throw ConnectedStartError.noCatalogue(error)
            }
            stored = try storedServices(in: bare)
        }
        try bare.close()
        guard !stored.services.isEmpty else {
            throw ConnectedStartError.noCatalogue(
                SyncError.badResponse(detail: "the catalogue has no service"))
        }
        let services = Catalog(services: stored.services).latest
        return (try Replica.open(path: url.path, services: services, key: key), services)
    }

    /// The sync of a saved login: an engine on `replica`, a re-login (after the token expired
    /// or was revoked) that saves the new token in `credentials` sealed with the replica's key,
    /// and — when the central service refuses the device — the wipe (`forgetRevokedDevice`).
    public static func sync(
        saved: SavedLogin, server: any SyncServer, replica: Replica, replicaPath: String,
        credentials: CredentialStore, device: String, logger: Logger, cost: ScryptCost = .standard
    ) -> WorkstationSync {
        let engine = SyncEngine(
            replica: replica, server: server, token: saved.login.token, deviceID: device, logger: logger)
        let relogin: @Sendable (String) async throws(SyncError) -> String = { password in
            try await LoginFlow.login(
                using: server, server: saved.server, user: saved.username, password: password, device: device,
                store: credentials, replicaPath: replicaPath, transport: saved.transport, cost: cost
            ).saved.login.token
        }
        return WorkstationSync(
            engine: engine, relogin: relogin,
            onDeviceRevoked: {
                logger.warning("device revoked by the central service; replica key and saved login deleted")
                forgetRevokedDevice(replicaPath: replicaPath, credentials: credentials)
            })
    }

    /// What a revoked device does (`device_revoked` from the central service): the replica's key
    /// file is overwritten and deleted — the sealed replica can no longer be opened, its unsent
    /// changes are lost — and the saved login is replaced by a note, so the next start says why.
    public static func forgetRevokedDevice(replicaPath: String, credentials: CredentialStore) {
        _ = try? ReplicaKeyFile.wipe(forReplica: replicaPath)
        try? credentials.forgetRevoked()
    }

    /// Unlocks the clerk's replica key with the password and unseals the saved login's token.
    public static func unlock(saved: SavedLogin, replicaPath: String, password: String)
        throws(ConnectedStartError)
        -> (keyFile: ReplicaKeyFile, login: SavedLogin)
    {
        let keyFile: ReplicaKeyFile
        do {
            keyFile = try ReplicaKeyFile.unlock(forReplica: replicaPath, password: password)
        } catch let error as ReplicaError {
            throw .locked(error)
        } catch {
            throw .locked(.sealed(.keyFileUnreadable(keyFile: replicaPath + ".key", detail: "\(error)")))
        }
        guard let login = saved.unsealed(with: keyFile.key) else { throw .loginUnreadable }
        return (keyFile, login)
    }

    /// Makes sure the replica may show cases: its last contact with the central service is within
    /// the offline limit, or — if not — an authenticated call to the central service succeeds now
    /// (a one-case pull, at most `wait`), which is then recorded as the new contact.
    public static func checkRecentContact(
        replica: Replica, login: SavedLogin, server: any SyncServer, now: Date, wait: Duration
    ) async throws(ConnectedStartError) {
        let contact: CentralContact
        do { contact = try replica.centralContact() } catch { throw .noCatalogue(error) }
        if contact.allowsCases(at: now) { return }
        let cursor = (try? replica.syncState().cursor) ?? 0
        let token = login.login.token
        do {
            let page = try await withDeadline(wait) {
                try await server.pull(after: cursor, limit: 1, token: token)
            }
            try replica.recordCentralContact(at: now, offlineLimitSeconds: page.offlineLimitSeconds)
        } catch SyncError.deviceRevoked {
            throw .deviceRevoked
        } catch {
            throw .offlineTooLong(contact)
        }
    }

    /// The services the clerk's org units offer: the ones whose cases reach this replica and
    /// that the clerk may open cases of.
    public static func ownServices(_ services: [ServiceDefinition], of login: LoginResponse)
        -> [ServiceDefinition]
    {
        services.filter { login.orgUnits.contains($0.orgUnit.id) }
    }

    /// The clerk as the central service knows them: login, name, first role and org units (the
    /// first one's name, and how many more).
    public static func identity(
        _ login: LoginResponse, services: [ServiceDefinition], language: Language, device: String
    ) -> ClerkIdentity {
        var orgUnit = ""
        if let first = login.orgUnits.first {
            let name = services.first { $0.orgUnit.id == first }?.orgUnit.name.text(language) ?? first
            orgUnit = login.orgUnits.count > 1 ? "\(name) +\(login.orgUnits.count - 1)" : name
        }
        return ClerkIdentity(
            id: login.clerkID, displayName: login.name, orgUnit: orgUnit, role: login.roles.first ?? .counter,
            device: device)
    }

    /// Runs `body`, or throws `SyncError.unreachable` once `limit` has passed.
    static func withDeadline<T: Sendable>(
        _ limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw SyncError.unreachable(detail: "no answer within \(limit)")
            }
            return value
        }
    }
}

/// Why the connected workstation cannot start.
public enum ConnectedStartError: Error, CustomStringConvertible {
    /// The replica has no catalogue yet and the central service did not give one.
    case noCatalogue(any Error)
    /// No service of the catalogue belongs to the clerk's org units.
    case noOwnService(orgUnits: [String])
    /// The replica's key file did not open (wrong password, missing or unreadable file).
    case locked(ReplicaError)
    /// The saved login's token is not sealed with this replica's key (saved by an older version,
    /// or changed).
    case loginUnreadable
    /// The replica has no key file (`clerk login` makes it).
    case noKeyFile
    /// The last contact with the central service is older than the offline limit, and the
    /// central service could not be reached now.
    case offlineTooLong(CentralContact)
    /// The central service refused this device.
    case deviceRevoked

    public var message: LocalizedText {
        switch self {
        case .noCatalogue(let error):
            let reason = (error as? SyncError)?.message ?? LocalizedText(de: "\(error)", en: "\(error)")
            return LocalizedText(
                de: "Dieser Arbeitsplatz hat noch keinen Leistungskatalog, und die Zentrale hat ihn nicht "
                    + "geliefert (\(reason.de)). Bitte bei bestehender Verbindung erneut starten.",
                en: "This workstation has no service catalogue yet, and the central service did not send it "
                    + "(\(reason.en)). Please start again while connected.")
        case .noOwnService(let units):
            let list = units.isEmpty ? "–" : units.joined(separator: ", ")
            return LocalizedText(
                de: "Keine Leistung des Katalogs gehört zu Ihren Organisationseinheiten (\(list)). "
                    + "Bitte die Administration, Ihnen die richtige Einheit zuzuordnen.",
                en: "No service of the catalogue belongs to your org units (\(list)). "
                    + "Please ask the administrators to assign you the right unit.")
        case .locked(let error):
            return error.message
        case .loginUnreadable:
            return LocalizedText(
                de:
                    "Die gespeicherte Anmeldung passt nicht zu diesem Replikat. Bitte neu anmelden: clerk login",
                en: "The saved login does not match this replica. Please log in again: clerk login")
        case .noKeyFile:
            return LocalizedText(
                de:
                    "Für das Replikat dieser Anmeldung gibt es keinen Schlüssel. Bitte neu anmelden: clerk login",
                en: "There is no key for this login's replica. Please log in again: clerk login")
        case .offlineTooLong(let contact):
            let days = (contact.offlineLimitSeconds ?? CentralContact.defaultOfflineLimitSeconds) / 86400
            let since = contact.lastContact.map { Formatting.dateTime($0) } ?? "–"
            return LocalizedText(
                de: "Dieser Arbeitsplatz war länger als \(days) Tage nicht mit der Zentrale verbunden "
                    + "(zuletzt: \(since)). Die Vorgänge werden erst wieder angezeigt, wenn die Zentrale erreichbar "
                    + "ist – bitte mit dem Netz verbinden und erneut starten. Es geht nichts verloren.",
                en: "This workstation has not been in contact with the central service for more than \(days) "
                    + "days (last: \(since)). Cases are shown again once the central service can be reached – "
                    + "please connect to the network and start again. Nothing is lost.")
        case .deviceRevoked:
            return SyncError.deviceRevokedMessage
        }
    }

    public var description: String { message.de }
}
