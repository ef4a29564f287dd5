import Crypto
import Foundation
import _CryptoExtras

/// The cost of deriving a key from a password with scrypt: `n` (a power of two) rounds over
/// blocks of `r`, `p` times. Memory is 128 · n · r · p bytes.
public struct ScryptCost: Codable, Hashable, Sendable {
    public var n: Int
    public var r: Int
    public var p: Int

    public init(n: Int, r: Int, p: Int) {
        self.n = n
        self.r = r
        self.p = p
    }

    /// About 0.3 s on a clerk's workstation in a release build (64 MiB); stored in every key
    /// file, so it can be raised for new files without breaking old ones.
    public static let standard = ScryptCost(n: 1 << 16, r: 8, p: 1)

    /// Whether a key file may ask for this: a power of two from 2 to 2²⁰, r up to 32, p up to
    /// 16, at most 1 GiB of memory — so a changed file cannot make opening take forever.
    var isAcceptable: Bool {
        n >= 2 && n <= 1 << 20 && n & (n - 1) == 0 && (1...32).contains(r) && (1...16).contains(p)
            && 128 * n * r * p <= 1 << 30
    }
}

/// The key file of a sealed replica (`<replica>.key`, JSON, mode 0600, replaced atomically),
/// unlocked.
///
/// It holds the replica's data key and file id (`ReplicaKey`) only wrapped: with AES-256-GCM
/// under a key derived from the clerk's password with scrypt (the salt and cost are in the file),
/// and optionally a second time under an escrow key, so a forgotten password can be replaced
/// without the old one. Changing the password rewraps the same key; the replica's pages are not
/// touched.
public struct ReplicaKeyFile: Sendable {
    /// Where the file is.
    public let path: String
    /// The unwrapped key, for `Replica.open(path:rules:key:)`.
    public let key: ReplicaKey
    /// What the file holds now.
    let stored: Stored

    /// The key file's path for a replica: the replica's path with `.key` appended.
    public static func path(forReplica replicaPath: String) -> String { replicaPath + ".key" }

    /// Creates the key file of a new sealed replica with a new random key, wrapped by `password`
    /// and, if given, by `escrowKey`. Refuses to replace an existing key file. Creates the folder
    /// with mode 0700 if it is missing.
    public static func create(
        forReplica replicaPath: String, password: String, escrowKey: SymmetricKey? = nil,
        cost: ScryptCost = .standard
    ) throws -> ReplicaKeyFile {
        let path = path(forReplica: replicaPath)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ReplicaError.sealed(.keyFileExists(keyFile: path))
        }
        try PrivateFiles.secureFolder((replicaPath as NSString).deletingLastPathComponent)
        let key = ReplicaKey.random()
        var stored = try Stored.wrapping(key, password: password, cost: cost, path: path)
        if let escrowKey { stored.escrow = try Stored.wrap(key, with: escrowKey, slot: .escrow) }
        try stored.write(to: path)
        return ReplicaKeyFile(path: path, key: key, stored: stored)
    }

    /// Reads the key file of `replicaPath` and unwraps its key with `password`. A wrong password
    /// is `SealingProblem.wrongPassword`; nothing is written either way.
    public static func unlock(forReplica replicaPath: String, password: String) throws -> ReplicaKeyFile {
        let path = path(forReplica: replicaPath)
        let stored = try Stored.read(from: path)
        let wrapping = try stored.passwordKey(password, path: path)
        guard let key = Stored.unwrap(stored.password, with: wrapping, slot: .password) else {
            throw ReplicaError.sealed(.wrongPassword(keyFile: path))
        }
        return ReplicaKeyFile(path: path, key: key, stored: stored)
    }

    /// Reads the key file of `replicaPath` and unwraps its key with the escrow key.
    public static func unlock(forReplica replicaPath: String, escrowKey: SymmetricKey) throws
        -> ReplicaKeyFile
    {
        let path = path(forReplica: replicaPath)
        let stored = try Stored.read(from: path)
        guard let escrow = stored.escrow else { throw ReplicaError.sealed(.noEscrowSlot(keyFile: path)) }
        guard let key = Stored.unwrap(escrow, with: escrowKey, slot: .escrow) else {
            throw ReplicaError.sealed(.wrongEscrowKey(keyFile: path))
        }
        return ReplicaKeyFile(path: path, key: key, stored: stored)
    }

    /// Wraps the same key with a new password (new salt; `cost`, or the file's cost when nil) and
    /// replaces the file atomically. The escrow slot stays; the replica's pages are not touched.
    /// Afterwards the old password no longer opens the replica.
    public func rewrap(newPassword: String, cost: ScryptCost? = nil) throws -> ReplicaKeyFile {
        var next = try Stored.wrapping(
            key, password: newPassword, cost: cost ?? stored.scrypt.cost, path: path)
        next.escrow = stored.escrow
        try next.write(to: path)
        return ReplicaKeyFile(path: path, key: key, stored: next)
    }

    /// Wraps the key for `escrowKey` too (replacing an earlier escrow slot) and replaces the file
    /// atomically.
    public func settingEscrow(_ escrowKey: SymmetricKey) throws -> ReplicaKeyFile {
        var next = stored
        next.escrow = try Stored.wrap(key, with: escrowKey, slot: .escrow)
        try next.write(to: path)
        return ReplicaKeyFile(path: path, key: key, stored: next)
    }

    /// The file's content.
    struct Stored: Codable, Sendable {
        var format = Stored.formatName
        var version = 1
        var scrypt: Scrypt
        /// The wrapped key (AES-GCM nonce, ciphertext and tag) for the password.
        var password: Data
        /// The wrapped key for the escrow key, if there is one.
        var escrow: Data?

        static let formatName = "clerk-replica-key"

        struct Scrypt: Codable, Sendable {
            var n: Int
            var r: Int
            var p: Int
            var salt: Data
            var cost: ScryptCost { ScryptCost(n: n, r: r, p: p) }
        }

        /// Which wrapping; bound into the wrapped key's associated data.
        enum Slot: String {
            case password, escrow
            var associatedData: Data { Data("clerk replica key v1 \(rawValue)".utf8) }
        }

        static func wrapping(_ key: ReplicaKey, password: String, cost: ScryptCost, path: String) throws
            -> Stored
        {
            guard !password.isEmpty else { throw ReplicaError.sealed(.emptyPassword) }
            guard cost.isAcceptable else {
                throw ReplicaError.sealed(.keyFileUnwritable(keyFile: path, detail: "scrypt parameters"))
            }
            var generator = SystemRandomNumberGenerator()
            let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let scrypt = Scrypt(n: cost.n, r: cost.r, p: cost.p, salt: salt)
            let wrapping = try derive(password, scrypt)
            return Stored(scrypt: scrypt, password: try wrap(key, with: wrapping, slot: .password))
        }

        static func wrap(_ key: ReplicaKey, with wrapping: SymmetricKey, slot: Slot) throws -> Data {
            let box = try AES.GCM.seal(key.wrappedBytes, using: wrapping, authenticating: slot.associatedData)
            guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
            return combined
        }

        static func unwrap(_ wrapped: Data, with wrapping: SymmetricKey, slot: Slot) -> ReplicaKey? {
            guard let box = try? AES.GCM.SealedBox(combined: wrapped),
                let bytes = try? AES.GCM.open(box, using: wrapping, authenticating: slot.associatedData)
            else { return nil }
            return ReplicaKey(wrappedBytes: bytes)
        }

        /// The key that wraps the data key for `password` (normalised to NFC, so the same word
        /// typed on another keyboard gives the same key).
        func passwordKey(_ password: String, path: String) throws -> SymmetricKey {
            guard scrypt.cost.isAcceptable, scrypt.salt.count >= 16 else {
                throw ReplicaError.sealed(.keyFileUnreadable(keyFile: path, detail: "scrypt parameters"))
            }
            guard !password.isEmpty else { throw ReplicaError.sealed(.wrongPassword(keyFile: path)) }
            return try Self.derive(password, scrypt)
        }

        private static func derive(_ password: String, _ scrypt: Scrypt) throws -> SymmetricKey {
            try KDF.Scrypt.deriveKey(
                from: Array(password.precomposedStringWithCanonicalMapping.utf8), salt: scrypt.salt,
                outputByteCount: 32, rounds: scrypt.n, blockSize: scrypt.r, parallelism: scrypt.p)
        }

        static func read(from path: String) throws -> Stored {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ReplicaError.sealed(.keyFileMissing(keyFile: path))
            }
            let stored: Stored
            do {
                stored = try JSONDecoder().decode(
                    Stored.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ReplicaError.sealed(.keyFileUnreadable(keyFile: path, detail: "not a key file"))
            }
            guard stored.format == formatName, stored.version == 1 else {
                throw ReplicaError.sealed(
                    .keyFileUnreadable(keyFile: path, detail: "format \(stored.version)"))
            }
            return stored
        }

        func write(to path: String) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try PrivateFiles.writeAtomically(try encoder.encode(self), to: path)
        }
    }
}
