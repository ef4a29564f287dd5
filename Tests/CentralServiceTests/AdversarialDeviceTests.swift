import CaseModel
import CentralService
import Foundation
import Hummingbird
import HummingbirdTesting
import SyncProtocol
import Testing

/// Attacks with a lost or stolen workstation, over real HTTP against both stores: its tokens
/// after the device was revoked, its escrow key in other hands, and a login that fails.
@Suite("Adversarial: revoked devices and escrow keys")
struct AdversarialDeviceTests {
    static func login(
        _ server: Harness, _ user: String, password: String = Fixtures.password, device: String
    ) async throws -> TestResponse {
        try await server.send(
            .post, "/v1/auth/login", json: LoginRequest(username: user, password: password, deviceID: device))
    }

    static func expectDeviceRevoked(_ server: Harness, _ response: TestResponse) throws {
        #expect(response.status == .forbidden, "\(String(buffer: response.body))")
        let error = try server.error(response)
        #expect(error.code == "device_revoked")
        #expect(error.message.de.contains("gesperrt"))
    }

    @Test(arguments: StoreFlavor.allCases)
    func aRevokedDevicesTokenCanNeitherPullNorPushNorLogInAgain(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let laptop = try server.decode(
                LoginResponse.self, try await Self.login(server, "anna", device: "laptop-17"))
            let desk = try server.decode(
                LoginResponse.self, try await Self.login(server, "anna", device: "desk-2"))
            #expect(try await server.pull(laptop.token).changes.isEmpty)

            let admin = CentralAdmin(store: server.store, now: { server.clock.now })
            #expect(try await admin.revokeDevice(clerkID: "anna", deviceID: "laptop-17") == 1)

            // The thief's pull and push with the token the laptop saved.
            try Self.expectDeviceRevoked(
                server, try await server.send(.get, "/v1/sync/pull?after=0&limit=10", token: laptop.token))
            let push = PushRequest(deviceID: "laptop-17", operations: [Fixtures.create(by: "anna")])
            try Self.expectDeviceRevoked(
                server, try await server.send(.post, "/v1/sync/push", token: laptop.token, json: push))
            // Logging in again from the laptop with the right password gets no new token or key.
            let again = try await Self.login(server, "anna", device: "laptop-17")
            try Self.expectDeviceRevoked(server, again)
            #expect(!String(buffer: again.body).contains("escrow"))
            // Anna's other device goes on.
            #expect(try await server.pull(desk.token).changes.isEmpty)

            let devices = try await admin.devices(clerkID: "anna")
            #expect(devices.map(\.deviceID) == ["desk-2", "laptop-17"])
            #expect(devices.map(\.hasEscrowKey) == [true, false])
            #expect(devices[1].revokedAt == server.clock.now)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func anotherClerkCannotGetOrResetThisClerksEscrowKey(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let anna = try server.decode(
                LoginResponse.self, try await Self.login(server, "anna", device: "pc-1"))
            let annaKey = try #require(anna.escrowKey)
            #expect(Data(base64Encoded: annaKey)?.count == 32)
            #expect(anna.offlineLimitSeconds == 14 * 86400)
            // The same device again: the same key, so the replica's escrow slot stays valid.
            let again = try server.decode(
                LoginResponse.self, try await Self.login(server, "anna", device: "pc-1"))
            #expect(again.escrowKey == annaKey)

            // Bernd logs in claiming anna's device id: he gets a key of his own, never anna's.
            let bernd = try server.decode(
                LoginResponse.self, try await Self.login(server, "bernd", device: "pc-1"))
            #expect(bernd.escrowKey != nil)
            #expect(bernd.escrowKey != annaKey)
            // Bernd's token cannot revoke (reset) anna's device: no endpoint takes a device from a
            // token, and a logout ends only his own token.
            #expect(try await server.send(.post, "/v1/auth/logout", token: bernd.token).status == .noContent)
            let third = try server.decode(
                LoginResponse.self, try await Self.login(server, "anna", device: "pc-1"))
            #expect(third.escrowKey == annaKey)
            // Logging in as anna needs anna's password: a wrong one gets no key.
            let wrong = try await Self.login(server, "anna", password: "Falsch-12345", device: "pc-1")
            #expect(wrong.status == .unauthorized)
            #expect(!String(buffer: wrong.body).contains("escrow"))
            #expect(!String(buffer: wrong.body).contains(annaKey))
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func theOfflineLimitComesWithTheLoginAndEveryPage(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, configure: { $0.offlineLimitSeconds = 3 * 86400 }) { server in
            let login = try await server.login("anna")
            #expect(login.offlineLimitSeconds == 3 * 86400)
            #expect(try await server.pull(login.token).offlineLimitSeconds == 3 * 86400)
            server.clock.advance(seconds: 60)
            _ = try await server.pull(login.token)
            let devices = try await server.store.devices(clerkID: "anna")
            #expect(devices.first?.lastContact == server.clock.now, "a pull is a contact")
        }
    }
}
