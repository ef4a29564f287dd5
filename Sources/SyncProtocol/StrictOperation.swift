import CaseModel
import Foundation

/// Decodes an `Operation` and refuses keys that CaseModel's coding does not write.
///
/// The allowed keys are learned once by encoding a sample of every kind with every optional
/// value set, so they follow CaseModel when it grows.
struct StrictOperation: Decodable {
    let operation: CaseModel.Operation

    init(from decoder: any Decoder) throws {
        let path = pathText(decoder.codingPath)
        let keys = OperationKeys.shared
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        try rejectUnknownKeys(in: c, allowed: keys.operation, path: path)
        let kindKey = AnyCodingKey("kind")
        let kind = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: kindKey)
        let name = try kind.decode(String.self, forKey: kindKey)
        guard let allowed = keys.kinds[name] else { throw WireDecodingError.unknownOperationKind(name) }
        try rejectUnknownKeys(in: kind, allowed: allowed, path: path + ".kind")
        let newCaseKey = AnyCodingKey("new_case")
        if name == "create_case", kind.contains(newCaseKey) {
            let newCase = try kind.nestedContainer(keyedBy: AnyCodingKey.self, forKey: newCaseKey)
            try rejectUnknownKeys(in: newCase, allowed: keys.newCase, path: path + ".kind.new_case")
            let citizenKey = AnyCodingKey("citizen")
            if newCase.contains(citizenKey), try !newCase.decodeNil(forKey: citizenKey) {
                let citizen = try newCase.nestedContainer(keyedBy: AnyCodingKey.self, forKey: citizenKey)
                try rejectUnknownKeys(
                    in: citizen, allowed: keys.citizen, path: path + ".kind.new_case.citizen")
            }
        }
        operation = try CaseModel.Operation(from: decoder)
    }
}

/// The keys CaseModel writes for operations, per kind.
struct OperationKeys: Sendable {
    var operation: Set<String>
    var kinds: [String: Set<String>]
    var newCase: Set<String>
    var citizen: Set<String>

    static let shared = OperationKeys()

    private init() {
        let now = Date(timeIntervalSince1970: 0)
        let value = FieldValue.text("x")
        let citizen = Citizen(
            id: UUID(), name: PersonName(given: "a", family: "b"),
            dateOfBirth: LocalDate(dayNumber: 0),
            address: PostalAddress(street: "s", houseNumber: "1", postcode: "80331", city: "München"),
            phone: "1", email: "e", informationBlock: true)
        let newCase = NewCase(
            number: "n", serviceID: "s", formVersion: 1, orgUnit: "o", channel: .counter,
            initialState: "i", citizen: citizen, fields: ["f": value], receivedAt: now, enteredBy: "c")
        let kinds: [OperationKind] = [
            .createCase(newCase), .setField(field: "f", old: value, new: value),
            .transition(from: "a", to: "b", reason: "r"), .addComment(text: "t"), .claim(until: now),
            .release, .assign(to: "c"), .resolveConflict(field: "f", value: value), .updateCitizen(citizen),
        ]
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
    }

    private static func object(_ value: some Encodable) -> [String: Any] {
        guard let data = try? WireProtocol.makeEncoder().encode(value),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }
}
