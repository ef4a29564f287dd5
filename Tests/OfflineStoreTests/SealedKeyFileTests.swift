import Crypto
import Foundation
import Testing

@testable import OfflineStore

/// The key file: the password (and an escrow key) unwrap the replica's key; a wrong one changes
/// nothing; a new password rewraps the same key.
@Suite struct SealedKeyFileTests {
    /// A sealed replica with one case, closed, with an escrow slot.
    private static func sealedReplica(escrow: SymmetricKey) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
        let keyFile = try ReplicaKeyFile.create(
            forReplica: path, password: testPassword, escrowKey: escrow, cost: cheapCost)
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        let person = citizen("Walburga", "Oberhuber")
        try replica.applyCentralChanges(
            [centralCase(number: "UMZ-2026-4242424", citizen: person)], citizens: [person], cursor: 1)
        try replica.close()
        return path
    }

    /// Opens the replica with `key` and reads its one case.
    private static func readsTheCase(_ path: String, _ key: ReplicaKey) throws -> Bool {
        let replica = try Replica.open(path: path, services: testServices, key: key)
        defer { try? replica.close() }
        return try replica.search("Oberhuber").map(\.number) == ["UMZ-2026-4242424"]
    }

    @Test func aWrongPasswordIsRefusedClearlyAndChangesNothing() throws {
        let path = try Self.sealedReplica(escrow: SymmetricKey(size: .bits256))
        let before = try folderContents(folder(of: path))
        let keyFile = ReplicaKeyFile.path(forReplica: path)
        #expect(throws: ReplicaError.sealed(.wrongPassword(keyFile: keyFile))) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: "Weißwürste nach zwölf")
        }
        #expect(throws: ReplicaError.sealed(.wrongPassword(keyFile: keyFile))) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: "")
        }
        let message = ReplicaError.sealed(.wrongPassword(keyFile: keyFile)).message
        #expect(message.de.hasPrefix("Das Passwort passt nicht"))
        #expect(message.en.hasPrefix("The password does not match"))
        #expect(try folderContents(folder(of: path)) == before)
    }

    @Test func rewrappingChangesThePasswordAndKeepsTheData() throws {
        let escrow = SymmetricKey(size: .bits256)
        let path = try Self.sealedReplica(escrow: escrow)
        let database = try Data(contentsOf: URL(fileURLWithPath: path))
        let oldKeyFile = try Data(contentsOf: URL(fileURLWithPath: ReplicaKeyFile.path(forReplica: path)))
        let unlocked = try ReplicaKeyFile.unlock(forReplica: path, password: testPassword)
        _ = try unlocked.rewrap(newPassword: "Föhn über dem Olympiaturm")

        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path)) == database,
            "rewrapping re-encrypted the replica")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: ReplicaKeyFile.path(forReplica: path))) != oldKeyFile)
        #expect(throws: ReplicaError.sealed(.wrongPassword(keyFile: ReplicaKeyFile.path(forReplica: path)))) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: testPassword)
        }
        let renewed = try ReplicaKeyFile.unlock(forReplica: path, password: "Föhn über dem Olympiaturm")
        #expect(try Self.readsTheCase(path, renewed.key))
        // The escrow slot survives the new password.
        #expect(try Self.readsTheCase(path, ReplicaKeyFile.unlock(forReplica: path, escrowKey: escrow).key))
        let mode = try FileManager.default.attributesOfItem(atPath: ReplicaKeyFile.path(forReplica: path))[
            .posixPermissions]
        #expect(mode as? Int == 0o600)
    }

    @Test func theEscrowKeyOpensAndReplacesAForgottenPassword() throws {
        let escrow = SymmetricKey(size: .bits256)
        let path = try Self.sealedReplica(escrow: escrow)
        #expect(throws: ReplicaError.sealed(.wrongEscrowKey(keyFile: ReplicaKeyFile.path(forReplica: path))))
        {
            _ = try ReplicaKeyFile.unlock(forReplica: path, escrowKey: SymmetricKey(size: .bits256))
        }
        let recovered = try ReplicaKeyFile.unlock(forReplica: path, escrowKey: escrow)
        #expect(try Self.readsTheCase(path, recovered.key))
        _ = try recovered.rewrap(newPassword: "neu vergeben am Schalter")
        #expect(
            try Self.readsTheCase(
                path, ReplicaKeyFile.unlock(forReplica: path, password: "neu vergeben am Schalter").key))
    }

    @Test func aKeyFileWithoutEscrowGetsOneLater() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        #expect(throws: ReplicaError.sealed(.noEscrowSlot(keyFile: keyFile.path))) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, escrowKey: SymmetricKey(size: .bits256))
        }
        let escrow = SymmetricKey(size: .bits256)
        _ = try keyFile.settingEscrow(escrow)
        #expect(
            try ReplicaKeyFile.unlock(forReplica: path, escrowKey: escrow).key.fileID == keyFile.key.fileID)
        #expect(
            try ReplicaKeyFile.unlock(forReplica: path, password: testPassword).key.fileID
                == keyFile.key.fileID)
    }

    @Test func aKeyFileIsNeverReplacedByANewOne() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        let before = try Data(contentsOf: URL(fileURLWithPath: keyFile.path))
        #expect(throws: ReplicaError.sealed(.keyFileExists(keyFile: keyFile.path))) {
            _ = try ReplicaKeyFile.create(forReplica: path, password: "anders", cost: cheapCost)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile.path)) == before)
    }

    @Test func aDamagedKeyFileOrAbsurdCostIsRefused() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: keyFile.path)))
            as? [String: Any]
        var scrypt = try #require(json?["scrypt"] as? [String: Any])
        scrypt["n"] = 1 << 30
        json?["scrypt"] = scrypt
        try JSONSerialization.data(withJSONObject: try #require(json)).write(
            to: URL(fileURLWithPath: keyFile.path))
        #expect(
            throws: ReplicaError.sealed(
                .keyFileUnreadable(keyFile: keyFile.path, detail: "scrypt parameters"))
        ) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: testPassword)
        }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: keyFile.path))
        #expect(
            throws: ReplicaError.sealed(.keyFileUnreadable(keyFile: keyFile.path, detail: "not a key file"))
        ) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: testPassword)
        }
        try FileManager.default.removeItem(atPath: keyFile.path)
        #expect(throws: ReplicaError.sealed(.keyFileMissing(keyFile: keyFile.path))) {
            _ = try ReplicaKeyFile.unlock(forReplica: path, password: testPassword)
        }
    }

    @Test func theSamePasswordTypedComposedOrDecomposedUnlocks() throws {
        let composed = "M\u{00FC}nchner Kindl"
        let decomposed = "Mu\u{0308}nchner Kindl"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let path = try temporaryDirectory().appendingPathComponent("r.sqlite").path
        let keyFile = try ReplicaKeyFile.create(forReplica: path, password: composed, cost: cheapCost)
        #expect(
            try ReplicaKeyFile.unlock(forReplica: path, password: decomposed).key.fileID == keyFile.key.fileID
        )
    }

    @Test func aSealedReplicaNeedsItsKeyAndAPlainOneRefusesOne() throws {
        let escrow = SymmetricKey(size: .bits256)
        let sealed = try Self.sealedReplica(escrow: escrow)
        #expect(throws: ReplicaError.sealed(.passwordNeeded(path: sealed))) {
            _ = try Replica.open(path: sealed, services: testServices)
        }
        let plain = try makeReplica()
        let plainPath = plain.path
        try plain.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: plainPath))
        let key = try ReplicaKeyFile.unlock(forReplica: sealed, escrowKey: escrow).key
        #expect(throws: ReplicaError.sealed(.notSealed(path: plainPath))) {
            _ = try Replica.open(path: plainPath, services: testServices, key: key)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: plainPath)) == before)
    }
}
