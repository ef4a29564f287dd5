import Dispatch
import Foundation
import HummingbirdBcrypt

/// Issues random bearer tokens and checks passwords.
public enum Credentials {
    /// A new token: 32 random bytes, base64url without padding.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash under which a token is stored (hex SHA-256).
    public static func tokenHash(_ token: String) -> String { Hashing.sha256Hex(Data(token.utf8)) }

    /// A bcrypt hash of `password` (cost 4…31; 12 in production).
    public static func hashPassword(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches the bcrypt `hash`.
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Checks a login off the cooperative thread pool (bcrypt is slow on purpose). Without a
    /// hash (unknown user) it checks against a throwaway hash, so both take equally long.
    static func verifyLogin(_ password: String, hash: String?) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let matches = Bcrypt.verify(password, hash: hash ?? unknownUserHash)
                continuation.resume(returning: hash != nil && matches)
            }
        }
    }

    /// A hash no password matches, checked for unknown users.
    private static let unknownUserHash = Bcrypt.hash(newToken(), cost: 12)
}
