import Crypto
import Foundation

/// The layout of a sealed page: SQLite's page of 4096 bytes, the last 28 of which SQLite keeps
/// free (its per-page reserved bytes) for the nonce and the tag.
enum SealedPage {
    /// Bytes per page; a sealed database uses no other page size.
    static let size = 4096
    /// Bytes SQLite leaves unused at the end of every page (header byte 20 of the database).
    static let reserved = 28
    /// The bytes of a page that are encrypted: everything SQLite uses.
    static let contentCount = size - reserved
    static let nonceCount = 12
    static let tagCount = 16
}

/// What a sealed file is; bound into every page's associated data, so a page of the log cannot
/// pass for a page of the database or the other way round.
enum SealedFileKind: UInt8, Sendable {
    case database = 1
    case wal = 2
    /// A rollback journal: only its header may be written (see `SealedFile`).
    case journal = 3
}

/// The keys of one sealed replica, derived from its data key, shared by all its open files.
///
/// Pages are sealed with AES-256-GCM under `pageKey`, with a fresh random 96-bit nonce for every
/// write. The associated data binds a page to its replica (the file id), its file kind and its
/// offset, so a page that is changed, moved within the file or copied from another replica fails
/// to open. `maskKey` hides the log's frame checksums (see `checksumMask`). `rescueKey` seals
/// the rescue file of a damaged replica (see `SealedRescue`).
///
/// The keys are derived once per registration of a replica, not per page; the checksum mask's
/// HMAC is kept keyed (its key blocks and the constant start of its message already hashed), so
/// a mask costs two SHA-256 blocks.
///
/// Sendable by hand: every property is immutable, and `SymmetricKey` and `HMAC` are immutable
/// values (an `HMAC` is copied before it is updated) that swift-crypto 3.12 does not mark
/// `Sendable`.
final class SealingKeys: @unchecked Sendable {
    let pageKey: SymmetricKey
    let maskKey: SymmetricKey
    let rescueKey: SymmetricKey
    /// The replica's random 16-byte file id.
    let fileID: [UInt8]
    /// The mask's HMAC with the start of every message — a label and the file id — hashed.
    private let maskAuthenticator: HMAC<SHA256>

    init(_ key: ReplicaKey) {
        let salt = Array(key.fileID)
        func derive(_ label: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(
                inputKeyMaterial: key.dataKey, salt: salt, info: Array(label.utf8), outputByteCount: 32)
        }
        pageKey = derive("clerk replica page v1")
        maskKey = derive("clerk replica wal checksum v1")
        rescueKey = derive("clerk replica rescue v1")
        fileID = salt
        var authenticator = HMAC<SHA256>(key: maskKey)
        authenticator.update(data: Array("wal checksum".utf8) + salt)
        maskAuthenticator = authenticator
    }

    /// Whether both describe the same replica with the same key.
    func matches(_ other: SealingKeys) -> Bool {
        fileID == other.fileID && pageKey == other.pageKey
    }

    /// Seals the content of the page `plain` (its first `SealedPage.contentCount` bytes) into
    /// `sealed` (a whole page: ciphertext, nonce, tag).
    func seal(
        _ plain: UnsafeRawBufferPointer, into sealed: UnsafeMutableRawBufferPointer, kind: SealedFileKind,
        offset: Int64
    ) throws {
        let content = UnsafeRawBufferPointer(rebasing: plain[0..<SealedPage.contentCount])
        let box = try withAssociatedData(kind: kind, offset: offset) { data in
            try AES.GCM.seal(content, using: pageKey, nonce: AES.GCM.Nonce(), authenticating: data)
        }
        // `combined` is nonce, ciphertext, tag; the page keeps the ciphertext where the content was.
        guard let combined = box.combined, combined.count == SealedPage.size else {
            throw CryptoKitError.incorrectParameterSize
        }
        combined.withUnsafeBytes { bytes in
            let nonceEnd = SealedPage.nonceCount
            let ciphertextEnd = nonceEnd + SealedPage.contentCount
            UnsafeMutableRawBufferPointer(rebasing: sealed[0..<SealedPage.contentCount]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[nonceEnd..<ciphertextEnd]))
            UnsafeMutableRawBufferPointer(rebasing: sealed[SealedPage.contentCount..<ciphertextEnd])
                .copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[0..<nonceEnd]))
            UnsafeMutableRawBufferPointer(rebasing: sealed[ciphertextEnd..<SealedPage.size]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[ciphertextEnd..<SealedPage.size]))
        }
    }

    /// Opens the sealed page `sealed` into `plain` (the reserved bytes become zeros); false when
    /// it fails authentication (changed, moved, from another replica or another key), in which
    /// case `plain` is left as it was.
    func open(
        _ sealed: UnsafeRawBufferPointer, into plain: UnsafeMutableRawBufferPointer, kind: SealedFileKind,
        offset: Int64
    ) -> Bool {
        let content = SealedPage.contentCount
        let tagStart = content + SealedPage.nonceCount
        guard
            let nonce = try? AES.GCM.Nonce(
                data: UnsafeRawBufferPointer(rebasing: sealed[content..<tagStart])),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: UnsafeRawBufferPointer(rebasing: sealed[0..<content]),
                tag: UnsafeRawBufferPointer(rebasing: sealed[tagStart..<SealedPage.size])),
            let opened = try? withAssociatedData(
                kind: kind, offset: offset,
                { data in try AES.GCM.open(box, using: pageKey, authenticating: data) }),
            opened.count == content
        else { return false }
        opened.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: plain[0..<content]))
        UnsafeMutableRawBufferPointer(rebasing: plain[content..<SealedPage.size]).initializeMemory(
            as: UInt8.self, repeating: 0)
        return true
    }

    /// The 8 bytes XORed onto a log frame's checksum (bytes 16..<24 of its header).
    ///
    /// SQLite's frame checksums are computed over the plaintext page and chained from frame to
    /// frame; stored as they are, each would be a 64-bit linear function of a page's content next
    /// to the previous frame's checksum, enough to confirm guesses about a page. The mask is an
    /// HMAC of the frame's offset and the log's salts (bytes 8..<16 of the same header), so it is
    /// computed from the header alone, when it is written and when it is read.
    func checksumMask(frameOffset: Int64, salts: UnsafeRawBufferPointer) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: 8)
        mask.withUnsafeMutableBytes { applyChecksumMask(to: $0, frameOffset: frameOffset, salts: salts) }
        return mask
    }

    /// XORs the mask of `checksumMask(frameOffset:salts:)` onto the 8 bytes of `checksum`.
    func applyChecksumMask(
        to checksum: UnsafeMutableRawBufferPointer, frameOffset: Int64, salts: UnsafeRawBufferPointer
    ) {
        var authenticator = maskAuthenticator
        withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { message in
            message.storeBytes(of: frameOffset.bigEndian, toByteOffset: 0, as: Int64.self)
            UnsafeMutableRawBufferPointer(rebasing: message[8..<16]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: salts.prefix(8)))
            authenticator.update(data: UnsafeRawBufferPointer(message))
        }
        let code = authenticator.finalize()
        code.withUnsafeBytes { mask in
            for index in 0..<8 { checksum[index] ^= mask[index] }
        }
    }

    /// File id, kind and big-endian offset: 25 bytes.
    private func withAssociatedData<T>(
        kind: SealedFileKind, offset: Int64, _ body: (UnsafeRawBufferPointer) throws -> T
    ) rethrows -> T {
        try withUnsafeTemporaryAllocation(byteCount: 25, alignment: 1) { buffer in
            fileID.withUnsafeBytes { id in
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<16]).copyMemory(from: id)
            }
            buffer[16] = kind.rawValue
            withUnsafeBytes(of: offset.bigEndian) { bytes in
                UnsafeMutableRawBufferPointer(rebasing: buffer[17..<25]).copyMemory(from: bytes)
            }
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }
}
