import AsyncHTTPClient
import CaseModel
import Foundation
import NIOCore
import NIOSSL
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How the workstation reaches the central service: which certificates it trusts and whether
/// plain HTTP may leave the machine. Saved with the login, so every later use of that login
/// checks the server the same way.
public struct SyncTransport: Hashable, Sendable, Codable {
    /// A PEM file of the certificate authorities to trust instead of the system's trust store.
    public var caFile: String?
    /// Allows plain `http://` to a host other than this machine (for tests only: a password
    /// and the citizens' data then travel readable by anyone on the way).
    public var insecureHTTP: Bool

    public init(caFile: String? = nil, insecureHTTP: Bool = false) {
        self.caFile = caFile
        self.insecureHTTP = insecureHTTP
    }

    private enum CodingKeys: String, CodingKey {
        case caFile = "ca_file"
        case insecureHTTP = "insecure_http"
    }

    /// Refuses `baseURL` unless it is `https://`, or `http://` to this machine (127.0.0.0/8, ::1,
    /// `localhost`), or `http://` with `insecureHTTP`.
    public func check(_ baseURL: String) throws(SyncError) {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty
        else {
            throw .notSecure(
                message: .init(
                    de: "„\(baseURL)“ ist keine gültige Adresse der Zentrale (https://name:port).",
                    en: "“\(baseURL)” is not a valid address of the central service (https://name:port)."),
                detail: "invalid server URL \(baseURL)")
        }
        switch scheme {
        case "https":
            return
        case "http" where insecureHTTP || Self.isLoopback(host: host):
            return
        case "http":
            throw .notSecure(
                message: .init(
                    de:
                        "Unverschlüsselte Verbindung zu \(host) abgelehnt: Passwort und Daten wären mitlesbar. "
                        + "Bitte https:// verwenden (--insecure-http nur für Tests).",
                    en:
                        "Refused an unencrypted connection to \(host): password and data could be read on the way. "
                        + "Please use https:// (--insecure-http for testing only)."),
                detail: "plain http to \(host) refused")
        default:
            throw .notSecure(
                message: .init(
                    de: "Unbekanntes Protokoll „\(scheme)“ – die Zentrale spricht https://.",
                    en: "Unknown scheme “\(scheme)” – the central service speaks https://."),
                detail: "scheme \(scheme) refused")
        }
    }

    /// Whether `host` is this machine: `localhost`, an address in 127.0.0.0/8, or ::1.
    public static func isLoopback(host: String) -> Bool {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if name.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in
                bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
            }
        }
        return false
    }

    /// How long opening a connection to the central service may take.
    public static let connectTimeout: TimeAmount = .seconds(5)
    /// How long a connection may stay silent — no byte of the answer, or none of the request
    /// taken — before the request is given up; a service that hangs (accepts, never answers)
    /// shows as unreachable after this, so the workstation reads "offline" within 10 s.
    public static let readTimeout: TimeAmount = .seconds(6)

    /// The client's timeouts: connect, read and write.
    static var timeouts: HTTPClient.Configuration.Timeout {
        .init(connect: connectTimeout, read: readTimeout, write: readTimeout)
    }

    /// The timeouts of a login: the password check (bcrypt) may keep a busy service silent for
    /// longer than a sync request may be, so only connecting is bounded here (the request has
    /// its own deadline).
    static var loginTimeouts: HTTPClient.Configuration.Timeout {
        .init(connect: connectTimeout)
    }

    /// The HTTP client for this transport: verifies certificates (against `caFile` or the system
    /// trust store) and host names, never follows a redirect, and gives up on a connection that
    /// cannot be opened or stays silent (`connectTimeout`, `readTimeout`). One per transport and
    /// process.
    func client(forLogin: Bool = false) throws(SyncError) -> HTTPClient {
        let key = ClientKey(transport: self, forLogin: forLogin)
        if let client = Self.clients.withLock({ $0[key] }) { return client }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caFile {
            do {
                let roots = try NIOSSLCertificate.fromPEMFile(caFile)
                guard !roots.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
                tls.trustRoots = .certificates(roots)
            } catch {
                throw .notSecure(
                    message: .init(
                        de: "Die Zertifikatsdatei \(caFile) ist nicht lesbar oder enthält kein Zertifikat.",
                        en: "The certificate file \(caFile) cannot be read or holds no certificate."),
                    detail: "CA file \(caFile): \(error)")
            }
        }
        var pool = HTTPClient.Configuration.ConnectionPool()
        // A refused certificate or connection is reported at once; the sync engine has its own back-off.
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: forLogin ? Self.loginTimeouts : Self.timeouts, connectionPool: pool)
        return Self.clients.withLock { clients in
            if let existing = clients[key] { return existing }
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    /// The clients made so far; they live as long as the process, like `HTTPClient.shared`.
    private static let clients = Mutex<[ClientKey: HTTPClient]>([:])

    /// One client per transport and kind of request.
    struct ClientKey: Hashable {
        var transport: SyncTransport
        var forLogin: Bool
    }
}
