import CaseModel
import Foundation

/// Decodes an `Operation` and refuses keys that CaseModel's coding does not write, at every
/// depth (the operation, its kind, a new case, its citizen with name and address, and every
/// field value, also inside repeat rows), and integers that do not fit their type.
///
/// The allowed keys are learned once by encoding a sample of every kind with every optional
/// value set, so they follow CaseModel when it grows. CaseModel's own decoding stays lenient:
/// the workstation reads its stored JSON with it.
struct StrictOperation: Decodable {
    let operation: CaseModel.Operation

    init(from decoder: any Decoder) throws {
        let keys = OperationKeys.shared
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        try rejectUnknownKeys(in: c, allowed: keys.operation)
        try Self.checkInteger(Int64.self, in: c, "baseVersion")
        let kindKey = AnyCodingKey("kind")
        let kind = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: kindKey)
        let name = try kind.decode(String.self, forKey: kindKey)
        guard let allowed = keys.kinds[name] else { throw WireDecodingError.unknownOperationKind(name) }
        try rejectUnknownKeys(in: kind, allowed: allowed)
        if let citizen = try Self.object(in: kind, "citizen") { try Self.checkCitizen(citizen, keys: keys) }
        switch name {
        case "create_case":
            if let newCase = try Self.object(in: kind, "new_case") {
                try Self.checkNewCase(newCase, keys: keys)
            }
        case "set_field":
            try Self.checkFieldValue(in: kind, "old", keys: keys)
            try Self.checkFieldValue(in: kind, "new", keys: keys)
        case "resolve_conflict":
            try Self.checkFieldValue(in: kind, "value", keys: keys)
        default:
            break
        }
        operation = try CaseModel.Operation(from: decoder)
    }

    private static func checkNewCase(_ newCase: KeyedDecodingContainer<AnyCodingKey>, keys: OperationKeys)
        throws
    {
        try rejectUnknownKeys(in: newCase, allowed: keys.newCase)
        try Self.checkInteger(Int.self, in: newCase, "formVersion")
        if let citizen = try Self.object(in: newCase, "citizen") {
            try Self.checkCitizen(citizen, keys: keys)
        }
        if let fields = try Self.object(in: newCase, "fields") {
            for field in fields.allKeys {
                try Self.checkFieldValue(in: fields, field.stringValue, keys: keys)
            }
        }
    }

    private static func checkCitizen(_ citizen: KeyedDecodingContainer<AnyCodingKey>, keys: OperationKeys)
        throws
    {
        try rejectUnknownKeys(in: citizen, allowed: keys.citizen)
        if let name = try Self.object(in: citizen, "name") {
            try rejectUnknownKeys(in: name, allowed: keys.name)
        }
        if let address = try Self.object(in: citizen, "address") {
            try rejectUnknownKeys(in: address, allowed: keys.address)
        }
    }

    /// Checks the field value at `key` (if there is one): its keys, and those of a name, an
    /// address or every row of a repeat group.
    private static func checkFieldValue(
        in container: KeyedDecodingContainer<AnyCodingKey>, _ key: String, keys: OperationKeys
    ) throws {
        guard let value = try Self.object(in: container, key) else { return }
        try rejectUnknownKeys(in: value, allowed: keys.fieldValue)
        let tagKey = AnyCodingKey("t")
        guard value.contains(tagKey), let tag = try? value.decode(String.self, forKey: tagKey) else { return }
        switch tag {
        case "money":
            try Self.checkInteger(Int64.self, in: value, "v")
        case "number":
            let textKey = AnyCodingKey("v")
            if value.contains(textKey), let text = try? value.decode(String.self, forKey: textKey),
                !isDecimalText(text)
            {
                throw WireDecodingError.invalidValue(path: pathText(value.codingPath + [textKey]))
            }
        case "name":
            if let name = try Self.object(in: value, "v") {
                try rejectUnknownKeys(in: name, allowed: keys.name)
            }
        case "address":
            if let address = try Self.object(in: value, "v") {
                try rejectUnknownKeys(in: address, allowed: keys.address)
            }
        case "rows":
            let rowsKey = AnyCodingKey("v")
            guard value.contains(rowsKey), try !value.decodeNil(forKey: rowsKey) else { return }
            var rows = try value.nestedUnkeyedContainer(forKey: rowsKey)
            while !rows.isAtEnd {
                let row = try rows.nestedContainer(keyedBy: AnyCodingKey.self)
                for field in row.allKeys { try Self.checkFieldValue(in: row, field.stringValue, keys: keys) }
            }
        default:
            break
        }
    }

    /// The JSON object at `key`, or nil when the key is absent or null.
    private static func object(
        in container: KeyedDecodingContainer<AnyCodingKey>, _ key: String
    ) throws -> KeyedDecodingContainer<AnyCodingKey>? {
        let codingKey = AnyCodingKey(key)
        guard container.contains(codingKey), try !container.decodeNil(forKey: codingKey) else { return nil }
        return try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: codingKey)
    }

    /// Throws `WireDecodingError.invalidValue` when the number at `key` does not fit `type`
    /// (1e30, a fraction); Foundation would report it as broken JSON without a path.
    private static func checkInteger<T: FixedWidthInteger & Decodable>(
        _ type: T.Type, in container: KeyedDecodingContainer<AnyCodingKey>, _ key: String
    ) throws {
        let codingKey = AnyCodingKey(key)
        guard container.contains(codingKey) else { return }
        do {
            _ = try container.decode(T.self, forKey: codingKey)
        } catch let error as DecodingError {
            guard case .dataCorrupted = error else { throw error }
            throw WireDecodingError.invalidValue(path: pathText(container.codingPath + [codingKey]))
        } catch {
            // Foundation's own error for a number its type cannot hold; left alone, the decoder
            // would report it as broken JSON without a path.
            throw WireDecodingError.invalidValue(path: pathText(container.codingPath + [codingKey]))
        }
    }
}

/// Whether `text` is a decimal number as CaseModel writes one: `-?digits(.digits)?`.
func isDecimalText(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "-" { rest = rest.dropFirst() }
    let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
}

/// Throws `WireDecodingError.unknownField` if `container` has a key outside `allowed`.
func rejectUnknownKeys(in container: KeyedDecodingContainer<AnyCodingKey>, allowed: Set<String>) throws {
    try rejectUnknownKeys(in: container, allowed: allowed, path: pathText(container.codingPath))
}

/// The keys CaseModel writes for operations, per kind, and for the values they carry.
struct OperationKeys: Sendable {
    var operation: Set<String>
    var kinds: [String: Set<String>]
    var newCase: Set<String>
    var citizen: Set<String>
    var name: Set<String>
    var address: Set<String>
    var fieldValue: Set<String>

    static let shared = OperationKeys()

    private init() {
        let now = Date(timeIntervalSince1970: 0)
        let value = FieldValue.text("x")
        let name = PersonName(given: "a", family: "b")
        let address = PostalAddress(street: "s", houseNumber: "1", postcode: "80331", city: "München")
        let citizen = Citizen(
            id: UUID(), name: name, dateOfBirth: LocalDate(dayNumber: 0), address: address,
            phone: "1", email: "e", informationBlock: true)
        let newCase = NewCase(
            number: "n", serviceID: "s", formVersion: 1, orgUnit: "o", channel: .counter,
            initialState: "i", citizen: citizen, fields: ["f": value], receivedAt: now, enteredBy: "c")
        let kinds: [OperationKind] = [
            .createCase(newCase), .setField(field: "f", old: value, new: value),
            .transition(from: "a", to: "b", reason: "r"), .addComment(text: "t"), .claim(until: now),
            .release, .assign(to: "c"), .resolveConflict(field: "f", value: value), .updateCitizen(citizen),
        ]
        for kind in kinds { Self.listed(kind) }
        var operationKeys: Set<String> = []
        var kindKeys: [String: Set<String>] = [:]
        for kind in kinds {
            let sample = CaseModel.Operation(
                caseID: UUID(), baseVersion: 1, clerk: "c", device: "d", timestamp: now, kind: kind)
            let object = Self.object(sample)
            operationKeys.formUnion(object.keys)
            kindKeys[kind.name] = Set((object["kind"] as? [String: Any])?.keys ?? [:].keys)
        }
        self.operation = operationKeys
        self.kinds = kindKeys
        self.newCase = Set(Self.object(newCase).keys)
        self.citizen = Set(Self.object(citizen).keys)
        self.name = Set(Self.object(name).keys)
        self.address = Set(Self.object(address).keys)
        self.fieldValue = Set(Self.object(value).keys)
    }

    /// Stops compiling when `OperationKind` gains a case, so that the samples above get one too
    /// (a kind without a sample would be refused as unknown).
    private static func listed(_ kind: OperationKind) {
        switch kind {
        case .createCase, .setField, .transition, .addComment, .claim, .release, .assign, .resolveConflict,
            .updateCitizen:
            break
        }
    }

    private static func object(_ value: some Encodable) -> [String: Any] {
        guard let data = try? WireProtocol.makeEncoder().encode(value),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }
}
