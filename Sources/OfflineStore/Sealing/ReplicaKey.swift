import Crypto
import Foundation

/// The unwrapped key of a sealed replica: its random 256-bit data key and its random 16-byte
/// file id. It exists only in memory; on disk it is stored wrapped in the replica's key file
/// (`ReplicaKeyFile`). Pass it to `Replica.open(path:rules:key:)`.
///
/// Sendable by hand: `SymmetricKey` is an immutable value that swift-crypto 3.12 does not mark
/// `Sendable`.
public struct ReplicaKey: @unchecked Sendable {
    let dataKey: SymmetricKey
    let fileID: Data

    /// Bytes of a wrapped key: the data key, then the file id.
    static let wrappedCount = 48

    init(dataKey: SymmetricKey, fileID: Data) {
        self.dataKey = dataKey
        self.fileID = fileID
    }

    /// A new random key for a new replica.
    static func random() -> ReplicaKey {
        var id = SystemRandomNumberGenerator()
        let fileID = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &id) })
        return ReplicaKey(dataKey: SymmetricKey(size: .bits256), fileID: fileID)
    }

    /// The key and id as the bytes that are wrapped.
    var wrappedBytes: Data {
        var bytes = dataKey.withUnsafeBytes { Data($0) }
        bytes.append(fileID)
        return bytes
    }

    /// The key from unwrapped bytes; nil unless there are exactly `wrappedCount` of them.
    init?(wrappedBytes bytes: Data) {
        guard bytes.count == Self.wrappedCount else { return nil }
        self.init(
            dataKey: SymmetricKey(data: bytes.prefix(32)),
            fileID: Data(bytes.suffix(from: bytes.startIndex + 32)))
    }
}
