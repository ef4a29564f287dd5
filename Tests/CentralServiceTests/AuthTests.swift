import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing

@Suite("Login, logout, expiry and revocation over HTTP")
struct AuthTests {
    @Test(arguments: StoreFlavor.allCases)
    func loginGivesAWorkingTokenAndLogoutRevokesIt(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let login = try await server.login("anna")
            #expect(login.clerkID == "anna")
            #expect(login.name == "Anna Huber")
            #expect(login.orgUnits == ["bb-mitte"])
            #expect(login.roles == [.counter])
            #expect(login.protocolVersion == WireProtocol.version)
            #expect(login.expiresAt == Fixtures.start.addingTimeInterval(12 * 3600))
            #expect(login.token.count >= 43)
            #expect(try await server.send(.get, "/v1/sync/pull", token: login.token).status == .ok)

            let logout = try await server.send(.post, "/v1/auth/logout", token: login.token)
            #expect(logout.status == .noContent)
            let after = try await server.send(.get, "/v1/sync/pull", token: login.token)
            #expect(after.status == .unauthorized)
            #expect(try server.error(after).code == "token_revoked")
            #expect(after.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func wrongPasswordsAndUnknownUsersGetTheSameAnswer(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let wrong = try await server.send(
                .post, "/v1/auth/login",
                json: LoginRequest(username: "anna", password: "falsch", deviceID: "d"))
            let unknown = try await server.send(
                .post, "/v1/auth/login",
                json: LoginRequest(username: "zoe", password: "falsch", deviceID: "d"))
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(try server.error(wrong) == server.error(unknown))
            #expect(try server.error(wrong).code == "invalid_credentials")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func tokensExpireAndMissingOrForgedTokensAreRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, configure: { $0.tokenLifetimeSeconds = 600 }) { server in
            let login = try await server.login("anna")
            server.clock.advance(seconds: 599)
            #expect(try await server.send(.get, "/v1/catalog", token: login.token).status == .ok)
            server.clock.advance(seconds: 1)
            let expired = try await server.send(.get, "/v1/catalog", token: login.token)
            #expect(expired.status == .unauthorized)
            #expect(try server.error(expired).code == "token_expired")

            let missing = try await server.send(.get, "/v1/sync/pull")
            #expect(missing.status == .unauthorized)
            #expect(try server.error(missing).code == "missing_token")
            let forged = try await server.send(.get, "/v1/sync/pull", token: "not-a-real-token")
            #expect(try server.error(forged).code == "invalid_token")
            let pushWithout = try await server.send(
                .post, "/v1/sync/push", json: PushRequest(deviceID: "d", operations: []))
            #expect(pushWithout.status == .unauthorized)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func revokingAllOfAClerksTokensLocksOutEveryDevice(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let laptop = try await server.login("anna")
            let desk = try await server.login("anna")
            let other = try await server.login("bernd")
            #expect(try await server.store.revokeTokens(clerkID: "anna", at: server.clock.now) == 2)
            for token in [laptop.token, desk.token] {
                let response = try await server.send(.get, "/v1/sync/pull", token: token)
                #expect(try server.error(response).code == "token_revoked")
            }
            #expect(try await server.send(.get, "/v1/sync/pull", token: other.token).status == .ok)
        }
    }
}
