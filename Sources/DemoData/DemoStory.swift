import CaseModel

/// What one demo application is about — the applicant's household, their dogs, the business they
/// register, the move they report — decided once per case, so that every field tells the same
/// story: a dog is taken in after it was born and after its keeper came of age, a child is
/// younger than its parent, a move-in date lies before the application, a GmbH has an HRB number.
///
/// Each part is made when a field first asks for it.
struct DemoStory {
    let citizen: Citizen
    let receivedDay: LocalDate
    private(set) var household: [DemoPerson]?
    private(set) var dogs: [DemoDog]?
    private(set) var business: DemoBusiness?
    private(set) var move: DemoMove?
    private(set) var items: [DemoItem]?
    private(set) var plates: [String]?
    private(set) var otherAddress: PostalAddress?
    private(set) var flat: (area: Int, rent: Int64)?

    init(citizen: Citizen, receivedDay: LocalDate) {
        self.citizen = citizen
        self.receivedDay = receivedDay
    }

    /// The applicant first, then the people living with them.
    mutating func householdMembers(_ rng: inout DemoRandom) -> [DemoPerson] {
        if let household { return household }
        let made = DemoPerson.household(of: citizen, on: receivedDay, using: &rng)
        household = made
        return made
    }

    /// The dogs being registered. Most registrations are for a dog just taken in; some come
    /// with a move to Munich, for dogs kept for years.
    mutating func dogList(count range: ClosedRange<Int>, _ rng: inout DemoRandom) -> [DemoDog] {
        if let dogs { return dogs }
        let movedHere = rng.chance(0.2)
        let wanted =
            movedHere
            ? [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3][rng.below(20)]
            : rng.chance(0.05) ? 2 : 1
        let count = min(max(wanted, range.lowerBound), range.upperBound)
        var made: [DemoDog] = []
        for _ in 0..<count {
            let taken = Set(made.map(\.name))
            made.append(
                DemoDog.make(
                    keeper: citizen, on: receivedDay, movedHere: movedHere, avoiding: taken, using: &rng))
        }
        dogs = made
        return made
    }

    mutating func theBusiness(_ rng: inout DemoRandom) -> DemoBusiness {
        if let business { return business }
        let made = DemoBusiness.make(owner: citizen, on: receivedDay, using: &rng)
        business = made
        return made
    }

    mutating func theMove(kinds: [String], _ rng: inout DemoRandom) -> DemoMove {
        if let move { return move }
        let made = DemoMove.make(for: citizen, on: receivedDay, kinds: kinds, using: &rng)
        move = made
        return made
    }

    mutating func itemList(count range: ClosedRange<Int>, _ rng: inout DemoRandom) -> [DemoItem] {
        if let items { return items }
        let count = min(max(rng.int(in: 1...5), range.lowerBound), range.upperBound)
        var pool = DemoVocabulary.bulkyItems
        var made: [DemoItem] = []
        for _ in 0..<count where !pool.isEmpty {
            let entry = pool.remove(at: rng.below(pool.count))
            made.append(DemoItem(name: entry.item, count: rng.int(in: entry.count), quarters: entry.quarters))
        }
        items = made
        return made
    }

    mutating func plateList(count range: ClosedRange<Int>, _ rng: inout DemoRandom) -> [String] {
        if let plates { return plates }
        let count = min(max(rng.chance(0.9) ? 1 : 2, range.lowerBound), range.upperBound)
        var made: [String] = []
        while made.count < count {
            let plate = DemoValues.licencePlate(using: &rng)
            if !made.contains(plate) { made.append(plate) }
        }
        plates = made
        return made
    }

    /// The applicant's flat: living space in m² for the household and its monthly rent in cents
    /// (11 to 19 euros a square metre, what households on housing benefit pay in Munich).
    mutating func theFlat(_ rng: inout DemoRandom) -> (area: Int, rent: Int64) {
        if let flat { return flat }
        let people = householdMembers(&rng).count
        let area = (28 + 17 * (people - 1)) * rng.int(in: 85...120) / 100
        let made = (area, Int64(area * rng.int(in: 1_100...1_900)))
        flat = made
        return made
    }

    /// An address other than the applicant's: a relative's, a holiday flat, a second home.
    mutating func anotherAddress(_ rng: inout DemoRandom) -> PostalAddress {
        if let otherAddress { return otherAddress }
        var made =
            rng.chance(0.5) ? DemoValues.otherTownAddress(using: &rng) : DemoValues.munichAddress(using: &rng)
        while made == citizen.address { made = DemoValues.munichAddress(using: &rng) }
        otherAddress = made
        return made
    }
}

/// Whole years from `from` to `to` (a birthday counts on its day).
func completedYears(from: LocalDate, to: LocalDate) -> Int {
    var years = to.year - from.year
    if (to.month, to.day) < (from.month, from.day) { years -= 1 }
    return years
}

/// The same calendar day `years` later (29 February becomes 28 February).
func adding(years: Int, to date: LocalDate) -> LocalDate {
    let year = date.year + years
    let day = min(date.day, LocalDate.daysIn(month: date.month, year: year))
    return LocalDate(year: year, month: date.month, day: day) ?? date
}

/// A member of the applicant's household.
struct DemoPerson {
    var name: PersonName
    var birth: LocalDate
    /// `selbst`, `partner`, `kind` or `eltern` (the codes of the catalogue's relationship list).
    var relation: String
    var nationality: String
    /// Monthly gross income in cents.
    var income: Int64
    var idPresented: Bool

    /// The applicant and, by their age, a partner, children and rarely a parent.
    static func household(of citizen: Citizen, on day: LocalDate, using rng: inout DemoRandom) -> [DemoPerson]
    {
        let age = completedYears(from: citizen.dateOfBirth, to: day)
        let nationality = rng.chance(0.85) ? "deutsch" : rng.pick(DemoVocabulary.countries).nationality
        var people = [
            DemoPerson(
                name: citizen.name, birth: citizen.dateOfBirth, relation: "selbst", nationality: nationality,
                income: income(age: age, using: &rng), idPresented: true)
        ]
        if age >= 20, rng.chance(0.45) {
            let partnerAge = min(max(18, age + rng.int(in: -6...6)), 95)
            let birth = LocalDate(dayNumber: day.dayNumber - partnerAge * 365 - rng.below(300))
            let name =
                rng.chance(0.6)
                ? PersonName(
                    given: DemoNames.relative(of: citizen.name, using: &rng).given,
                    family: citizen.name.family)
                : DemoNames.name(using: &rng)
            people.append(
                DemoPerson(
                    name: name, birth: birth, relation: "partner", nationality: nationality,
                    income: rng.chance(0.4) ? 0 : income(age: partnerAge, using: &rng) / 2, idPresented: true)
            )
        }
        if (22...60).contains(age) {
            let children = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3][rng.below(20)]
            for _ in 0..<children {
                // Born when the parent was 20 to 42, at least a month before the application, and
                // still young enough to live at home.
                let earliest = max(
                    adding(years: 20, to: citizen.dateOfBirth).dayNumber, day.dayNumber - 25 * 365)
                let latest = min(adding(years: 42, to: citizen.dateOfBirth).dayNumber, day.dayNumber - 30)
                guard earliest <= latest else { break }
                let birth = LocalDate(dayNumber: rng.int(in: earliest...latest))
                let childAge = completedYears(from: birth, to: day)
                people.append(
                    DemoPerson(
                        name: PersonName(
                            given: DemoNames.relative(of: citizen.name, using: &rng).given,
                            family: citizen.name.family),
                        birth: birth, relation: "kind", nationality: nationality,
                        income: childAge >= 16 && rng.chance(0.2) ? Int64(rng.int(in: 600...1_100)) * 100 : 0,
                        idPresented: childAge >= 14))
            }
        }
        if (30...60).contains(age), rng.chance(0.05) {
            let parentAge = age + rng.int(in: 22...35)
            let birth = LocalDate(dayNumber: day.dayNumber - parentAge * 365 - rng.below(300))
            people.append(
                DemoPerson(
                    name: PersonName(
                        given: DemoNames.relative(of: citizen.name, using: &rng).given,
                        family: citizen.name.family),
                    birth: birth, relation: "eltern", nationality: nationality,
                    income: Int64(rng.int(in: 700...1_500)) * 100, idPresented: true))
        }
        return people
    }

    /// A modest monthly gross income for the age (households that apply for housing benefit):
    /// earnings, or a pension from 67.
    private static func income(age: Int, using rng: inout DemoRandom) -> Int64 {
        if age >= 67 { return Int64(rng.int(in: 750...1_500)) * 100 }
        if age < 20 { return Int64(rng.int(in: 0...900)) * 100 }
        return Int64(rng.int(in: 900...2_100)) * 100
    }
}

/// A dog and how its keeper came by it.
struct DemoDog {
    var name: String
    var breed: String
    /// `nein`, `kategorie_1` or `kategorie_2` (the catalogue's codes).
    var category: String
    var certificate: Bool
    var birth: LocalDate
    var since: LocalDate
    var chip: String
    /// `keine`, `tierheim` or `assistenzhund`.
    var exemption: String

    /// A dog registered on `day`: taken in shortly before (a puppy from a breeder at 8 to 16 weeks,
    /// or a grown dog, from a shelter or another keeper), or, when its keeper `movedHere`, kept
    /// for years already; never taken in before its keeper came of age or before it was eight
    /// weeks old.
    static func make(
        keeper: Citizen, on day: LocalDate, movedHere: Bool, avoiding names: Set<String>,
        using rng: inout DemoRandom
    ) -> DemoDog {
        var name = rng.pick(DemoVocabulary.dogNames)
        while names.contains(name) { name = rng.pick(DemoVocabulary.dogNames) }
        let roll = rng.unit()
        let category = roll < 0.015 ? "kategorie_1" : roll < 0.05 ? "kategorie_2" : "nein"
        let breed =
            switch category {
            case "kategorie_1": rng.pick(DemoVocabulary.listedBreedsCategory1)
            case "kategorie_2": rng.pick(DemoVocabulary.listedBreedsCategory2)
            default: rng.pick(DemoVocabulary.dogBreeds)
            }
        let adult = adding(years: 18, to: keeper.dateOfBirth).dayNumber
        var since = day.dayNumber - (movedHere ? rng.int(in: 30...(8 * 365)) : rng.int(in: 0...45))
        since = min(max(since, adult), day.dayNumber)
        let puppy = rng.chance(0.6)
        let ageWhenTakenIn = puppy ? rng.int(in: 56...112) : rng.int(in: 200...(9 * 365))
        let birth = LocalDate(dayNumber: since - ageWhenTakenIn)
        let fromShelter = !puppy && !movedHere && category == "nein" && rng.chance(0.4)
        var exemption = "keine"
        if fromShelter {
            exemption = "tierheim"
        } else if category == "nein", DemoVocabulary.assistanceBreeds.contains(breed), rng.chance(0.08) {
            exemption = "assistenzhund"
        }
        return DemoDog(
            name: name, breed: breed, category: category, certificate: rng.chance(0.6), birth: birth,
            since: LocalDate(dayNumber: since), chip: DemoValues.microchip(using: &rng), exemption: exemption)
    }
}

/// A business being registered.
struct DemoBusiness {
    var trade: DemoVocabulary.Trade
    /// A code of the catalogue's legal-form list (`einzelunternehmen`, `gbr`, `gmbh`, …).
    var legalForm: String
    var name: String
    var registerNumber: String
    var representatives: Int
    var start: LocalDate
    var address: PostalAddress

    static let legalForms: [(code: String, weight: Double)] = [
        ("einzelunternehmen", 0.55), ("gbr", 0.1), ("gmbh", 0.2), ("ug", 0.09), ("ohg", 0.02), ("kg", 0.03),
        ("ag", 0.01),
    ]

    static func make(owner: Citizen, on day: LocalDate, using rng: inout DemoRandom) -> DemoBusiness {
        let trade = rng.pick(DemoVocabulary.trades)
        let legalForm = legalForms[rng.weightedIndex(legalForms.map(\.weight))].code
        let family = owner.name.family
        let partner = DemoNames.name(using: &rng).family
        let name =
            switch legalForm {
            case "gbr": "\(family) & \(partner) \(trade.title) GbR"
            case "gmbh": "\(family) \(trade.title) GmbH"
            case "ug": "\(trade.title) \(family) UG (haftungsbeschränkt)"
            case "ohg": "\(family) & \(partner) OHG"
            case "kg": "\(trade.title) \(family) KG"
            case "ag": "\(trade.title) München AG"
            default:
                rng.chance(0.5) ? "\(trade.title) \(family)" : "\(owner.name.given) \(family) \(trade.title)"
            }
        let register =
            ["gmbh", "ug", "ag"].contains(legalForm)
            ? "HRB \(rng.int(in: 200_000...299_999))" : "HRA \(rng.int(in: 90_000...119_999))"
        let representatives =
            ["gmbh", "ug", "ag"].contains(legalForm) ? [0, 0, 0, 1, 1, 2][rng.below(6)] : 0
        return DemoBusiness(
            trade: trade, legalForm: legalForm, name: name, registerNumber: register,
            representatives: representatives, start: day.adding(days: rng.int(in: -30...60)),
            address: rng.chance(0.3) ? owner.address : DemoValues.munichAddress(using: &rng))
    }
}

/// A move the applicant registers.
struct DemoMove {
    /// `zuzug_inland`, `zuzug_ausland` or `umzug_muenchen`.
    var kind: String
    var previousAddress: PostalAddress
    var country: (country: String, nationality: String)
    var moveIn: LocalDate
    var landlord: String

    static func make(for citizen: Citizen, on day: LocalDate, kinds: [String], using rng: inout DemoRandom)
        -> DemoMove
    {
        let weights = kinds.map { kind -> Double in
            switch kind {
            case "umzug_muenchen": 0.45
            case "zuzug_inland": 0.35
            case "zuzug_ausland": 0.2
            default: 0.1
            }
        }
        let kind = kinds.isEmpty ? "umzug_muenchen" : kinds[rng.weightedIndex(weights)]
        var previous =
            kind == "zuzug_inland"
            ? DemoValues.otherTownAddress(using: &rng) : DemoValues.munichAddress(using: &rng)
        while previous == citizen.address { previous = DemoValues.munichAddress(using: &rng) }
        // Registration is due within two weeks of moving in; a few come late.
        let daysAgo = rng.chance(0.85) ? rng.int(in: 0...14) : rng.int(in: 15...60)
        var landlord = rng.pick(DemoVocabulary.landlordCompanies)
        if rng.chance(0.6) {
            // A private landlord, named as on the landlord's confirmation (in Latin letters).
            var name = DemoNames.name(using: &rng)
            while !(name.given + name.family).unicodeScalars.allSatisfy({ $0.value < 0x0250 }) {
                name = DemoNames.name(using: &rng)
            }
            landlord = "\(name.given) \(name.family)"
        }
        return DemoMove(
            kind: kind, previousAddress: previous, country: rng.pick(DemoVocabulary.countries),
            moveIn: day.adding(days: -daysAgo), landlord: landlord)
    }
}

/// Pieces of bulky waste of one kind.
struct DemoItem {
    var name: String
    var count: Int
    /// Loading work of one piece in quarter hours.
    var quarters: Double
}
