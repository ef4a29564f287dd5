import AsyncHTTPClient
import CaseModel
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SyncProtocol

/// The central service over HTTPS (or HTTP on this machine), JSON, as `clerk-central serve`
/// offers it.
///
/// Every request is checked first: plain `http://` goes only to this machine unless the
/// transport allows it, certificates are verified (against the transport's CA file or the
/// system trust store) with the host name, and a redirect is never followed — so a password is
/// never sent in clear to another host, nor anywhere the server did not name itself.
public struct HTTPSyncServer: SyncServer {
    public let baseURL: String
    /// Which certificates are trusted and whether plain HTTP may leave the machine.
    public let transport: SyncTransport
    /// A pool of its own (e.g. for many simulated clerks), else the transport's shared client.
    let connections: SyncConnections?
    let timeout: TimeAmount
    /// The largest answer accepted; a larger one is refused with `SyncError.tooLarge` (by its
    /// `Content-Length` before it is read, else as soon as it grows past the limit).
    public let maxResponseBytes: Int

    /// The request header that names the wire protocol version this client speaks.
    public static let versionHeader = "Clerk-Protocol-Version"

    /// The largest answer a workstation takes by default: 64 MiB. A pull page of the central
    /// service holds at most 4 MiB past its first case (`max_pull_bytes`), and one case is far
    /// below this, so only a misconfigured or broken service sends more; the sync engine then asks
    /// for fewer cases.
    public static let defaultMaxResponseBytes = 64 << 20

    /// How long `checkReachable()` waits for the central service's answer.
    public static let reachabilityTimeout: TimeAmount = .seconds(4)

    /// Talks to `baseURL` (e.g. `https://zentrale.muenchen.de:8443`, or `http://127.0.0.1:8080`
    /// on this machine) with the checks of `transport`.
    public init(
        baseURL: String, transport: SyncTransport = SyncTransport(), timeoutSeconds: Int64 = 30,
        maxResponseBytes: Int = HTTPSyncServer.defaultMaxResponseBytes
    ) {
        self.init(
            baseURL: baseURL, transport: transport, connections: nil, timeoutSeconds: timeoutSeconds,
            maxResponseBytes: maxResponseBytes)
    }

    /// Talks to `baseURL` through the connections of `connections` (e.g. many simulated clerks).
    public init(
        baseURL: String, connections: SyncConnections, timeoutSeconds: Int64 = 30,
        maxResponseBytes: Int = HTTPSyncServer.defaultMaxResponseBytes
    ) {
        self.init(
            baseURL: baseURL, transport: connections.transport, connections: connections,
            timeoutSeconds: timeoutSeconds, maxResponseBytes: maxResponseBytes)
    }

    /// Talks to the server of a saved login, checking it the way the login did.
    public init(saved: SavedLogin, timeoutSeconds: Int64 = 30) {
        self.init(baseURL: saved.server, transport: saved.transport, timeoutSeconds: timeoutSeconds)
    }

    init(
        baseURL: String, transport: SyncTransport, connections: SyncConnections?, timeoutSeconds: Int64,
        maxResponseBytes: Int
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
        self.connections = connections
        self.timeout = .seconds(timeoutSeconds)
        self.maxResponseBytes = maxResponseBytes
    }

    /// How long a login may take: the service checks the password with bcrypt, which a busy
    /// service may take seconds for; nothing else waits on it.
    public static let loginTimeout: TimeAmount = .seconds(60)

    public func login(_ request: LoginRequest) async throws(SyncError) -> LoginResponse {
        try await send(
            .POST, "/v1/auth/login", body: request, token: nil, timeout: Self.loginTimeout, forLogin: true)
    }

    public func logout(token: String) async throws(SyncError) {
        let _: Empty = try await send(.POST, "/v1/auth/logout", body: Empty?.none, token: token)
    }

    public func push(_ request: PushRequest, token: String) async throws(SyncError) -> PushResponse {
        let response: PushResponse = try await send(.POST, "/v1/sync/push", body: request, token: token)
        guard response.results.map(\.operationID) == request.operations.map(\.id) else {
            throw .badResponse(detail: "push answer does not match the operations sent")
        }
        return response
    }

    public func pull(after cursor: Int64, limit: Int, token: String) async throws(SyncError) -> PullResponse {
        try await send(.GET, "/v1/sync/pull?after=\(cursor)&limit=\(limit)", body: Empty?.none, token: token)
    }

    public func catalog(token: String) async throws(SyncError) -> CatalogResponse {
        try await send(.GET, "/v1/catalog", body: Empty?.none, token: token)
    }

    /// `GET /health`, waiting at most `reachabilityTimeout`.
    public func checkReachable() async throws(SyncError) {
        let health: Health = try await send(
            .GET, "/health", body: Empty?.none, token: nil, timeout: Self.reachabilityTimeout)
        guard health.status == "ok" else {
            throw .serverFailure(status: 200, detail: "health status \(LogLine.quote(health.status))")
        }
    }

    struct Empty: Codable {}

    /// The body of `GET /health` (the part the client reads).
    struct Health: Decodable {
        var status: String
    }

    /// Sends one request and decodes the answer. The answer's head must arrive within `timeout`
    /// (the request's own by default); the transport's client gives up on a connection that
    /// cannot be opened, or that sends nothing for a while (`SyncTransport.readTimeout`), so a
    /// service that hangs is reported as unreachable within seconds.
    func send<Body: Encodable, Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, token: String?, timeout: TimeAmount? = nil,
        forLogin: Bool = false
    ) async throws(SyncError) -> Answer {
        try transport.check(baseURL)
        let client: HTTPClient
        if let connections {
            client = connections.client
        } else {
            client = try transport.client(forLogin: forLogin)
        }
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: Self.versionHeader, value: String(WireProtocol.version))
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            let data: Data
            do { data = try WireProtocol.makeEncoder().encode(body) } catch {
                throw .badResponse(detail: "could not encode request: \(error)")
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: timeout ?? self.timeout)
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: maxResponseBytes, detail: "\(method) \(path)")
        } catch let error where Self.isCertificateProblem(error) {
            throw .notSecure(
                message: .init(
                    de:
                        "Das Zertifikat der Zentrale ist nicht vertrauenswürdig oder nicht für \(Self.host(baseURL)) "
                        + "ausgestellt – es wurde nichts gesendet.",
                    en:
                        "The central service's certificate is not trusted or not issued for \(Self.host(baseURL)) "
                        + "– nothing was sent."),
                detail: "\(method) \(path): TLS: \(error)")
        } catch let error as HTTPClientError where Self.isCutOff(error) {
            throw .badResponse(detail: "\(method) \(path): answer cut off (\(error))")
        } catch {
            throw .unreachable(detail: "\(method) \(path): \(error)")
        }
        let data = Data(bytes.readableBytesView)
        switch status {
        case 300..<400:
            throw .notSecure(
                message: .init(
                    de:
                        "Die Zentrale hat auf eine andere Adresse umgeleitet – der Umleitung wird nicht gefolgt.",
                    en: "The central service redirected to another address – the redirect is not followed."),
                detail: "\(method) \(path): HTTP \(status) redirect not followed")
        case 200..<300:
            if Answer.self == Empty.self, let empty = Empty() as? Answer { return empty }
            do { return try WireProtocol.makeDecoder().decode(Answer.self, from: data) } catch {
                throw .badResponse(detail: "\(method) \(path): \(error)")
            }
        case 401:
            if let body = try? WireProtocol.makeDecoder().decode(ErrorBody.self, from: data),
                body.code == "invalid_credentials"
            {
                throw .refused(status: status, code: body.code, message: body.message)
            }
            throw .unauthorized(detail: Self.describe(data))
        case 400..<500:
            if let body = try? WireProtocol.makeDecoder().decode(ErrorBody.self, from: data) {
                if body.code == "device_revoked" { throw .deviceRevoked }
                throw .refused(status: status, code: body.code, message: body.message)
            }
            throw .badResponse(detail: "HTTP \(status) without an error body: \(Self.describe(data))")
        default:
            throw .serverFailure(status: status, detail: Self.describe(data))
        }
    }

    /// Whether `error` is a refused certificate (unknown issuer, wrong host name, expired, …).
    static func isCertificateProblem(_ error: any Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError
    }

    /// The host part of `url`, for messages.
    static func host(_ url: String) -> String { URL(string: url)?.host ?? url }

    /// Whether the connection ended in the middle of an answer (as opposed to no answer at all).
    static func isCutOff(_ error: HTTPClientError) -> Bool {
        error == .remoteConnectionClosed || "\(error)".contains("invalidEOFState")
    }

    static func describe(_ data: Data) -> String {
        String(decoding: data.prefix(300), as: UTF8.self)
    }
}

/// A pool of HTTP connections for `HTTPSyncServer`s that need their own (e.g. a load test with
/// many clerks); shut it down when done.
public final class SyncConnections: Sendable {
    let client: HTTPClient
    let transport: SyncTransport

    /// A pool with at most `maxConnections` concurrent connections per host; it trusts the
    /// system's certificate authorities and never follows a redirect.
    public init(maxConnections: Int) {
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: TLSConfiguration.makeClientConfiguration(), redirectConfiguration: .disallow,
            timeout: SyncTransport.timeouts,
            connectionPool: .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnections))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.transport = SyncTransport()
    }

    /// Closes every connection.
    public func shutdown() async throws { try await client.shutdown() }
}
