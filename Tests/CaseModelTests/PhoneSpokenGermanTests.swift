import Foundation
import Testing

@testable import CaseModel

@Suite struct PhoneSpokenGermanTests {
    @Test func datesAreReadAsWords() throws {
        #expect(SpokenGerman.date(try PhoneFixtures.date(2026, 12, 3)) == "3. Dezember 2026")
        #expect(SpokenGerman.date(try PhoneFixtures.date(2027, 1, 1)) == "1. Januar 2027")
        #expect(SpokenGerman.date(try PhoneFixtures.date(1941, 3, 7)) == "7. März 1941")
        #expect(SpokenGerman.date(try PhoneFixtures.date(2024, 2, 29)) == "29. Februar 2024")
    }

    @Test(arguments: [
        (Int64(12_000), "120 Euro"), (1_250, "12 Euro 50"), (1_205, "12 Euro 05"), (50, "50 Cent"),
        (150_000, "1.500 Euro"), (0, "0 Euro"), (100, "1 Euro"), (-500, "minus 5 Euro"),
        (123_456_789, "1.234.567 Euro 89"),
    ])
    func amountsAreReadInEuroAndCent(cents: Int64, spoken: String) {
        #expect(SpokenGerman.amount(cents: cents) == spoken)
    }

    @Test func ibanIsReadInGroupsOfFourCharacterByCharacter() {
        #expect(
            SpokenGerman.iban("DE89370400440532013000")
                == "D E 8 9 – 3 7 0 4 – 0 0 4 4 – 0 5 3 2 – 0 1 3 0 – 0 0")
        #expect(
            SpokenGerman.iban("de89 3704 0044 0532 0130 00") == SpokenGerman.iban("DE89370400440532013000"))
    }

    @Test func phoneNumbersAreReadInGroups() {
        #expect(SpokenGerman.phone("+49 89 233-12345") == "+49 – 89 – 233 – 12 345")
        #expect(SpokenGerman.phone("0171 1234567") == "0171 – 12 34 567")
        #expect(SpokenGerman.phone("089/123456") == "089 – 12 34 56")
        #expect(SpokenGerman.phone("+49 (0) 89 233-96000") == "+49 – 89 – 233 – 96 000")
    }

    @Test func longNumbersAreGrouped() {
        #expect(SpokenGerman.grouped("276098106235148", size: 3) == "276 098 106 235 148")
        #expect(SpokenGerman.number(Decimal(string: "1234.5") ?? 0) == "1.234,5")
    }

    @Test func fieldValuesAreReadAsSpoken() throws {
        let iban = FieldDefinition(id: "iban", type: .iban, label: PhoneFixtures.label("IBAN"))
        let chip = FieldDefinition(id: "chip", type: .microchip, label: PhoneFixtures.label("Chip"))
        let due = FieldDefinition(id: "d", type: .date, label: PhoneFixtures.label("Datum"))
        let flag = FieldDefinition(id: "f", type: .yesNo, label: PhoneFixtures.label("F"))
        #expect(SpokenGerman.value(.text("DE89370400440532013000"), for: iban).hasPrefix("D E 8 9 – "))
        #expect(SpokenGerman.value(.text("276098106235148"), for: chip) == "276 098 106 235 148")
        #expect(
            SpokenGerman.value(.date(try PhoneFixtures.date(2026, 12, 3)), for: due) == "3. Dezember 2026")
        #expect(SpokenGerman.value(.bool(false), for: flag) == "nein")
    }

    @Test func timeWindowsAreSaidPlainly() throws {
        let t = PhoneFixtures.time
        let whole = try PhoneFixtures.window(14, 16)
        let half = try #require(TimeWindow(start: try t(9, 30), end: try t(10, 0)))
        #expect(whole.spoken == "zwischen 14 und 16 Uhr")
        #expect(half.spoken == "zwischen 9 Uhr 30 und 10 Uhr")
        #expect(whole.description == "14:00–16:00")
        #expect(TimeWindow(start: try t(16, 0), end: try t(14, 0)) == nil)
        #expect(TimeOfDay(parsing: "7.05") == TimeOfDay(hour: 7, minute: 5))
        #expect(TimeOfDay(parsing: "25:00") == nil)
    }

    @Test func callTimerShowsMinutesAndSeconds() {
        #expect(CallTimer.text(seconds: 0) == "0:00")
        #expect(CallTimer.text(seconds: 245) == "4:05")
        #expect(CallTimer.text(seconds: 3723) == "1:02:03")
    }
}
