import CaseModel
import CentralService
import Foundation
import Testing

/// The devices and escrow keys of the store contract, on SQLite and PostgreSQL.
@Suite("Central store contract: devices and escrow keys")
struct CentralStoreDeviceContractTests {
    static func token(_ hash: String, _ clerk: String, _ device: String) -> TokenRecord {
        TokenRecord(
            hash: hash, clerkID: clerk, deviceID: device, issuedAt: Fixtures.start,
            expiresAt: Fixtures.start.addingTimeInterval(3600))
    }

    @Test(arguments: StoreFlavor.allCases)
    func anEscrowKeyIsMadeOncePerClerkAndDeviceAndDeletedWithTheDevice(_ flavor: StoreFlavor) async throws {
        try await withStore(flavor) { store in
            try await Fixtures.seed(store)
            let start = Fixtures.start
            let key = try await store.escrowKey(clerkID: "anna", deviceID: "pc-1", at: start)
            #expect(key.count == 32)
            #expect(try await store.escrowKey(clerkID: "anna", deviceID: "pc-1", at: start + 60) == key)
            let other = try await store.escrowKey(clerkID: "anna", deviceID: "pc-2", at: start)
            let bernds = try await store.escrowKey(clerkID: "bernd", deviceID: "pc-1", at: start)
            #expect(Set([key, other, bernds]).count == 3)

            try await store.recordContact(clerkID: "anna", deviceID: "pc-1", at: start + 120)
            try await store.recordContact(clerkID: "anna", deviceID: "unknown", at: start + 120)
            var devices = try await store.devices(clerkID: "anna")
            #expect(devices.map(\.deviceID) == ["pc-1", "pc-2"])
            #expect(devices[0].firstSeen == start && devices[0].lastContact == start + 120)
            #expect(devices.allSatisfy { $0.hasEscrowKey && $0.revokedAt == nil })

            try await store.insertToken(Self.token("h1", "anna", "pc-1"))
            try await store.insertToken(Self.token("h2", "anna", "pc-2"))
            try await store.insertToken(Self.token("h3", "bernd", "pc-1"))
            #expect(try await store.revokeDevice(clerkID: "anna", deviceID: "pc-1", at: start + 180) == 1)
            #expect(try await store.lookUpToken(hash: "h1", at: start + 200) == .deviceRevoked)
            guard case .valid = try await store.lookUpToken(hash: "h2", at: start + 200) else {
                Issue.record("anna's other device must go on")
                return
            }
            guard case .valid = try await store.lookUpToken(hash: "h3", at: start + 200) else {
                Issue.record("bernd's token on a device id like anna's must go on")
                return
            }
            await #expect(throws: StoreError.deviceRevoked) {
                _ = try await store.escrowKey(clerkID: "anna", deviceID: "pc-1", at: start + 240)
            }
            devices = try await store.devices(clerkID: "anna")
            #expect(devices[0].revokedAt == start + 180 && !devices[0].hasEscrowKey)
            await #expect(throws: StoreError.unknownDevice("pc-9")) {
                _ = try await store.revokeDevice(clerkID: "anna", deviceID: "pc-9", at: start)
            }
            // Revoking again is harmless and keeps the first time.
            #expect(try await store.revokeDevice(clerkID: "anna", deviceID: "pc-1", at: start + 300) == 0)
            #expect(try await store.devices(clerkID: "anna")[0].revokedAt == start + 180)
        }
    }
}
