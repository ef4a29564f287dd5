import Crypto
import Foundation

/// The rescue file of a sealed replica: the rescue's JSON sealed with AES-256-GCM under the
/// replica's rescue key (HKDF-SHA256 from its data key, label "clerk replica rescue v1").
///
/// Layout: the 24-byte `magic`, the replica's 16-byte file id (in the clear, to find its key),
/// a random 12-byte nonce, the ciphertext and the 16-byte tag. The associated data is the magic
/// and the file id, so a file whose id was changed, or one of another replica, fails to open,
/// like a flipped byte anywhere in it.
enum SealedRescue {
    static let magic = Array("clerk sealed rescue v1\n\u{0}".utf8)
    private static let idCount = 16
    private static let headerCount = magic.count + idCount

    /// Whether `data` is a sealed rescue file (it starts with the magic).
    static func isSealed(_ data: Data) -> Bool {
        data.count >= magic.count && data.prefix(magic.count).elementsEqual(magic)
    }

    /// The file id a sealed rescue names, nil if it is too short to have one.
    static func fileID(of data: Data) -> [UInt8]? {
        guard data.count >= headerCount else { return nil }
        return Array(data[data.startIndex + magic.count..<data.startIndex + headerCount])
    }

    /// The rescue's bytes sealed with `keys`.
    static func seal(_ plain: Data, keys: SealingKeys) throws -> Data {
        let header = magic + keys.fileID
        let box = try AES.GCM.seal(plain, using: keys.rescueKey, authenticating: header)
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return Data(header) + combined
    }

    /// The rescue's bytes from a sealed rescue file at `path`; refused (`rescueRefused`) if it
    /// was changed, is damaged or belongs to another replica.
    static func open(_ data: Data, keys: SealingKeys, path: String) throws -> Data {
        guard isSealed(data), fileID(of: data) == keys.fileID,
            let box = try? AES.GCM.SealedBox(combined: data.dropFirst(headerCount)),
            let plain = try? AES.GCM.open(box, using: keys.rescueKey, authenticating: magic + keys.fileID)
        else { throw ReplicaError.sealed(.rescueRefused(path: path)) }
        return plain
    }
}

extension ReplicaRescue {
    /// Reads a rescue file: a plain one as it is, a sealed one (written by a sealed replica) with
    /// `key`. Without `key`, a sealed rescue is opened with the key of its replica if that is
    /// open in this process (as it is when it is rebuilt), else refused as `rescueNeedsKey`.
    /// A sealed rescue that was changed or does not belong to the key is refused as
    /// `rescueRefused`; nothing of it is used.
    public static func read(path: String, key: ReplicaKey? = nil) throws -> ReplicaRescue {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard SealedRescue.isSealed(data) else { return try decode(data) }
        let keys: SealingKeys
        if let key {
            keys = SealingKeys(key)
        } else if let id = SealedRescue.fileID(of: data), let registered = SealedFiles.keys(forFileID: id) {
            keys = registered
        } else {
            throw ReplicaError.sealed(.rescueNeedsKey(path: path))
        }
        return try decode(SealedRescue.open(data, keys: keys, path: path))
    }

    private static func decode(_ data: Data) throws -> ReplicaRescue {
        try JSONDecoder().decode(ReplicaRescue.self, from: data)
    }
}

extension Replica {
    /// Reads a rescue file with this replica's key (see `ReplicaRescue.read(path:key:)`).
    public func readRescue(path rescuePath: String) throws -> ReplicaRescue {
        guard let sealing else { return try ReplicaRescue.read(path: rescuePath) }
        let data = try Data(contentsOf: URL(fileURLWithPath: rescuePath))
        guard SealedRescue.isSealed(data) else { return try ReplicaRescue.read(path: rescuePath) }
        return try JSONDecoder().decode(
            ReplicaRescue.self, from: SealedRescue.open(data, keys: sealing.keys, path: rescuePath))
    }
}
