import CaseModel
import Foundation
import SyncProtocol
import Testing

@Suite("Strict decoding of pushed operations")
struct StrictDecodingTests {
    static func push(_ kind: OperationKind) throws -> String {
        let operation = CaseModel.Operation(
            caseID: UUID(), baseVersion: 3, clerk: "anna", device: "ws-1",
            timestamp: Date(timeIntervalSince1970: 1_772_000_000), kind: kind)
        let data = try WireProtocol.makeEncoder().encode(
            PushRequest(deviceID: "ws-1", operations: [operation]))
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> (any Error)? {
        do {
            _ = try WireProtocol.makeDecoder().decode(PushRequest.self, from: Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("extra keys inside field values, names, addresses and rows are refused with their path")
    func extraKeysInValues() throws {
        let name = try Self.push(
            .setField(field: "halter", old: nil, new: .name(PersonName(given: "A", family: "B"))))
        #expect(Self.decode(name) == nil)
        let cases: [(String, String, String)] = [
            (name, #""family":"B""#, "operations[0].kind.new.v.x"),
            (name, #""t":"name""#, "operations[0].kind.new.x"),
            (
                try Self.push(.setField(field: "r", old: nil, new: .rows([["n": .money(cents: 5)]]))),
                #""t":"money""#, "operations[0].kind.new.v[0].n.x"
            ),
            (
                try Self.push(
                    .resolveConflict(
                        field: "a",
                        value: .address(
                            PostalAddress(street: "S", houseNumber: "1", postcode: "80331", city: "M")))),
                #""city":"M""#, "operations[0].kind.value.v.x"
            ),
        ]
        for (text, anchor, path) in cases {
            #expect(text.contains(anchor))
            let edited = text.replacingOccurrences(of: anchor, with: anchor + #","x":1"#)
            #expect(Self.decode(edited) as? WireDecodingError == .unknownField(path: path), "\(path)")
        }
    }

    @Test("integers that do not fit are invalid values with their path, not broken JSON")
    func integersOutOfRange() throws {
        let text = try Self.push(.setField(field: "betrag", old: nil, new: .money(cents: 7)))
        for bad in ["1e30", "99999999999999999999", "2.5"] {
            let base = text.replacingOccurrences(of: #""baseVersion":3"#, with: #""baseVersion":\#(bad)"#)
            #expect(
                Self.decode(base) as? WireDecodingError == .invalidValue(path: "operations[0].baseVersion"))
            let money = text.replacingOccurrences(of: #""v":7"#, with: #""v":\#(bad)"#)
            #expect(
                Self.decode(money) as? WireDecodingError == .invalidValue(path: "operations[0].kind.new.v"))
        }
    }

    @Test("the workstation's own lenient decoding of stored operations is unchanged")
    func lenientDecodingStays() throws {
        let text = try Self.push(
            .setField(field: "halter", old: nil, new: .name(PersonName(given: "A", family: "B"))))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let operations = try #require(object["operations"] as? [[String: Any]])
        var operation = operations[0]
        var kind = try #require(operation["kind"] as? [String: Any])
        var value = try #require(kind["new"] as? [String: Any])
        value["x"] = 1
        kind["new"] = value
        operation["kind"] = kind
        let data = try JSONSerialization.data(withJSONObject: operation)
        let decoded = try WireProtocol.makeDecoder().decode(CaseModel.Operation.self, from: data)
        #expect(
            decoded.kind
                == .setField(field: "halter", old: nil, new: .name(PersonName(given: "A", family: "B"))))
    }
}
