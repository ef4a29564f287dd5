import CaseModel
import CentralService
import Crypto
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Synchronization
import Testing
import X509

#if canImport(Glibc)
    import Glibc
#endif

/// A certificate authority and a server certificate for `localhost` it signed, made in-process,
/// written as PEM files into a fresh folder.
struct TestCertificates {
    let folder: URL
    var caFile: String { folder.appendingPathComponent("ca.pem").path }
    var certificateFile: String { folder.appendingPathComponent("server.pem").path }
    var keyFile: String { folder.appendingPathComponent("server-key.pem").path }

    init() throws {
        folder = try World.temporaryDirectory("tls")
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("Clerk Test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName,
            subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames([.dnsName("localhost")])
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(caKey))
        try ca.serializeAsPEM().pemString.write(toFile: caFile, atomically: true, encoding: .utf8)
        try server.serializeAsPEM().pemString.write(
            toFile: certificateFile, atomically: true, encoding: .utf8)
        try serverKey.pemRepresentation.write(toFile: keyFile, atomically: true, encoding: .utf8)
    }
}

@Suite("Transport security: TLS, plain HTTP, redirects")
struct TransportSecurityTests {
    static let cheap = LoginTests.cheap
    static func replica(_ store: CredentialStore) -> String { LoginTests.replica(store) }

    /// The port of a central service's base URL.
    static func port(_ url: String) throws -> Int { try #require(URL(string: url)?.port) }

    @Test("over TLS the workstation logs in and pulls with the CA of the login, and refuses without it")
    func tlsWithTheLoginsCA() async throws {
        let certificates = try TestCertificates()
        defer { try? FileManager.default.removeItem(at: certificates.folder) }
        try await withCentral(
            configure: {
                $0.tlsCertificatePath = certificates.certificateFile
                $0.tlsKeyPath = certificates.keyFile
            }
        ) { central in
            let port = try Self.port(central.url)
            let https = "https://localhost:\(port)"
            let store = CredentialStore(url: certificates.folder.appendingPathComponent("login.json"))
            let saved = try await LoginFlow.login(
                server: https, user: "anna", password: World.password, device: "ws-1", store: store,
                replicaPath: Self.replica(store), transport: SyncTransport(caFile: certificates.caFile),
                cost: Self.cheap
            ).saved
            let reloaded = try #require(try store.load())
            #expect(reloaded.transport == SyncTransport(caFile: certificates.caFile))
            let page = try await HTTPSyncServer(saved: reloaded).pull(
                after: 0, limit: 10, token: saved.login.token)
            #expect(page.changes.isEmpty)
            #expect(!page.hasMore)

            // The system trust store does not know the test CA: unknown issuer.
            await #expect(throws: SyncError.self) {
                try await HTTPSyncServer(baseURL: https).pull(after: 0, limit: 10, token: saved.login.token)
            }
            let unknownIssuer = await Self.error {
                try await LoginFlow.login(
                    server: https, user: "anna", password: World.password, device: "ws-1", store: store,
                    replicaPath: Self.replica(store), cost: Self.cheap)
            }
            #expect(Self.isNotSecure(unknownIssuer), "\(String(describing: unknownIssuer))")
            // The certificate names localhost, not 127.0.0.1: wrong host name.
            let wrongHost = await Self.error {
                try await HTTPSyncServer(
                    baseURL: "https://127.0.0.1:\(port)",
                    transport: SyncTransport(caFile: certificates.caFile)
                ).pull(after: 0, limit: 10, token: saved.login.token)
            }
            #expect(Self.isNotSecure(wrongHost), "\(String(describing: wrongHost))")
            // Plain HTTP to a TLS port gets no answer a client could take for the service's.
            let plain = await Self.error {
                try await HTTPSyncServer(baseURL: "http://127.0.0.1:\(port)").pull(
                    after: 0, limit: 10, token: saved.login.token)
            }
            #expect(plain != nil)
            // The login saved earlier is still the one with the CA.
            #expect(try store.load()?.transport.caFile == certificates.caFile)
        }
    }

    @Test("plain http:// leaves this machine only when told to, and then for real")
    func plainHTTPOnlyToLoopback() async throws {
        let requests = Mutex(0)
        let server = try await GarbageServer.start(host: "0.0.0.0") { _ in
            requests.withLock { $0 += 1 }
            return GarbageServer.response(
                status: "401 Unauthorized",
                body: #"{"code":"invalid_credentials","message":{"de":"x","en":"x"}}"#)
        }
        defer { Task { try? await server.stop() } }
        let folder = try World.temporaryDirectory("plain-http")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CredentialStore(url: folder.appendingPathComponent("login.json"))
        let address = Self.nonLoopbackIPv4() ?? "10.255.255.1"
        let remote = "http://\(address):\(server.port)"

        let refused = await Self.error {
            try await LoginFlow.login(
                server: remote, user: "anna", password: "secret", device: "ws-1", store: store,
                replicaPath: Self.replica(store), cost: Self.cheap)
        }
        #expect(Self.isNotSecure(refused), "\(String(describing: refused))")
        #expect(refused?.message.de.contains("Unverschlüsselte Verbindung") == true)
        #expect(refused?.message.en.contains("unencrypted") == true)
        let direct = await Self.error {
            try await HTTPSyncServer(baseURL: remote).login(
                LoginRequest(username: "anna", password: "secret", deviceID: "ws-1"))
        }
        #expect(Self.isNotSecure(direct))
        #expect(requests.withLock { $0 } == 0, "the password went out in clear")
        #expect(try store.load() == nil)

        for loopback in ["http://127.0.0.1:\(server.port)", "http://localhost:\(server.port)"] {
            let answer = await Self.error {
                try await HTTPSyncServer(baseURL: loopback).login(
                    LoginRequest(username: "anna", password: "secret", deviceID: "ws-1"))
            }
            #expect(!Self.isNotSecure(answer), "\(loopback): \(String(describing: answer))")
        }
        let before = requests.withLock { $0 }
        #expect(before == 2)

        if Self.nonLoopbackIPv4() != nil {
            // With --insecure-http the same request does go out (so the check above is what held it).
            _ = await Self.error {
                try await HTTPSyncServer(baseURL: remote, transport: SyncTransport(insecureHTTP: true)).login(
                    LoginRequest(username: "anna", password: "secret", deviceID: "ws-1"))
            }
            #expect(requests.withLock { $0 } == before + 1)
        }
        #expect(SyncTransport.isLoopback(host: "127.8.9.10"))
        #expect(SyncTransport.isLoopback(host: "[::1]"))
        #expect(SyncTransport.isLoopback(host: "::1"))
        #expect(!SyncTransport.isLoopback(host: "128.0.0.1"))
        #expect(!SyncTransport.isLoopback(host: "localhost.example.org"))
        #expect(!SyncTransport.isLoopback(host: "::2"))
    }

    @Test("a redirect is never followed, not for the login and not for a pull")
    func redirectsAreNotFollowed() async throws {
        let reached = Mutex<[String]>([])
        let target = try await GarbageServer.start { head in
            reached.withLock { $0.append(head) }
            return GarbageServer.response(
                body:
                    #"{"changes":[],"next_cursor":0,"has_more":false,"store_id":"5D0C9A52-1A4B-4C55-9E0A-3C2B1D4E5F60","head":0}"#
            )
        }
        let redirector = try await GarbageServer.start { head in
            let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let answer =
                "HTTP/1.1 302 Found\r\nLocation: \(target.url)\(path)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            return Array(answer.utf8)
        }
        let server = HTTPSyncServer(baseURL: redirector.url, timeoutSeconds: 5)
        let login = await Self.error {
            try await server.login(LoginRequest(username: "anna", password: "secret", deviceID: "ws-1"))
        }
        let pull = await Self.error { try await server.pull(after: 0, limit: 10, token: "t") }
        for error in [login, pull] {
            #expect(Self.isNotSecure(error), "\(String(describing: error))")
            #expect(error?.detail.contains("302") == true)
        }
        #expect(reached.withLock { $0 }.isEmpty, "the redirect was followed")
        try await target.stop()
        try await redirector.stop()
    }

    /// The error `body` throws, or nil.
    static func error(_ body: () async throws -> some Any) async -> SyncError? {
        do {
            _ = try await body()
            return nil
        } catch let error as SyncError {
            return error
        } catch {
            return .localStore(detail: "not a SyncError: \(error)")
        }
    }

    static func isNotSecure(_ error: SyncError?) -> Bool {
        if case .notSecure = error { return true }
        return false
    }

    /// An IPv4 address of this machine outside 127.0.0.0/8, if it has one.
    static func nonLoopbackIPv4() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        var entry: UnsafeMutablePointer<ifaddrs>? = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET)
            else {
                continue
            }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0,
                    NI_NUMERICHOST) == 0
            else { continue }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !SyncTransport.isLoopback(host: text) { return text }
        }
        return nil
    }
}
