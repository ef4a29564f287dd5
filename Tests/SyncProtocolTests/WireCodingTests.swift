import CaseModel
import Foundation
import SyncProtocol
import Testing

@Suite("Wire coding")
struct WireCodingTests {
    static let at = Date(timeIntervalSince1970: 1_772_000_000.25)

    static func operation(_ kind: OperationKind) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: UUID(), baseVersion: 3, clerk: "anna", device: "d1", timestamp: at, kind: kind)
    }

    static func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try WireProtocol.makeEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func envelopesUseSnakeCaseKeysAndISODates() throws {
        let login = LoginResponse(
            token: "t", expiresAt: Self.at, clerkID: "anna", name: "Anna", orgUnits: ["bb"],
            roles: [.teamLead])
        let object = try Self.json(login)
        #expect(
            Set(object.keys) == [
                "token", "expires_at", "clerk_id", "name", "org_units", "roles", "protocol_version",
            ])
        #expect(object["expires_at"] as? String == "2026-02-25T06:13:20.250Z")
        #expect(object["roles"] as? [String] == ["team_lead"])
        let store = UUID()
        let pull = try Self.json(
            PullResponse(changes: [], nextCursor: 7, hasMore: true, storeID: store, head: 9))
        #expect(Set(pull.keys) == ["changes", "next_cursor", "has_more", "store_id", "head"])
        #expect(pull["store_id"] as? String == store.uuidString)
        #expect(pull["head"] as? Int == 9)
    }

    @Test func datesDecodeWithAndWithoutFractions() throws {
        #expect(WireProtocol.parseDate("2026-02-25T06:13:20Z") == Date(timeIntervalSince1970: 1_772_000_000))
        #expect(WireProtocol.parseDate("2026-02-25T06:13:20.250Z") == Self.at)
        #expect(WireProtocol.parseDate("25.02.2026") == nil)
    }

    @Test func everyPushResultRoundTrips() throws {
        let conflict = FieldConflict(
            field: "f", base: .text("a"), mine: .text("b"), theirs: .text("c"), operationID: UUID(),
            clerk: "anna")
        let rejection = Rejection(code: "claimed", message: .init(de: "belegt", en: "claimed"))
        let results: [PushResult] = [
            .applied(newVersion: 4), .conflict(fields: [conflict], newVersion: 5), .rejected(rejection),
            .duplicate(original: .rejected(rejection)),
        ]
        let response = PushResponse(
            results: results.map { OperationResponse(operationID: UUID(), result: $0) })
        let data = try WireProtocol.makeEncoder().encode(response)
        #expect(try WireProtocol.makeDecoder().decode(PushResponse.self, from: data) == response)
        #expect(PushResult.duplicate(original: .applied(newVersion: 2)).original == .applied(newVersion: 2))
        let applied = try Self.json(OperationResponse(operationID: UUID(), result: .applied(newVersion: 4)))
        let result = try #require(applied["result"] as? [String: Any])
        #expect(result["status"] as? String == "applied")
        #expect(result["new_version"] as? Int == 4)
    }

    @Test func aPushRequestOfEveryKindRoundTrips() throws {
        let citizen = Citizen(
            id: UUID(), name: PersonName(given: "Josef", family: "Brandl"),
            dateOfBirth: LocalDate(dayNumber: -10_000),
            address: PostalAddress(
                street: "Sendlinger Straße", houseNumber: "7", postcode: "80331", city: "München"),
            phone: "089 1", email: nil, informationBlock: true)
        let kinds: [OperationKind] = [
            .createCase(
                NewCase(
                    number: "HUN-1", serviceID: "hundesteuer", formVersion: 2, orgUnit: "bb", channel: .phone,
                    initialState: "eingegangen", citizen: citizen, fields: ["betrag": .money(cents: 12_000)],
                    receivedAt: Self.at, enteredBy: "anna")),
            .setField(field: "f", old: nil, new: .number(Decimal(string: "1.5") ?? 0)),
            .transition(from: "a", to: "b", reason: "weil"), .addComment(text: "Grüß Gott"),
            .claim(until: Self.at), .release, .assign(to: nil),
            .resolveConflict(field: "f", value: .bool(true)),
        ]
        let request = PushRequest(deviceID: "d1", operations: kinds.map(Self.operation))
        let data = try WireProtocol.makeEncoder().encode(request)
        #expect(try WireProtocol.makeDecoder().decode(PushRequest.self, from: data) == request)
    }

    @Test func unknownKeysInOperationsAreRefused() throws {
        let request = PushRequest(
            deviceID: "d1",
            operations: [
                Self.operation(
                    .createCase(
                        NewCase(
                            number: "n", serviceID: "s", formVersion: 1, orgUnit: "o", channel: .counter,
                            initialState: "i", citizen: nil, fields: [:], receivedAt: Self.at)))
            ])
        let object = try Self.json(request)
        func refused(_ edit: (inout [String: Any]) -> Void) throws -> (any Error)? {
            var copy = object
            edit(&copy)
            let data = try JSONSerialization.data(withJSONObject: copy)
            do {
                _ = try WireProtocol.makeDecoder().decode(PushRequest.self, from: data)
                return nil
            } catch {
                return error
            }
        }
        func editOperation(_ edit: @escaping (inout [String: Any]) -> Void) -> (inout [String: Any]) -> Void {
            { root in
                var operations = root["operations"] as? [[String: Any]] ?? []
                edit(&operations[0])
                root["operations"] = operations
            }
        }
        #expect(try refused { $0["extra"] = 1 } as? WireDecodingError == .unknownField(path: "extra"))
        #expect(
            try refused(editOperation { $0["colour"] = "red" }) as? WireDecodingError
                == .unknownField(path: "operations[0].colour"))
        #expect(
            try refused(
                editOperation { op in
                    var kind = op["kind"] as? [String: Any] ?? [:]
                    var newCase = kind["new_case"] as? [String: Any] ?? [:]
                    newCase["priority"] = "high"
                    kind["new_case"] = newCase
                    op["kind"] = kind
                }) as? WireDecodingError == .unknownField(path: "operations[0].kind.new_case.priority"))
        #expect(
            try refused(editOperation { $0["kind"] = ["kind": "delete_case"] }) as? WireDecodingError
                == .unknownOperationKind("delete_case"))
        #expect(
            try refused(editOperation { $0["kind"] = ["kind": "release", "text": "x"] }) as? WireDecodingError
                == .unknownField(path: "operations[0].kind.text"))
        #expect(try refused { _ in } == nil)
    }
}
