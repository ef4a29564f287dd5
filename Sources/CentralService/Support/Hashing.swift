import Crypto
import Foundation

/// SHA-256 helpers.
enum Hashing {
    /// The lowercase hex SHA-256 of `data`.
    static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
