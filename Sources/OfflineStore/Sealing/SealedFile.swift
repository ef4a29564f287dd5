import Foundation
import GRDBSQLite

/// One open sealed file: what the sealing VFS keeps in the `sqlite3_file` buffer SQLite gave it
/// (see `SealingVFS`), and how its reads and writes are sealed.
///
/// - **Database**: whole pages only (4096 bytes at multiples of 4096); each page is sealed on
///   write and opened on read. A read of part of a page (SQLite reads the 100-byte header) opens
///   the whole page and returns the part. A page that fails authentication is
///   `SQLITE_IOERR_DATA`: SQLite reports an error, never garbage. Reads past the end behave like
///   the base VFS's (zeros and `SQLITE_IOERR_SHORT_READ`). Page 1 is written only if its header
///   declares 4096-byte pages with 28 reserved bytes, so SQLite never puts data where the nonce
///   and tag go.
/// - **Write-ahead log**: its 32-byte header and the frames' 24-byte headers hold no content and
///   stay as written, except each frame's checksum, which is masked (see
///   `SealingKeys.checksumMask`); each frame's page is sealed like a database page, at its
///   offset in the log. A read of a page alone (a reader, the checkpointer) that fails
///   authentication is `SQLITE_IOERR_DATA`. A read of a whole frame (SQLite's recovery after a
///   crash) gets zeros for a page that fails authentication, so SQLite's own checksum ends the
///   log there, as after a torn write.
/// - **Rollback journal**: the replica is in WAL mode and never needs one with content; only its
///   header (at sector boundaries) and the 4-byte fields around a page record may be written, so
///   a page record — plaintext — is refused with `SQLITE_IOERR_WRITE`.
///
/// One file is used by one connection at a time (SQLite's and GRDB's serialisation), so the
/// scratch buffers need no lock.
final class SealedFile {
    let keys: SealingKeys
    let kind: SealedFileKind
    /// The base VFS's file, inside the same buffer.
    let base: UnsafeMutablePointer<sqlite3_file>
    let baseMethods: UnsafePointer<sqlite3_io_methods>
    /// One page as stored: ciphertext, nonce, tag.
    private let stored: UnsafeMutableRawPointer
    /// One page as SQLite sees it.
    private let plain: UnsafeMutableRawPointer
    /// One log frame header.
    private let frameHeader: UnsafeMutableRawPointer
    /// The page number of the log frame whose header was written last, and where that frame is.
    private var lastFrame: (offset: Int64, pageNumber: UInt32)?

    init(
        keys: SealingKeys, kind: SealedFileKind, base: UnsafeMutablePointer<sqlite3_file>,
        baseMethods: UnsafePointer<sqlite3_io_methods>
    ) {
        self.keys = keys
        self.kind = kind
        self.base = base
        self.baseMethods = baseMethods
        stored = .allocate(byteCount: SealedPage.size, alignment: 16)
        plain = .allocate(byteCount: SealedPage.size, alignment: 16)
        frameHeader = .allocate(byteCount: Int(LogUnit.frameHeaderCount), alignment: 8)
    }

    deinit {
        stored.deallocate()
        plain.deallocate()
        frameHeader.deallocate()
    }

    private var storedPage: UnsafeMutableRawBufferPointer { .init(start: stored, count: SealedPage.size) }
    private var plainPage: UnsafeMutableRawBufferPointer { .init(start: plain, count: SealedPage.size) }

    // MARK: Reading

    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        switch kind {
        case .database: readDatabase(buffer, count, offset)
        case .wal: readLog(buffer, count, offset)
        case .journal: baseRead(buffer, count, offset)
        }
    }

    private func readDatabase(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        let pageSize = Int64(SealedPage.size)
        var result = SQLITE_OK
        var position = offset
        let end = offset + Int64(count)
        while position < end {
            let pageStart = position - position % pageSize
            let within = Int(position - pageStart)
            let length = min(SealedPage.size - within, Int(end - position))
            let destination = buffer.advanced(by: Int(position - offset))
            position += Int64(length)
            let rc = baseRead(stored, SealedPage.size, pageStart)
            if rc == IOCode.shortRead {
                guard let size = baseSize() else { return IOCode.fstat }
                // A page that is only partly there cannot be authenticated.
                guard size <= pageStart else { return IOCode.data }
                destination.initializeMemory(as: UInt8.self, repeating: 0, count: length)
                result = IOCode.shortRead
                continue
            }
            guard rc == SQLITE_OK else { return rc }
            guard
                keys.open(
                    UnsafeRawBufferPointer(storedPage), into: plainPage, kind: .database, offset: pageStart)
            else { return IOCode.data }
            destination.copyMemory(from: plain.advanced(by: within), byteCount: length)
        }
        return result
    }

    private func readLog(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        let result = baseRead(buffer, count, offset)
        guard result == SQLITE_OK || result == IOCode.shortRead else { return result }
        var fileSize = Int64.max
        if result == IOCode.shortRead {
            guard let size = baseSize() else { return IOCode.fstat }
            fileSize = size
        }
        let end = offset + Int64(count)
        var position = offset
        while position < end {
            let unit = LogUnit.containing(position)
            position = unit.end
            // Past the end of the file the base VFS left zeros; a torn frame header stays as read.
            guard unit.end <= fileSize || unit.part == .page else { continue }
            guard unit.start < fileSize else { continue }
            let from = max(unit.start, offset)
            let length = Int(min(unit.end, end) - from)
            let destination = buffer.advanced(by: Int(from - offset))
            let within = Int(from - unit.start)
            let held = unit.start >= offset && unit.end <= end
            let unitInBuffer = buffer.advanced(by: Int(unit.start - offset))
            switch unit.part {
            case .logHeader:
                continue
            case .frameHeader:
                if held {
                    frameHeader.copyMemory(from: unitInBuffer, byteCount: Int(LogUnit.frameHeaderCount))
                } else {
                    let rc = baseRead(frameHeader, Int(LogUnit.frameHeaderCount), unit.start)
                    guard rc == SQLITE_OK else { return rc == IOCode.shortRead ? IOCode.data : rc }
                }
                maskChecksum(frame: unit.frame)
                destination.copyMemory(from: frameHeader.advanced(by: within), byteCount: length)
            case .page:
                // A read of the whole frame is SQLite's recovery (or its checksum rewrite).
                let wholeFrame = offset <= unit.frame && end >= unit.end
                var authentic = false
                if unit.end <= fileSize {
                    if held {
                        stored.copyMemory(from: unitInBuffer, byteCount: SealedPage.size)
                    } else {
                        let rc = baseRead(stored, SealedPage.size, unit.start)
                        guard rc == SQLITE_OK || rc == IOCode.shortRead else { return rc }
                        if rc == IOCode.shortRead { return IOCode.data }
                    }
                    authentic = keys.open(
                        UnsafeRawBufferPointer(storedPage), into: plainPage, kind: .wal, offset: unit.start)
                }
                if authentic {
                    destination.copyMemory(from: plain.advanced(by: within), byteCount: length)
                } else if wholeFrame {
                    destination.initializeMemory(as: UInt8.self, repeating: 0, count: length)
                } else {
                    return IOCode.data
                }
            }
        }
        return result
    }

    // MARK: Writing

    func write(_ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        switch kind {
        case .database: writeDatabase(buffer, count, offset)
        case .wal: writeLog(buffer, count, offset)
        case .journal:
            // Sector-aligned writes are journal headers; 4-byte ones a record's page number or checksum.
            count <= 8 || offset % 512 == 0 ? baseWrite(buffer, count, offset) : IOCode.write
        }
    }

    private func writeDatabase(_ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        guard offset % Int64(SealedPage.size) == 0, count % SealedPage.size == 0 else { return IOCode.write }
        for index in 0..<(count / SealedPage.size) {
            let page = UnsafeRawBufferPointer(
                start: buffer.advanced(by: index * SealedPage.size), count: SealedPage.size)
            let pageStart = offset + Int64(index * SealedPage.size)
            if pageStart == 0 && !Self.isSealableFirstPage(page) { return IOCode.write }
            let rc = sealAndWrite(page, at: pageStart, kind: .database)
            guard rc == SQLITE_OK else { return rc }
        }
        return SQLITE_OK
    }

    private func writeLog(_ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        let end = offset + Int64(count)
        var position = offset
        while position < end {
            let unit = LogUnit.containing(position)
            position = unit.end
            let from = max(unit.start, offset)
            let to = min(unit.end, end)
            let source = buffer.advanced(by: Int(from - offset))
            let rc: Int32
            switch unit.part {
            case .logHeader:
                rc = baseWrite(source, Int(to - from), from)
            case .frameHeader:
                guard from == unit.start, to == unit.end else { return IOCode.write }
                frameHeader.copyMemory(from: source, byteCount: Int(LogUnit.frameHeaderCount))
                let pageNumber = Self.bigEndian(frameHeader)
                maskChecksum(frame: unit.frame)
                rc = baseWrite(frameHeader, Int(LogUnit.frameHeaderCount), unit.start)
                if rc == SQLITE_OK { lastFrame = (unit.frame, pageNumber) }
            case .page:
                guard from == unit.start, to == unit.end, let pageNumber = pageNumber(ofFrame: unit.frame)
                else {
                    return IOCode.write
                }
                let page = UnsafeRawBufferPointer(start: source, count: SealedPage.size)
                if pageNumber == 1 && !Self.isSealableFirstPage(page) { return IOCode.write }
                rc = sealAndWrite(page, at: unit.start, kind: .wal)
            }
            guard rc == SQLITE_OK else { return rc }
        }
        return SQLITE_OK
    }

    private func sealAndWrite(_ page: UnsafeRawBufferPointer, at offset: Int64, kind: SealedFileKind) -> Int32
    {
        do {
            try keys.seal(page, into: storedPage, kind: kind, offset: offset)
        } catch {
            return IOCode.write
        }
        return baseWrite(stored, SealedPage.size, offset)
    }

    /// The page number in the header of the log frame at `frame`: remembered from writing the
    /// header, else read (SQLite rewrites a page of its current transaction in place).
    private func pageNumber(ofFrame frame: Int64) -> UInt32? {
        if let lastFrame, lastFrame.offset == frame { return lastFrame.pageNumber }
        guard baseRead(frameHeader, 4, frame) == SQLITE_OK else { return nil }
        return Self.bigEndian(frameHeader)
    }

    /// XORs the checksum of the frame header in `frameHeader` with its mask (masks and unmasks).
    private func maskChecksum(frame: Int64) {
        keys.applyChecksumMask(
            to: UnsafeMutableRawBufferPointer(start: frameHeader.advanced(by: 16), count: 8),
            frameOffset: frame,
            salts: UnsafeRawBufferPointer(start: frameHeader.advanced(by: 8), count: 8))
    }

    /// Whether page 1 declares what sealing needs: 4096-byte pages (bytes 16–17, big-endian)
    /// and 28 reserved bytes per page (byte 20).
    static func isSealableFirstPage(_ page: UnsafeRawBufferPointer) -> Bool {
        page.count > 20 && page[16] == 0x10 && page[17] == 0x00 && page[20] == UInt8(SealedPage.reserved)
    }

    private static func bigEndian(_ bytes: UnsafeRawPointer) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes.load(fromByteOffset: $1, as: UInt8.self)) }
    }

    // MARK: The base file

    private func baseRead(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        baseMethods.pointee.xRead?(base, buffer, Int32(count), offset) ?? IOCode.read
    }

    private func baseWrite(_ buffer: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int32 {
        baseMethods.pointee.xWrite?(base, buffer, Int32(count), offset) ?? IOCode.write
    }

    private func baseSize() -> Int64? {
        var size: sqlite3_int64 = 0
        guard baseMethods.pointee.xFileSize?(base, &size) == SQLITE_OK else { return nil }
        return size
    }
}

/// A part of a write-ahead log with 4096-byte pages: the log's header, a frame's header or a
/// frame's page.
struct LogUnit {
    enum Part { case logHeader, frameHeader, page }
    static let logHeaderCount: Int64 = 32
    static let frameHeaderCount: Int64 = 24
    static let frameCount: Int64 = 24 + Int64(SealedPage.size)

    let part: Part
    let start: Int64
    let end: Int64
    /// Where the frame begins (its header); 0 for the log's header.
    let frame: Int64

    /// The part that holds byte `position`.
    static func containing(_ position: Int64) -> LogUnit {
        guard position >= logHeaderCount else {
            return LogUnit(part: .logHeader, start: 0, end: logHeaderCount, frame: 0)
        }
        let frame = logHeaderCount + (position - logHeaderCount) / frameCount * frameCount
        guard position >= frame + frameHeaderCount else {
            return LogUnit(part: .frameHeader, start: frame, end: frame + frameHeaderCount, frame: frame)
        }
        return LogUnit(part: .page, start: frame + frameHeaderCount, end: frame + frameCount, frame: frame)
    }
}
