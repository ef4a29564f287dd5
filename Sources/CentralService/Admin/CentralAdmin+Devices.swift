import CaseModel
import Foundation

extension CentralAdmin {
    /// The devices a clerk has logged in from, with their last contact.
    public func devices(clerkID: String) async throws -> [DeviceRecord] {
        guard try await store.clerk(id: clerkID) != nil else { throw CentralAdminError.unknownClerk(clerkID) }
        return try await store.devices(clerkID: clerkID)
    }

    /// Revokes a clerk's device (a lost or stolen laptop): its tokens are revoked, its escrow key
    /// deleted, and its next request is refused with `device_revoked`, on which the workstation
    /// deletes the key of its replica. Returns how many tokens were live.
    public func revokeDevice(clerkID: String, deviceID: String) async throws -> Int {
        guard try await store.clerk(id: clerkID) != nil else { throw CentralAdminError.unknownClerk(clerkID) }
        do {
            return try await store.revokeDevice(clerkID: clerkID, deviceID: deviceID, at: now())
        } catch StoreError.unknownDevice {
            throw CentralAdminError.unknownDevice(clerkID: clerkID, deviceID: deviceID)
        }
    }
}

extension CentralAdminError {
    public static func unknownDevice(clerkID: String, deviceID: String) -> Self {
        let clerk = CredentialRules.printable(clerkID)
        let device = CredentialRules.printable(deviceID)
        return Self(
            .init(
                de: "„\(clerk)“ hat sich nie vom Gerät „\(device)“ angemeldet (siehe admin devices).",
                en: "'\(clerk)' never logged in from device '\(device)' (see admin devices)."))
    }
}
