import Foundation
import SyncClient
import SyncProtocol
import Testing

@Suite("clerk login")
struct LoginTests {
    @Test("login stores the token readable only by the user; a wrong password stores nothing")
    func login() async throws {
        try await withCentral { central in
            let directory = try World.temporaryDirectory("login")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = CredentialStore(url: directory.appendingPathComponent("clerk/login.json"))

            await #expect(throws: SyncError.self) {
                try await LoginFlow.login(
                    server: central.url, user: "anna", password: "falsch", device: "dev-1", store: store)
            }
            #expect(try store.load() == nil)

            let saved = try await LoginFlow.login(
                server: central.url, user: "anna", password: World.password, device: "dev-1", store: store)
            #expect(saved.login.clerkID == "anna")
            #expect(saved.login.orgUnits == [World.mitte.id])
            let attributes = try FileManager.default.attributesOfItem(atPath: store.url.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try store.load() == saved)
            // The stored token works.
            let page = try await central.http.pull(after: 0, limit: 10, token: saved.login.token)
            #expect(page.changes.isEmpty)
        }
    }
}
