import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An escrow key given by the central service (32 bytes): a second way to unwrap a replica's
/// key, for a password reset there. Only ever in memory.
public struct ReplicaEscrowKey: @unchecked Sendable {
    let key: SymmetricKey

    /// The key from the base64 text the central service sends; nil unless it is 32 bytes.
    public init?(base64: String) {
        guard let bytes = Data(base64Encoded: base64), bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
    }
}

extension ReplicaKey {
    /// Seals `plaintext` with AES-256-GCM under a key derived (HKDF-SHA256) from the replica's
    /// data key for `purpose` alone, bound to the replica's file id, so it opens only with this
    /// replica's key and only for the same purpose (e.g. the saved login's token).
    public func seal(_ plaintext: Data, purpose: String) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: subkey(purpose), authenticating: fileID)
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    /// Opens what `seal(_:purpose:)` sealed; nil if it was sealed under another key or purpose,
    /// or changed.
    public func open(_ sealed: Data, purpose: String) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: subkey(purpose), authenticating: fileID)
    }

    /// A key for one purpose, derived from the data key; never the data key itself.
    private func subkey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: dataKey, salt: fileID, info: Data("clerk purpose v1 \(purpose)".utf8),
            outputByteCount: 32)
    }
}

extension ReplicaKeyFile {
    /// Creates the key file of a new sealed replica wrapped by `password` and `escrowKey`.
    public static func create(
        forReplica replicaPath: String, password: String, escrowKey: ReplicaEscrowKey,
        cost: ScryptCost = .standard
    ) throws -> ReplicaKeyFile {
        try create(forReplica: replicaPath, password: password, escrowKey: escrowKey.key, cost: cost)
    }

    /// Reads the key file of `replicaPath` and unwraps its key with the escrow key.
    public static func unlock(forReplica replicaPath: String, escrowKey: ReplicaEscrowKey) throws
        -> ReplicaKeyFile
    {
        try unlock(forReplica: replicaPath, escrowKey: escrowKey.key)
    }

    /// Wraps the key for `escrowKey` too, replacing an earlier escrow slot.
    public func settingEscrow(_ escrowKey: ReplicaEscrowKey) throws -> ReplicaKeyFile {
        try settingEscrow(escrowKey.key)
    }

    /// Destroys the key file of `replicaPath` (a revoked device): its bytes are overwritten with
    /// random ones and flushed, then it is deleted, so the sealed replica cannot be opened again
    /// with any password or escrow key. Returns whether there was a file. (On a copy-on-write or
    /// flash file system the old blocks may survive the overwrite; the escrow key is deleted at
    /// the central service too, and the password slot needs the password.)
    @discardableResult
    public static func wipe(forReplica replicaPath: String) throws -> Bool {
        let path = path(forReplica: replicaPath)
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<max(size, 1)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            _ = noise.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            _ = fsync(fd)
            _ = close(fd)
        }
        try FileManager.default.removeItem(atPath: path)
        return true
    }
}
