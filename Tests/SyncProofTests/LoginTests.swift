import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

@Suite("clerk login")
struct LoginTests {
    /// scrypt made cheap for tests.
    static let cheap = ScryptCost(n: 1024, r: 8, p: 1)
    /// The replica whose key file a login makes, next to the saved login.
    static func replica(_ store: CredentialStore) -> String {
        store.url.deletingLastPathComponent().appendingPathComponent("replica/anna.sqlite").path
    }

    @Test("login stores the token readable only by the user; a wrong password stores nothing")
    func login() async throws {
        try await withCentral { central in
            let directory = try World.temporaryDirectory("login")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = CredentialStore(url: directory.appendingPathComponent("clerk/login.json"))

            await #expect(throws: SyncError.self) {
                try await LoginFlow.login(
                    server: central.url, user: "anna", password: "falsch", device: "dev-1", store: store,
                    replicaPath: Self.replica(store), cost: Self.cheap)
            }
            #expect(try store.load() == nil)

            let outcome = try await LoginFlow.login(
                server: central.url, user: "anna", password: World.password, device: "dev-1", store: store,
                replicaPath: Self.replica(store), cost: Self.cheap)
            let saved = outcome.saved
            #expect(saved.login.clerkID == "anna")
            #expect(saved.login.orgUnits == [World.mitte.id])
            let attributes = try FileManager.default.attributesOfItem(atPath: store.url.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try store.load()?.unsealed(with: outcome.keyFile.key)?.login == saved.login)
            #expect(try Data(contentsOf: store.url).range(of: Data(saved.login.token.utf8)) == nil)
            // The stored token works.
            let page = try await central.http.pull(after: 0, limit: 10, token: saved.login.token)
            #expect(page.changes.isEmpty)
        }
    }
}
