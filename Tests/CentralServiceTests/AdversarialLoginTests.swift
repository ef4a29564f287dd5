import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SyncProtocol
import Synchronization
import Testing

/// Attacks on the login, over real HTTP against both stores: guessing passwords (in sequence,
/// in parallel, sprayed over user names), passwords that bcrypt alone would cut, disabled
/// clerks and tokens that outlive the rights they were issued for.
@Suite("Adversarial: logins and clerks")
struct AdversarialLoginTests {
    /// One login attempt.
    static func attempt(
        _ server: Harness, _ user: String, _ password: String
    ) async throws -> TestResponse {
        try await server.send(
            .post, "/v1/auth/login", json: LoginRequest(username: user, password: password, deviceID: "d"))
    }

    /// Asserts a 429 with `Retry-After: seconds` and a JSON error body.
    static func expectHeld(_ server: Harness, _ response: TestResponse, seconds: Int) throws {
        #expect(response.status == .tooManyRequests, "\(String(buffer: response.body))")
        #expect(response.headers[.retryAfter] == String(seconds))
        let error = try server.error(response)
        #expect(error.code == "too_many_attempts")
        #expect(error.message.de.contains("\(seconds) Sekunden"))
        #expect(error.message.en.contains("\(seconds) seconds"))
    }

    // MARK: Guessing

    @Test(arguments: StoreFlavor.allCases)
    func guessingAPasswordIsHeldAndTheRightPasswordWaitsToo(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            for _ in 0..<5 {
                #expect(try await Self.attempt(server, "anna", "falsch-geraten").status == .unauthorized)
            }
            // Held now: even the right password is not checked, so guessing tells nothing.
            try Self.expectHeld(server, try await Self.attempt(server, "anna", Fixtures.password), seconds: 1)
            server.clock.advance(seconds: 1)
            #expect(try await Self.attempt(server, "anna", "noch-falsch").status == .unauthorized)
            try Self.expectHeld(server, try await Self.attempt(server, "anna", Fixtures.password), seconds: 2)
            server.clock.advance(seconds: 1)
            try Self.expectHeld(server, try await Self.attempt(server, "anna", Fixtures.password), seconds: 1)
            server.clock.advance(seconds: 1)
            #expect(try await Self.attempt(server, "anna", Fixtures.password).status == .ok)

            // The success forgot anna's failures: five free attempts again, then held.
            for _ in 0..<5 {
                #expect(try await Self.attempt(server, "anna", "falsch-geraten").status == .unauthorized)
            }
            try Self.expectHeld(server, try await Self.attempt(server, "anna", "falsch-geraten"), seconds: 1)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func theDelayDoublesUpToFifteenMinutes(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            for _ in 0..<5 {
                #expect(try await Self.attempt(server, "bernd", "falsch").status == .unauthorized)
            }
            var waits: [Int] = []
            for _ in 0..<12 {
                let held = try await Self.attempt(server, "bernd", "falsch")
                #expect(held.status == .tooManyRequests)
                let seconds = try #require(held.headers[.retryAfter].flatMap { Int($0) })
                waits.append(seconds)
                server.clock.advance(seconds: Double(seconds))
                #expect(try await Self.attempt(server, "bernd", "falsch").status == .unauthorized)
            }
            #expect(waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func guessesSentInParallelGetNoMoreTriesThanASequence(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let port = try #require(server.client.port)
            // Twenty connections at once, each with its own guess.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                            let body = try WireProtocol.makeEncoder().encode(
                                LoginRequest(username: "anna", password: "raten-\(index)", deviceID: "d"))
                            let request = TestClient.Request(
                                "/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                                body: ByteBuffer(bytes: body))
                            return try await client.execute(request).status
                        }
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 15)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func sprayingUserNamesFromOneAddressHoldsTheAddress(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            // The user limit is per user: anna held does not hold bernd.
            for _ in 0..<5 {
                #expect(try await Self.attempt(server, "anna", "falsch").status == .unauthorized)
            }
            try Self.expectHeld(server, try await Self.attempt(server, "anna", Fixtures.password), seconds: 1)
            #expect(try await Self.attempt(server, "bernd", Fixtures.password).status == .ok)

            // One password against many names: the address has 20 free attempts in all.
            for index in 0..<15 {
                #expect(try await Self.attempt(server, "name\(index)", "Sommer2026!").status == .unauthorized)
            }
            let held = try await Self.attempt(server, "carla", Fixtures.password)
            try Self.expectHeld(server, held, seconds: 1)

            let metrics = String(buffer: try await server.send(.get, "/metrics").body)
            #expect(metrics.contains("clerk_central_login_failures_total 20\n"))
            #expect(metrics.contains("clerk_central_login_throttled_total{held=\"user\"} 1\n"))
            #expect(metrics.contains("clerk_central_login_throttled_total{held=\"address\"} 1\n"))
            #expect(metrics.contains("# TYPE clerk_central_login_throttled_total counter\n"))
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func throttledLoginsAreLoggedWithTheirSourceAndAnEscapedNameButNoPassword(
        _ flavor: StoreFlavor
    ) async throws {
        let log = LogCapture()
        try await withServer(flavor, logger: log.logger, configure: { $0.logLevel = "notice" }) { server in
            let forged = "anna\r\nts=2026 level=info msg=\"login\" clerk=lena\u{1B}[2J"
            for _ in 0..<6 {
                _ = try await Self.attempt(server, forged, "Passwort-Geheimnis-42")
            }
        }
        let lines = log.lines
        let throttled = try #require(lines.first { $0.contains("login throttled") })
        #expect(throttled.hasPrefix("warning "))
        #expect(throttled.contains("source=127.0.0.1"))
        #expect(throttled.contains(#"user=anna\u{d}\u{a}ts=2026 level=info msg="login" clerk=lena\u{1b}[2J"#))
        #expect(lines.filter { $0.contains("login failed") }.count == 5)
        for line in lines {
            #expect(!line.contains("Passwort-Geheimnis-42"))
            #expect(!line.contains("\u{1B}") && !line.contains("\r"))
        }
    }

    @Test func the429IsDocumented() throws {
        #expect(try OpenAPIDocumentTests.documented()["POST /v1/auth/login"]?.contains(429) == true)
        let url = AdminClerkTests.root.appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("Retry-After:"))
        #expect(text.contains("too_many_attempts"))
    }

    // MARK: Passwords

    @Test(arguments: StoreFlavor.allCases)
    func aPasswordSharingTheFirst72BytesDoesNotLogIn(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            // 36 umlauts are 72 bytes: bcrypt alone would read nothing after them.
            let password = String(repeating: "ä", count: 36) + "-Rathaus"
            try await admin.createClerk(
                id: "ute", name: "Ute Umlaut", password: password, roles: [.counter],
                orgUnits: [Fixtures.mitte.id], bcryptCost: 4)
            let guess = String(repeating: "ä", count: 36) + "-geraten"
            #expect(try await Self.attempt(server, "ute", guess).status == .unauthorized)
            #expect(try await Self.attempt(server, "ute", password).status == .ok)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aNulInThePasswordIsRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            try await server.store.createClerk(
                ClerkRecord(
                    id: "otto", name: "Otto Alt", passwordHash: LegacyHashes.geheim123, roles: [.counter],
                    orgUnits: [Fixtures.mitte.id]))
            // bcrypt stops at a NUL: with the plain hash from before, this would log in as "Geheim-123".
            for user in ["otto", "anna"] {
                let response = try await Self.attempt(server, user, Fixtures.password + "\u{0}zz")
                #expect(response.status == .unauthorized)
                #expect(try server.error(response).code == "invalid_credentials")
            }
            let admin = CentralAdmin(store: server.store)
            await #expect(throws: CentralAdminError.self) {
                _ = try await admin.setPassword(
                    id: "anna", password: "Rathaus\u{0}Marienplatz", bcryptCost: 4)
            }
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func plainBcryptHashesFromBeforeStillLogInButNotPastTheir72Bytes(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            try await server.store.createClerk(
                ClerkRecord(
                    id: "otto", name: "Otto Alt", passwordHash: LegacyHashes.geheim123, roles: [.counter],
                    orgUnits: [Fixtures.mitte.id]))
            try await server.store.createClerk(
                ClerkRecord(
                    id: "olga", name: "Olga Alt", passwordHash: LegacyHashes.long72, roles: [.counter],
                    orgUnits: [Fixtures.mitte.id]))
            #expect(try await Self.attempt(server, "otto", "Geheim-123").status == .ok)
            #expect(try await Self.attempt(server, "olga", LegacyHashes.long72Password).status == .ok)
            let longer = LegacyHashes.long72Password + "-und-noch-mehr"
            #expect(try await Self.attempt(server, "olga", longer).status == .unauthorized)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func shortDemoPasswordsStillLogIn(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            // The fixtures' password has 10 characters, from before the 12-character rule.
            let response = try await Self.attempt(server, "anna", Fixtures.password)
            #expect(response.status == .ok)
            #expect(Fixtures.password.count < CredentialRules.minPasswordLength)
            let admin = CentralAdmin(store: server.store)
            await #expect(throws: CentralAdminError.self) {
                _ = try await admin.setPassword(id: "anna", password: "kurz", bcryptCost: 4)
            }
        }
    }

    // MARK: Clerks

    @Test(arguments: StoreFlavor.allCases)
    func aDisabledClerkGetsTheAnswerOfAWrongPasswordAndLosesEveryToken(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            let laptop = try await server.login("anna")
            let desk = try await server.login("anna")
            #expect(try await admin.disableClerk(id: "anna") == 2)

            let disabled = try await Self.attempt(server, "anna", Fixtures.password)
            let wrong = try await Self.attempt(server, "bernd", "falsch")
            #expect(disabled.status == .unauthorized)
            #expect(try server.error(disabled) == server.error(wrong))
            for token in [laptop.token, desk.token] {
                let pull = try await server.send(.get, "/v1/sync/pull", token: token)
                #expect(pull.status == .unauthorized)
                #expect(try server.error(pull).code == "token_revoked")
            }

            try await admin.enableClerk(id: "anna")
            let again = try await server.login("anna")
            #expect(try await server.send(.get, "/v1/sync/pull", token: again.token).status == .ok)
            let old = try await server.send(.get, "/v1/sync/pull", token: laptop.token)
            #expect(try server.error(old).code == "token_revoked")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aTokenIssuedWhileTheClerkWasBeingDisabledIsRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            #expect(try await admin.disableClerk(id: "anna") == 0)
            // A login that checked the password just before the clerk was disabled stores its
            // token just after: the lookup itself must refuse it.
            try await server.store.insertToken(
                TokenRecord(
                    hash: Credentials.tokenHash("late-token"), clerkID: "anna", deviceID: "d",
                    issuedAt: server.clock.now, expiresAt: server.clock.now.addingTimeInterval(600)))
            let pull = try await server.send(.get, "/v1/sync/pull", token: "late-token")
            #expect(pull.status == .unauthorized)
            #expect(try server.error(pull).code == "token_revoked")
            try await admin.enableClerk(id: "anna")
            #expect(try await server.send(.get, "/v1/sync/pull", token: "late-token").status == .ok)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func aNewPasswordRevokesEveryToken(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            let stolen = try await server.login("anna")
            let newPassword = "Viktualienmarkt-2026"
            #expect(try await admin.setPassword(id: "anna", password: newPassword, bcryptCost: 4) == 1)
            let pull = try await server.send(.get, "/v1/sync/pull", token: stolen.token)
            #expect(try server.error(pull).code == "token_revoked")
            #expect(try await Self.attempt(server, "anna", Fixtures.password).status == .unauthorized)
            #expect(try await Self.attempt(server, "anna", newPassword).status == .ok)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func tokensSurviveAddedRightsButNotRemovedOnes(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            let token = try await server.login("anna").token
            func pull() async throws -> TestResponse {
                try await server.send(.get, "/v1/sync/pull", token: token)
            }

            var update = try await admin.setRoles(id: "anna", roles: [.counter, .teamLead])
            #expect(update.revokedTokens == 0)
            update = try await admin.setOrgUnits(id: "anna", orgUnits: [Fixtures.mitte.id, Fixtures.kfz.id])
            #expect(update.revokedTokens == 0)
            #expect(try await pull().status == .ok)

            update = try await admin.setRoles(id: "anna", roles: [.teamLead])
            #expect(update.revokedTokens == 1)
            #expect(try server.error(try await pull()).code == "token_revoked")

            let second = try await server.login("anna").token
            update = try await admin.setOrgUnits(id: "anna", orgUnits: [Fixtures.kfz.id])
            #expect(update.revokedTokens == 1)
            let refused = try await server.send(.get, "/v1/sync/pull", token: second)
            #expect(try server.error(refused).code == "token_revoked")
            let third = try await server.login("anna")
            #expect(third.orgUnits == [Fixtures.kfz.id])
            #expect(third.roles == [.teamLead])
        }
    }
}

/// bcrypt hashes made without the pre-hash, as stored before it (cost 4).
enum LegacyHashes {
    /// "Geheim-123".
    static let geheim123 = "$2b$04$Zx9sWq3LmN7pKd2Rt5Vb1eXmBfFr/9YZbM2mDvd8b9Sc0hQKqO.VW"
    /// A password of exactly 72 bytes, all of which bcrypt reads.
    static let long72Password = "Marienplatz-Rathaus-Glockenspiel-Marienplatz-Rathaus-Glockenspiel-Marien"
    static let long72 = "$2b$04$Zx9sWq3LmN7pKd2Rt5Vb1eS.0wy2vKBtGqZOx/MdUYCJvDj5O3SRS"
}

/// Keeps every log line, as `level message key=value …` with the metadata sorted.
final class LogCapture: Sendable {
    private let stored = Mutex<[String]>([])

    var lines: [String] { stored.withLock { $0 } }

    var logger: Logger {
        Logger(label: "clerk-central-test") { _ in Handler(capture: self) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var fields = metadata
            if let extra = event.metadata { fields.merge(extra) { $1 } }
            var line = "\(event.level) \(event.message)"
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
            capture.stored.withLock { $0.append(line) }
        }
    }
}
