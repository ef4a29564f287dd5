import CaseModel
import DemoData
import Foundation
import Testing

@Suite struct DemoDataTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func cases(_ count: Int, seed: UInt64 = 1) -> [DemoCase] {
        Array(DemoCaseGenerator(services: DemoServices.all, count: count, seed: seed, now: now))
    }

    @Test func sameSeedSameCasesOtherSeedOtherCases() {
        #expect(Self.cases(300) == Self.cases(300))
        #expect(Self.cases(300).map(\.caseValue.number) != Self.cases(300, seed: 2).map(\.caseValue.number))
    }

    @Test func randomHelpersAreUniformAndInRange() {
        var rng = DemoRandom(seed: 42)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.below(6)] += 1 }
        #expect(counts.allSatisfy { (9_000...11_000).contains($0) })
        #expect((0..<1000).allSatisfy { _ in (3...5).contains(rng.int(in: 3...5)) })
    }

    @Test func caseNumbersAreUniqueAndWellFormed() throws {
        let numbers = Self.cases(3000).map(\.caseValue.number)
        #expect(Set(numbers).count == numbers.count)
        let pattern = try Regex("^(UMZ|HUN|BPA|WOG)-20[0-9]{2}-[0-9]{7}$")
        #expect(numbers.allSatisfy { $0.wholeMatch(of: pattern) != nil })
    }

    @Test func casesSpanTwoYearsAndOpenOnesAreMostlyRecent() {
        let all = Self.cases(4000)
        let received = all.map(\.caseValue.receivedAt)
        #expect(received.allSatisfy { $0 <= Self.now && $0 > Self.now.addingTimeInterval(-731 * 86_400) })
        let terminal: Set<String> = ["abgeschlossen", "zurueckgezogen"]
        let open = all.filter { !terminal.contains($0.caseValue.state) }
        let recent = open.filter { $0.caseValue.receivedAt > Self.now.addingTimeInterval(-90 * 86_400) }
        // About 2.5 % of two years of cases are still open (deadlines of 5 to 30 working days),
        // about 100 of 4,000 — how many exactly depends on the seed.
        #expect(open.count > 60 && open.count < 2000)
        #expect(Double(recent.count) > Double(open.count) * 0.6)
        #expect(Set(all.map(\.caseValue.serviceID)) == Set(DemoServices.all.map(\.id)))
        #expect(Set(open.map(\.caseValue.state)).count >= 3)
    }

    @Test func requiredFieldsAreFilledWithValuesOfTheirType() throws {
        let services = Dictionary(uniqueKeysWithValues: DemoServices.all.map { ($0.id, $0) })
        for item in Self.cases(1000) {
            let service = try #require(services[item.caseValue.serviceID])
            for field in service.form.fields where field.required {
                let value = try #require(item.caseValue.fields[field.id], "\(field.id) missing")
                switch (field.type, value) {
                case (.personName, .name), (.address, .address), (.date, .date), (.money, .money),
                    (.yesNo, .bool),
                    (.number, .number), (.text, .text), (.choice, .choice), (.repeatGroup, .rows):
                    break
                case (.iban, .text(let iban)):
                    #expect(DemoValues.isValidIBAN(iban) && iban.hasPrefix("DE") && iban.count == 22)
                case (.microchip, .text(let chip)):
                    #expect(chip.count == 15 && chip.hasPrefix("276") && chip.allSatisfy(\.isNumber))
                case (.licencePlate, .text(let plate)):
                    #expect(
                        plate.wholeMatch(of: try Regex("^M-[A-Z]{1,2} [1-9][0-9]{0,3}$")) != nil, "\(plate)")
                default:
                    Issue.record("\(field.id): \(value) does not fit \(field.type)")
                }
            }
            if case .rows(let rows) = item.caseValue.fields["haushalt"] {
                #expect((1...6).contains(rows.count))
            }
            if case .money(let rent) = item.caseValue.fields["miete"] {
                #expect((20_000...250_000).contains(rent))
            }
        }
    }

    @Test func citizensLookLikeMunich() {
        var rng = DemoRandom(seed: 9)
        let today = LocalDate(dayNumber: 20_600)
        let people = (0..<5000).map { _ in DemoCitizens.citizen(today: today, using: &rng) }
        let names = people.map { $0.name.family + $0.name.given }
        let nonLatin = names.filter { name in
            name.unicodeScalars.contains { $0.value >= 0x0370 && !(0x1E00...0x1EFF).contains($0.value) }
        }
        #expect(nonLatin.count > 10 && nonLatin.count < 300)
        #expect(names.contains { $0.contains("ü") || $0.contains("ß") || $0.contains("ö") })
        #expect(people.allSatisfy { $0.address.city == "München" })
        #expect(people.allSatisfy { Int($0.address.postcode).map { (80331...81929).contains($0) } ?? false })
        let blocked = people.filter(\.informationBlock).count
        #expect(blocked > 0 && blocked < 100)
        #expect(people.compactMap(\.phone).allSatisfy { $0.hasPrefix("+49 89 ") || $0.hasPrefix("+49 1") })
        #expect(people.allSatisfy { today.dayNumber - $0.dateOfBirth.dayNumber > 16 * 365 })
    }

    @Test func streetsAreManyAndHaveMunichPostcodes() {
        #expect(MunichStreets.all.count >= 250)
        #expect(Set(MunichStreets.all.map(\.name)).count == MunichStreets.all.count)
        let names = Set(MunichStreets.all.map(\.name))
        for street in ["Leopoldstraße", "Sendlinger Straße", "Schleißheimer Straße", "Zweibrückenstraße"] {
            #expect(names.contains(street))
        }
        #expect(
            MunichStreets.all.allSatisfy { street in
                !street.postcodes.isEmpty
                    && street.postcodes.allSatisfy { Int($0).map { (80331...81929).contains($0) } ?? false }
            })
    }

    @Test func knownIBANsCheckOut() {
        #expect(DemoValues.isValidIBAN("DE89 3704 0044 0532 0130 00"))
        #expect(!DemoValues.isValidIBAN("DE88 3704 0044 0532 0130 00"))
    }
}
