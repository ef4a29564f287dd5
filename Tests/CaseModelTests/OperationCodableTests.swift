import CaseModel
import Foundation
import Testing

@Suite struct OperationCodableTests {
    static let household: FieldValue = .rows([
        ["vorname": .text("Anna"), "geburtsdatum": .date(LocalDate(dayNumber: 12_000))],
        ["vorname": .text("Ümit"), "schwerbehindert": .bool(true)],
    ])

    static let values: [FieldValue] = [
        .text("Sendlinger Straße 1, 2. OG"),
        .number(Decimal(string: "12.75", locale: nil) ?? 0),
        .number(-3),
        .money(cents: 12_345),
        .date(LocalDate(dayNumber: 20_514)),
        .bool(false),
        .choice("hund_gross"),
        .name(PersonName(given: "Maria", family: "Müller-Lüdenscheidt")),
        .address(PostalAddress(street: "Marienplatz", houseNumber: "8", postcode: "80331", city: "München")),
        household,
    ]

    static let kinds: [OperationKind] = [
        .createCase(
            NewCase(
                number: "HUN-2026-0000007", serviceID: "hundesteuer", formVersion: 2, orgUnit: "stk",
                channel: .phone, initialState: "eingegangen",
                citizen: Citizen(
                    id: UUID(), name: PersonName(given: "Maria", family: "Müller"),
                    dateOfBirth: LocalDate(dayNumber: -2000),
                    address: PostalAddress(
                        street: "Marienplatz", houseNumber: "8", postcode: "80331", city: "München"),
                    phone: "089 1234", informationBlock: true),
                fields: ["rasse": .choice("dackel"), "haushalt": household],
                receivedAt: Date(timeIntervalSince1970: 1_772_000_000), enteredBy: "kschmid")),
        .setField(field: "strasse", old: .text("A"), new: .text("B")),
        .setField(field: "strasse", old: nil, new: .text("B")),
        .setField(field: "strasse", old: .text("A"), new: nil),
        .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil),
        .transition(from: "in_bearbeitung", to: "zurueckgezogen", reason: "Umzug abgesagt"),
        .addComment(text: "Rückruf nach 14 Uhr"),
        .claim(until: Date(timeIntervalSince1970: 1_772_001_800)),
        .release,
        .assign(to: "mmeier"),
        .assign(to: nil),
        .resolveConflict(field: "strasse", value: .text("C")),
        .resolveConflict(field: "strasse", value: nil),
    ]

    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
    }

    @Test(arguments: values)
    func everyFieldValueSurvivesJSON(value: FieldValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test(arguments: kinds)
    func everyOperationKindSurvivesJSON(kind: OperationKind) throws {
        let op = CaseOperation(
            caseID: UUID(), baseVersion: 41, clerk: "mmeier", device: "laptop-7",
            timestamp: Date(timeIntervalSince1970: 1_772_000_123.5), kind: kind)
        #expect(try roundTrip(op) == op)
        #expect(try roundTrip(kind) == kind)
    }

    @Test func allKindsAreCovered() {
        #expect(Set(Self.kinds.map(\.name)).count == 8)
    }

    @Test func exactJSONOfASetFieldOperation() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let kind = OperationKind.setField(
            field: "betrag", old: .money(cents: 1250), new: .number(Decimal(string: "7.5", locale: nil) ?? 0))
        let json = String(decoding: try encoder.encode(kind), as: UTF8.self)
        #expect(
            json
                == #"{"field":"betrag","kind":"set_field","new":{"t":"number","v":"7.5"},"old":{"t":"money","v":1250}}"#
        )
        let cleared = String(
            decoding: try encoder.encode(OperationKind.setField(field: "betrag", old: nil, new: nil)),
            as: UTF8.self)
        #expect(cleared == #"{"field":"betrag","kind":"set_field"}"#)
    }

    @Test func exactJSONOfFieldValues() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let date = FieldValue.date(try #require(LocalDate(year: 2026, month: 3, day: 2)))
        #expect(
            String(decoding: try encoder.encode(date), as: UTF8.self) == #"{"t":"date","v":"2026-03-02"}"#)
        let name = FieldValue.name(PersonName(given: "Maria", family: "Müller"))
        #expect(
            String(decoding: try encoder.encode(name), as: UTF8.self)
                == #"{"t":"name","v":{"family":"Müller","given":"Maria"}}"#)
    }

    @Test func unknownKindsAndTagsAreRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OperationKind.self, from: Data(#"{"kind":"delete_case"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FieldValue.self, from: Data(#"{"t":"float","v":1.5}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FieldValue.self, from: Data(#"{"t":"number","v":"zwölf"}"#.utf8))
        }
    }
}
