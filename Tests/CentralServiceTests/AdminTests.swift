import CaseModel
import CentralService
import Foundation
import SyncProtocol
import Testing

@Suite("Administration and configuration")
struct AdminTests {
    @Test func tokensOfAClerkAreRevoked() async throws {
        try await withStore(.sqlite) { store in
            try await Fixtures.seed(store)
            let admin = CentralAdmin(store: store, now: { Fixtures.start })
            try await store.insertToken(
                TokenRecord(
                    hash: "h", clerkID: "anna", deviceID: "d", issuedAt: Fixtures.start,
                    expiresAt: Fixtures.start.addingTimeInterval(60)))
            #expect(try await admin.revokeTokens(clerkID: "anna") == 1)
            #expect(try await admin.revokeTokens(clerkID: "anna") == 0)
        }
    }

    @Test func configurationLayersFileThenEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "central-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"port": 9000, "store": "sqlite:/var/lib/clerk/central.sqlite", "max_body_bytes": 2048}"#.write(
            to: file, atomically: true, encoding: .utf8)
        let configuration = try CentralConfiguration.load(
            file: file.path,
            environment: ["CLERK_CENTRAL_PORT": "9100", "CLERK_CENTRAL_TOKEN_LIFETIME_SECONDS": "60"])
        #expect(configuration.port == 9100)
        #expect(configuration.store == "sqlite:/var/lib/clerk/central.sqlite")
        #expect(configuration.maxBodyBytes == 2048)
        #expect(configuration.tokenLifetimeSeconds == 60)
        #expect(configuration.host == "127.0.0.1")

        try #"{"prot": 1}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) {
            try CentralConfiguration.load(file: file.path, environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try CentralConfiguration.load(file: nil, environment: ["CLERK_CENTRAL_PORT": "acht"])
        }
    }
}
