import CaseModel
import Foundation

/// The stored form of a whole case in `case_central.body`: a compact binary encoding.
///
/// Opening a case decodes its body, and Foundation's `JSONDecoder` made that several times
/// slower than reading the row. This hand-written format is read in one pass without parsing
/// text: a format byte, then every field of `Case` in declaration order; strings are a varint
/// byte count and UTF-8, integers are zigzag varints, dates the bits of their
/// `timeIntervalSinceReferenceDate`, UUIDs their 16 bytes, optionals a 0/1 tag, collections a
/// varint count. Bodies written by schema versions before 3 are JSON text and are still read
/// (`decode` tells them apart by the first byte: JSON starts with `{`); a case is rewritten in
/// this format the next time it is pulled.
///
/// Format 2 (schema version 4) adds who wrote each conflict's other value and the case's field
/// authors; format 1 bodies are still read (without them) and are rewritten when pulled again.
enum CaseBody {
    /// The first byte of a binary body without field authors; JSON bodies start with `{` (0x7B).
    static let formatV1: UInt8 = 0x01
    /// The first byte of a binary body with field authors: the format written now.
    static let formatV2: UInt8 = 0x02

    static func encode(_ c: Case) -> Data {
        var w = BodyWriter()
        w.byte(formatV2)
        w.uuid(c.id)
        w.string(c.number)
        w.string(c.serviceID)
        w.int(Int64(c.formVersion))
        w.string(c.orgUnit)
        w.string(c.channel.rawValue)
        w.string(c.state)
        w.optionalUUID(c.citizenID)
        w.fields(c.fields)
        w.optionalString(c.assignee)
        w.optional(c.claim) { w, claim in
            w.string(claim.clerk)
            w.date(claim.until)
        }
        w.date(c.receivedAt)
        w.date(c.stateSince)
        w.date(c.lastActivityAt)
        w.count(c.slaPauses.count)
        for pause in c.slaPauses {
            w.int(Int64(pause.start.dayNumber))
            w.optional(pause.end) { w, end in w.int(Int64(end.dayNumber)) }
        }
        w.optionalString(c.enteredBy)
        w.count(c.comments.count)
        for comment in c.comments {
            w.uuid(comment.id)
            w.string(comment.clerk)
            w.date(comment.at)
            w.string(comment.text)
        }
        w.count(c.conflicts.count)
        for conflict in c.conflicts {
            w.string(conflict.field)
            w.optionalValue(conflict.base)
            w.optionalValue(conflict.mine)
            w.optionalValue(conflict.theirs)
            w.uuid(conflict.operationID)
            w.string(conflict.clerk)
            w.optionalString(conflict.theirsClerk)
        }
        w.count(c.fieldAuthors.count)
        for field in c.fieldAuthors.keys.sorted() {
            w.string(field)
            w.string(c.fieldAuthors[field] ?? "")
        }
        w.int(c.version)
        return Data(w.bytes)
    }

    /// Decodes a stored body: the binary format (1 or 2), or JSON as written before schema
    /// version 3.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Case {
        guard let first = bytes.first else { throw BodyError.truncated }
        guard first == formatV1 || first == formatV2 else {
            return try JSONDecoder().decode(Case.self, from: Data(bytes))
        }
        let withAuthors = first == formatV2
        var r = BodyReader(bytes: bytes, offset: 1)
        let id = try r.uuid()
        let number = try r.string()
        let serviceID = try r.string()
        let formVersion = Int(try r.int())
        let orgUnit = try r.string()
        guard let channel = Channel(rawValue: try r.string()) else { throw BodyError.invalid("channel") }
        let state = try r.string()
        let citizenID = try r.optionalUUID()
        let fields = try r.fields()
        let assignee = try r.optionalString()
        let claim: Claim? = try r.flag() ? Claim(clerk: try r.string(), until: try r.date()) : nil
        let receivedAt = try r.date()
        let stateSince = try r.date()
        let lastActivityAt = try r.date()
        var pauses: [SLAPause] = []
        let pauseCount = try r.count()
        pauses.reserveCapacity(pauseCount)
        for _ in 0..<pauseCount {
            let start = LocalDate(dayNumber: Int(try r.int()))
            let end = try r.flag() ? LocalDate(dayNumber: Int(try r.int())) : nil
            pauses.append(SLAPause(start: start, end: end))
        }
        let enteredBy = try r.optionalString()
        var comments: [Comment] = []
        let commentCount = try r.count()
        comments.reserveCapacity(commentCount)
        for _ in 0..<commentCount {
            comments.append(
                Comment(id: try r.uuid(), clerk: try r.string(), at: try r.date(), text: try r.string()))
        }
        var conflicts: [FieldConflict] = []
        let conflictCount = try r.count()
        conflicts.reserveCapacity(conflictCount)
        for _ in 0..<conflictCount {
            var conflict = FieldConflict(
                field: try r.string(), base: try r.optionalValue(), mine: try r.optionalValue(),
                theirs: try r.optionalValue(), operationID: try r.uuid(), clerk: try r.string())
            if withAuthors { conflict.theirsClerk = try r.optionalString() }
            conflicts.append(conflict)
        }
        var fieldAuthors: [String: String] = [:]
        if withAuthors {
            let authorCount = try r.count()
            fieldAuthors.reserveCapacity(authorCount)
            for _ in 0..<authorCount {
                let field = try r.string()
                fieldAuthors[field] = try r.string()
            }
        }
        let version = try r.int()
        guard r.offset == bytes.count else { throw BodyError.invalid("trailing bytes") }
        return Case(
            id: id, number: number, serviceID: serviceID, formVersion: formVersion, orgUnit: orgUnit,
            channel: channel, state: state, citizenID: citizenID, fields: fields, assignee: assignee,
            claim: claim, receivedAt: receivedAt, stateSince: stateSince, lastActivityAt: lastActivityAt,
            slaPauses: pauses, enteredBy: enteredBy, comments: comments, conflicts: conflicts,
            version: version, fieldAuthors: fieldAuthors)
    }

    static func decode(_ data: Data) throws -> Case {
        try data.withUnsafeBytes { try decode($0) }
    }

    enum BodyError: Error, CustomStringConvertible {
        case truncated
        case invalid(String)

        var description: String {
            switch self {
            case .truncated: "case body truncated"
            case .invalid(let what): "case body invalid: \(what)"
            }
        }
    }
}

/// Appends the primitives of `CaseBody`.
private struct BodyWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func count(_ n: Int) { varint(UInt64(n)) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A 0/1 tag, then the value if there is one.
    mutating func optional<T>(_ value: T?, _ write: (inout BodyWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    mutating func optionalString(_ s: String?) { optional(s) { $0.string($1) } }

    mutating func uuid(_ id: UUID) {
        withUnsafeBytes(of: id.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func optionalUUID(_ id: UUID?) { optional(id) { $0.uuid($1) } }

    mutating func date(_ d: Date) {
        withUnsafeBytes(of: d.timeIntervalSinceReferenceDate.bitPattern.littleEndian) {
            bytes.append(contentsOf: $0)
        }
    }

    mutating func fields(_ fields: [String: FieldValue]) {
        count(fields.count)
        for key in fields.keys.sorted() {
            string(key)
            if let v = fields[key] { value(v) }
        }
    }

    mutating func optionalValue(_ v: FieldValue?) { optional(v) { $0.value($1) } }

    mutating func value(_ v: FieldValue) {
        switch v {
        case .text(let s):
            byte(1)
            string(s)
        case .number(let d):
            byte(2)
            string(NSDecimalNumber(decimal: d).stringValue)
        case .money(let cents):
            byte(3)
            int(cents)
        case .date(let d):
            byte(4)
            int(Int64(d.dayNumber))
        case .bool(let b):
            byte(b ? 6 : 5)
        case .choice(let code):
            byte(7)
            string(code)
        case .name(let n):
            byte(8)
            string(n.given)
            string(n.family)
        case .address(let a):
            byte(9)
            string(a.street)
            string(a.houseNumber)
            string(a.postcode)
            string(a.city)
        case .rows(let rows):
            byte(10)
            count(rows.count)
            for row in rows { fields(row) }
        }
    }
}

/// Reads the primitives of `CaseBody`, checking every length against the buffer.
private struct BodyReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw CaseBody.BodyError.truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func flag() throws -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw CaseBody.BodyError.invalid("flag")
        }
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw CaseBody.BodyError.invalid("varint") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func count() throws -> Int {
        let n = try varint()
        guard n <= UInt64(bytes.count - offset) else { throw CaseBody.BodyError.truncated }
        return Int(n)
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? { try flag() ? try string() : nil }

    mutating func uuid() throws -> UUID {
        guard bytes.count - offset >= 16 else { throw CaseBody.BodyError.truncated }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 16]))
        }
        offset += 16
        return UUID(uuid: raw)
    }

    mutating func optionalUUID() throws -> UUID? { try flag() ? try uuid() : nil }

    mutating func date() throws -> Date {
        guard bytes.count - offset >= 8 else { throw CaseBody.BodyError.truncated }
        let bits = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: UInt64(littleEndian: bits)))
    }

    mutating func fields() throws -> [String: FieldValue] {
        let n = try count()
        var result: [String: FieldValue] = [:]
        result.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            result[key] = try value()
        }
        return result
    }

    mutating func optionalValue() throws -> FieldValue? { try flag() ? try value() : nil }

    mutating func value() throws -> FieldValue {
        switch try byte() {
        case 1: return .text(try string())
        case 2:
            let text = try string()
            guard let d = Decimal(string: text, locale: nil) else {
                throw CaseBody.BodyError.invalid("number")
            }
            return .number(d)
        case 3: return .money(cents: try int())
        case 4: return .date(LocalDate(dayNumber: Int(try int())))
        case 5: return .bool(false)
        case 6: return .bool(true)
        case 7: return .choice(try string())
        case 8: return .name(PersonName(given: try string(), family: try string()))
        case 9:
            return .address(
                PostalAddress(
                    street: try string(), houseNumber: try string(), postcode: try string(),
                    city: try string()))
        case 10:
            let n = try count()
            var rows: [[String: FieldValue]] = []
            rows.reserveCapacity(n)
            for _ in 0..<n { rows.append(try fields()) }
            return .rows(rows)
        default: throw CaseBody.BodyError.invalid("value type")
        }
    }
}
