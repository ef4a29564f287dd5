import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt

/// Issues random bearer tokens and checks passwords.
///
/// **Why passwords are pre-hashed.** bcrypt reads at most 72 bytes of a password and stops at
/// the first NUL byte, so on its own it silently ignores whatever follows: a password that
/// shares its first 72 bytes with the real one (36 umlauts) would log in. Refusing longer
/// passwords would forbid the long passphrases that are easiest to remember, and the limit
/// would be in bytes, not in the characters a clerk counts. So every new hash is
/// `hmac-sha256:` followed by the bcrypt hash of the base64 HMAC-SHA256 of the whole password:
/// 44 ASCII bytes without NUL, which bcrypt reads in full. The HMAC key is fixed and public; it
/// only separates these digests from plain SHA-256 ones, so a leaked list of unsalted SHA-256
/// hashes from elsewhere cannot be tried against our bcrypt hashes directly. Hashes without
/// the marker (plain bcrypt, from before) still verify, but only for passwords bcrypt reads
/// in full (at most 72 bytes, no NUL): a longer one cannot be told apart and is refused.
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

    /// The marker of a pre-hashed password hash (see the type's documentation).
    static let preHashMarker = "hmac-sha256:"
    /// The most bytes plain bcrypt reads of a password.
    static let bcryptInputLimit = 72
    /// The fixed HMAC key of the pre-hash.
    private static let preHashKey = Data("clerk-central password pre-hash v1".utf8)

    /// A hash of `password` (cost 4…31; 12 in production): the marker, then bcrypt over the
    /// pre-hash, so every byte of the password counts.
    public static func hashPassword(_ password: String, cost: UInt8 = 12) -> String {
        preHashMarker + Bcrypt.hash(preHash(password), cost: cost)
    }

    /// Whether `password` matches `hash` (a pre-hashed one, or plain bcrypt from before).
    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        if hash.hasPrefix(preHashMarker) {
            return Bcrypt.verify(preHash(password), hash: String(hash.dropFirst(preHashMarker.count)))
        }
        // Plain bcrypt would ignore everything after 72 bytes or a NUL: refuse what it cannot read.
        guard password.utf8.count <= bcryptInputLimit, !password.utf8.contains(0) else {
            _ = Bcrypt.verify("", hash: hash)  // as long as a real check, so timing tells nothing
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// The base64 HMAC-SHA256 of the password's UTF-8: 44 bytes, never a NUL.
    private static func preHash(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: SymmetricKey(data: preHashKey)))
            .base64EncodedString()
    }

    /// Checks a login off the cooperative thread pool (bcrypt is slow on purpose). Without a
    /// hash (unknown user) it checks against a throwaway hash, so both take equally long.
    static func verifyLogin(_ password: String, hash: String?) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let matches = verifyPassword(password, hash: hash ?? unknownUserHash)
                continuation.resume(returning: hash != nil && matches)
            }
        }
    }

    /// A hash no password matches, checked for unknown users.
    private static let unknownUserHash = hashPassword(newToken(), cost: 12)
}
