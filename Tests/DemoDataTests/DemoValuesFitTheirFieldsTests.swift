import CaseModel
import DemoData
import Foundation
import ServiceCatalog
import Testing

/// Demo data is what every newcomer judges the product by: every value must fit its field.
///
/// Many demo cases are generated for every service of the shipped catalogue, and every value is
/// checked: by the form engine on the day the case was received (type, options, bounds,
/// required, relevance, constraints, rows), against what the other fields of the case say, and
/// against a plausibility rule written here for each field of the catalogue — a dog is not
/// named "Zuzug aus dem Ausland", its breed is not "Einzelhandel", it is not kept since its
/// keeper's birth. A field of the catalogue without a rule fails the test.
@Suite struct DemoValuesFitTheirFieldsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let casesPerService = 400

    static let catalogDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Catalog")

    static func catalog() throws -> [ServiceDefinition] {
        let result = CatalogLoader.load(directory: catalogDirectory)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.services.count >= 7)
        return result.services
    }

    /// One value of a generated case with what it is judged by.
    struct Sample {
        var service: String
        /// `field` or `group.field`.
        var path: String
        var value: FieldValue
        /// All values of the case.
        var values: [String: FieldValue]
        /// The row the value is in, with its index.
        var row: [String: FieldValue]
        var rowIndex: Int
        var citizen: Citizen
        var receivedDay: LocalDate
    }

    /// What is wrong with a sample, or nil.
    typealias Rule = @Sendable (Sample) -> String?

    static func cases(of service: ServiceDefinition, seed: UInt64 = 11) -> [DemoCase] {
        Array(DemoCaseGenerator(services: [service], count: casesPerService, seed: seed, now: now))
    }

    /// Every value of a case as samples (rows' values with their row).
    static func samples(_ demo: DemoCase, _ service: ServiceDefinition) -> [Sample] {
        let c = demo.caseValue
        let day = MunichClock.day(of: c.receivedAt)
        var out: [Sample] = []
        for field in service.form.fields {
            guard let value = c.fields[field.id] else { continue }
            out.append(
                Sample(
                    service: service.id, path: field.id, value: value, values: c.fields, row: [:],
                    rowIndex: 0,
                    citizen: demo.citizen, receivedDay: day))
            guard case .rows(let rows) = value else { continue }
            for (index, row) in rows.enumerated() {
                for sub in field.fields {
                    guard let v = row[sub.id] else { continue }
                    out.append(
                        Sample(
                            service: service.id, path: "\(field.id).\(sub.id)", value: v, values: c.fields,
                            row: row,
                            rowIndex: index, citizen: demo.citizen, receivedDay: day))
                }
            }
        }
        return out
    }

    // MARK: - The form's own rules

    @Test func everyCaseOfEveryServicePassesItsFormOnTheDayItWasReceived() throws {
        for service in try Self.catalog() + DemoServices.all {
            for demo in Self.cases(of: service) {
                let c = demo.caseValue
                let context = EvaluationContext(today: MunichClock.day(of: c.receivedAt))
                let issues = FormEngine.validate(form: service.form, values: c.fields, context: context)
                #expect(issues.isEmpty, "\(service.id) \(c.number): \(issues)")
                let settled = FormEngine.settled(form: service.form, values: c.fields, context: context)
                #expect(
                    settled == c.fields, "\(service.id) \(c.number): not settled (irrelevant or stale values)"
                )
                for field in service.form.fields {
                    if let value = c.fields[field.id] {
                        #expect(Self.fits(value, field), "\(field.id): \(value)")
                    }
                    guard case .rows(let rows)? = c.fields[field.id] else { continue }
                    for row in rows {
                        for sub in field.fields {
                            if let value = row[sub.id] {
                                #expect(Self.fits(value, sub), "\(sub.id): \(value)")
                            }
                        }
                    }
                }
                for conflict in c.conflicts {
                    guard let field = service.form.field(conflict.field) else {
                        Issue.record("conflict on an unknown field \(conflict.field)")
                        continue
                    }
                    for value in [conflict.mine, conflict.theirs].compactMap({ $0 }) {
                        #expect(Self.fits(value, field), "conflict \(field.id): \(value)")
                        #expect(FormEngine.check(value, field) == nil, "conflict \(field.id): \(value)")
                    }
                    #expect(conflict.mine != conflict.theirs)
                }
            }
        }
    }

    /// Whether the kind of value is the one the field's type holds.
    static func fits(_ value: FieldValue, _ field: FieldDefinition) -> Bool {
        switch (field.type, value) {
        case (.text, .text), (.longText, .text), (.phone, .text), (.email, .text), (.iban, .text),
            (.licencePlate, .text), (.microchip, .text), (.number, .number), (.money, .money), (.date, .date),
            (.yesNo, .bool), (.personName, .name), (.address, .address), (.repeatGroup, .rows):
            return true
        case (.choice, .choice(let code)):
            return field.choices.contains { $0.code == code }
        default:
            return false
        }
    }

    // MARK: - Plausibility, field by field

    @Test func everyFieldOfTheCatalogueHasAPlausibilityRule() throws {
        for service in try Self.catalog() {
            for field in service.form.fields {
                #expect(
                    Self.rule(service.id, field.id) != nil, "no rule for \(service.id)/\(field.id)")
                for sub in field.fields {
                    #expect(
                        Self.rule(service.id, "\(field.id).\(sub.id)") != nil,
                        "no rule for \(service.id)/\(field.id).\(sub.id)")
                }
            }
        }
    }

    @Test func everyValueIsPlausibleForItsField() throws {
        for service in try Self.catalog() {
            var problems: [String] = []
            for demo in Self.cases(of: service) {
                for sample in Self.samples(demo, service) {
                    guard let rule = Self.rule(service.id, sample.path) else { continue }
                    if let problem = rule(sample) {
                        problems.append(
                            "\(demo.caseValue.number) \(sample.path) = \(sample.value): \(problem)")
                    }
                }
            }
            #expect(
                problems.isEmpty,
                "\(service.id): \(problems.count) implausible values, e.g. \(problems.prefix(5))")
        }
    }

    /// Values are chosen per meaning: no text of one field turns up in a field that means
    /// something else (no dog named like a reason for moving, no breed that is a trade).
    @Test func textFieldsOfDifferentMeaningShareNoValue() throws {
        var valuesByField: [String: Set<String>] = [:]
        for service in try Self.catalog() + DemoServices.all {
            for demo in Self.cases(of: service) {
                for sample in Self.samples(demo, service) {
                    guard case .text(let text) = sample.value else { continue }
                    let id = String(sample.path.split(separator: ".").last ?? "")
                    let field =
                        service.form.fields.first { $0.id == id }
                        ?? service.form.fields.flatMap(\.fields).first { $0.id == id }
                    guard let field, [.text, .longText].contains(field.type) else { continue }
                    valuesByField[id, default: []].insert(text)
                }
            }
        }
        let ids = valuesByField.keys.sorted()
        #expect(ids.contains("hundename") && ids.contains("rasse") && ids.contains("bisheriger_staat"))
        for (index, a) in ids.enumerated() {
            for b in ids.dropFirst(index + 1) {
                let shared = valuesByField[a, default: []].intersection(valuesByField[b, default: []])
                #expect(shared.isEmpty, "\(a) and \(b) share \(shared.sorted().prefix(5))")
            }
        }
    }

    @Test func theSameSeedGivesTheSameValues() throws {
        let service = try #require(try Self.catalog().first { $0.id == "wohnsitz_anmeldung" })
        #expect(Self.cases(of: service).map(\.caseValue) == Self.cases(of: service).map(\.caseValue))
        #expect(
            Self.cases(of: service).map(\.caseValue) != Self.cases(of: service, seed: 12).map(\.caseValue))
    }

    // MARK: - The rules

    static let cat1 = ["Pit-Bull", "American Staffordshire", "Staffordshire Bullterrier", "Tosa", "Bandog"]
    static let cat2 = [
        "Rottweiler", "Bullterrier", "Bullmastiff", "Cane Corso", "Dogo Argentino", "Mastiff", "Mastino",
        "Bordeaux", "Fila", "Alano", "American Bulldog", "Presa",
    ]

    static let rules: [String: Rule] = [
        // Resident parking permit
        "bewohnerparkausweis/wohnanschrift": isTheCitizensMunichAddress,
        "bewohnerparkausweis/parklizenzgebiet": anOption,
        "bewohnerparkausweis/fahrzeuge": rows(1...3),
        "bewohnerparkausweis/fahrzeuge.kennzeichen": { s in
            guard case .text(let plate) = s.value, plate.wholeMatch(of: /M-[A-Z]{1,2} [1-9][0-9]{0,3}/) != nil
            else { return "not a Munich plate" }
            return distinctInRows(s, "kennzeichen")
        },
        "bewohnerparkausweis/fahrzeuge.auf_antragsteller_zugelassen": aYesOrNo,
        "bewohnerparkausweis/fahrzeuge.halterbestaetigung": yes,
        "bewohnerparkausweis/privater_stellplatz": { s in
            s.value == .bool(false) ? nil : "a permit needs no garage"
        },
        "bewohnerparkausweis/laufzeit": anOption,
        "bewohnerparkausweis/gebuehr": calculated,
        // Postal vote
        "briefwahl/wahl": anOption,
        "briefwahl/geburtsdatum": { s in
            guard s.value == .date(s.citizen.dateOfBirth) else { return "not the applicant's date of birth" }
            return age(s.citizen.dateOfBirth, on: s.receivedDay) >= 18 ? nil : "not of age"
        },
        "briefwahl/anschrift": isTheCitizensMunichAddress,
        "briefwahl/abweichende_versandanschrift": aYesOrNo,
        "briefwahl/versandanschrift": { s in
            guard case .address(let a) = s.value else { return "not an address" }
            if PostalAddressCheck.check(a, munichOnly: false) != nil { return "not a valid address" }
            return a == s.citizen.address ? "the home address again" : nil
        },
        "briefwahl/durch_bevollmaechtigte": aYesOrNo,
        "briefwahl/vollmacht_liegt_vor": yes,
        // Business registration
        "gewerbeanmeldung/betriebsname": { s in
            guard case .text(let name) = s.value, case .choice(let form)? = s.values["rechtsform"] else {
                return "no name or legal form"
            }
            let suffix = [
                "gbr": "GbR", "gmbh": "GmbH", "ug": "UG (haftungsbeschränkt)", "ohg": "OHG", "kg": "KG",
                "ag": "AG",
            ]
            if let wanted = suffix[form] {
                return name.hasSuffix(" " + wanted) ? nil : "no \(wanted) in the name"
            }
            return suffix.values.contains { name.hasSuffix(" " + $0) }
                ? "a sole trader with a company suffix" : nil
        },
        "gewerbeanmeldung/rechtsform": anOption,
        "gewerbeanmeldung/registernummer": { s in
            guard case .text(let number) = s.value, case .choice(let form)? = s.values["rechtsform"] else {
                return "no number or legal form"
            }
            let register = ["gmbh", "ug", "ag"].contains(form) ? "HRB" : "HRA"
            return number.wholeMatch(of: /(HRA|HRB) [0-9]{1,6}/) != nil && number.hasPrefix(register)
                ? nil : "\(form) is registered in \(register)"
        },
        "gewerbeanmeldung/taetigkeit": { s in
            guard case .text(let activity) = s.value, activity.count >= 15 else { return "too vague" }
            let licensed = activity.contains("§ 34") || activity.contains("mit Ausschank alkoholischer")
            return s.values["erlaubnispflichtig"] == .bool(licensed)
                ? nil : "licence does not fit the activity"
        },
        "gewerbeanmeldung/beginn": { s in
            guard case .date(let start) = s.value else { return "not a date" }
            return abs(start.dayNumber - s.receivedDay.dayNumber) <= 90 ? nil : "not near the registration"
        },
        "gewerbeanmeldung/betriebsanschrift": isAMunichAddress,
        "gewerbeanmeldung/weitere_vertreter": wholeNumber(0...5),
        "gewerbeanmeldung/erlaubnispflichtig": aYesOrNo,
        "gewerbeanmeldung/gebuehr": calculated,
        // Dog tax
        "hundesteuer/hunde": rows(1...4),
        "hundesteuer/hunde.hundename": { s in
            guard case .text(let name) = s.value, name.wholeMatch(of: /[A-ZÄÖÜ][a-zäöüß]{1,11}/) != nil else {
                return "not a dog's name"
            }
            return distinctInRows(s, "hundename")
        },
        "hundesteuer/hunde.rasse": { s in
            guard case .text(let breed) = s.value, case .choice(let category)? = s.row["kampfhund"] else {
                return "no breed or category"
            }
            let first = cat1.contains { breed.contains($0) }
            let second = !first && cat2.contains { breed.contains($0) }
            switch category {
            case "kategorie_1": return first ? nil : "not a category 1 breed"
            case "kategorie_2": return second ? nil : "not a category 2 breed"
            default: return first || second ? "a listed breed marked as not listed" : nil
            }
        },
        "hundesteuer/hunde.geburtsdatum": { s in
            guard case .date(let birth) = s.value else { return "not a date" }
            let days = s.receivedDay.dayNumber - birth.dayNumber
            return (56...(20 * 365)).contains(days) ? nil : "a dog of \(days) days"
        },
        "hundesteuer/hunde.haltung_seit": { s in
            guard case .date(let since) = s.value else { return "not a date" }
            if since > s.receivedDay { return "after the application" }
            if case .date(let birth)? = s.row["geburtsdatum"], since.dayNumber < birth.dayNumber + 56 {
                return "before the dog was eight weeks old"
            }
            return age(s.citizen.dateOfBirth, on: since) >= 18 ? nil : "before the keeper came of age"
        },
        "hundesteuer/hunde.chipnummer": { s in
            guard case .text(let chip) = s.value, chip.wholeMatch(of: /276[0-9]{12}/) != nil else {
                return "not a German transponder number"
            }
            return nil
        },
        "hundesteuer/hunde.kampfhund": anOption,
        "hundesteuer/hunde.negativzeugnis": aYesOrNo,
        "hundesteuer/hunde.befreiung": { s in
            guard case .choice(let exemption) = s.value else { return "not a choice" }
            switch exemption {
            case "tierheim":
                guard case .date(let since)? = s.row["haltung_seit"] else { return "no date taken in" }
                return s.receivedDay.dayNumber - since.dayNumber <= 365
                    ? nil : "taken in more than a year ago"
            case "assistenzhund":
                return s.row["kampfhund"] == .choice("nein") ? nil : "a listed assistance dog"
            default: return nil
            }
        },
        "hundesteuer/hunde.steuer": calculated,
        "hundesteuer/jahressteuer": calculated,
        "hundesteuer/iban": validIBAN,
        // Bulky waste
        "sperrmuell/abholanschrift": isTheCitizensMunichAddress,
        "sperrmuell/gegenstaende": rows(1...10),
        "sperrmuell/gegenstaende.gegenstand": { s in
            guard case .text(let item) = s.value,
                item.wholeMatch(of: /[A-ZÄÖÜ][A-Za-zäöüÄÖÜß ,\-]{2,39}/) != nil
            else { return "not a piece of furniture" }
            return distinctInRows(s, "gegenstand")
        },
        "sperrmuell/gegenstaende.anzahl": wholeNumber(1...10),
        "sperrmuell/ladezeit_viertelstunden": { s in
            guard case .number(let quarters) = s.value, case .rows(let rows)? = s.values["gegenstaende"]
            else {
                return "no loading time or items"
            }
            let pieces = rows.reduce(Decimal(0)) { sum, row in
                if case .number(let n)? = row["anzahl"] { return sum + n }
                return sum
            }
            return quarters >= 1 && quarters <= max(1, pieces * 2)
                ? nil : "\(quarters) quarters for \(pieces) pieces"
        },
        "sperrmuell/zugang": aSentence,
        "sperrmuell/telefon": aGermanPhoneNumber,
        "sperrmuell/gebuehr": calculated,
        // Housing benefit
        "wohngeld/art": anOption,
        "wohngeld/haushalt": { s in
            guard case .rows(let rows) = s.value, (1...8).contains(rows.count) else {
                return "not 1 to 8 members"
            }
            let selves = rows.filter { $0["verhaeltnis"] == .choice("selbst") }.count
            return selves == 1 && rows.first?["verhaeltnis"] == .choice("selbst")
                ? nil : "the applicant is not first"
        },
        "wohngeld/haushalt.name": { s in
            s.rowIndex == 0 && s.value != .name(s.citizen.name)
                ? "the first member is not the applicant" : nil
        },
        "wohngeld/haushalt.geburtsdatum": memberBirthDate,
        "wohngeld/haushalt.verhaeltnis": anOption,
        "wohngeld/haushalt.einkommen": { s in
            guard case .money(let cents) = s.value else { return "not money" }
            if cents > 250_000 { return "too much for housing benefit" }
            if case .date(let birth)? = s.row["geburtsdatum"], age(birth, on: s.receivedDay) < 15, cents > 0 {
                return "a child under 15 with an income"
            }
            return nil
        },
        "wohngeld/miete": { s in
            guard case .money(let rent) = s.value, case .number(let area)? = s.values["wohnflaeche"] else {
                return "no rent or area"
            }
            let perSquareMetre = Decimal(rent) / 100 / area
            return (5...30).contains(perSquareMetre) ? nil : "\(perSquareMetre) € a square metre"
        },
        "wohngeld/wohnflaeche": { s in
            guard case .number(let area) = s.value, case .rows(let rows)? = s.values["haushalt"] else {
                return "no area or household"
            }
            let perPerson = area / Decimal(max(1, rows.count))
            return (10...80).contains(perPerson) ? nil : "\(perPerson) m² a person"
        },
        "wohngeld/haushaltsgroesse": calculated,
        "wohngeld/gesamteinkommen": calculated,
        "wohngeld/iban": validIBAN,
        // Registering a residence
        "wohnsitz_anmeldung/art": anOption,
        "wohnsitz_anmeldung/einzugsdatum": { s in
            guard case .date(let moveIn) = s.value else { return "not a date" }
            let days = s.receivedDay.dayNumber - moveIn.dayNumber
            return (0...90).contains(days) ? nil : "moved in \(days) days before applying"
        },
        "wohnsitz_anmeldung/neue_anschrift": isTheCitizensMunichAddress,
        "wohnsitz_anmeldung/wohnungsstatus": anOption,
        "wohnsitz_anmeldung/bisherige_anschrift": { s in
            guard case .address(let a) = s.value else { return "not an address" }
            if PostalAddressCheck.check(a, munichOnly: false) != nil { return "not a valid address" }
            if a == s.citizen.address { return "the new address again" }
            let munich = PostalAddressCheck.check(a, munichOnly: true) == nil
            switch s.values["art"] {
            case .choice("zuzug_inland")?: return munich ? "a Munich address for a move from elsewhere" : nil
            case .choice("umzug_muenchen")?:
                return munich ? nil : "not a Munich address for a move within Munich"
            default: return "a previous address for a move from abroad"
            }
        },
        "wohnsitz_anmeldung/bisheriger_staat": { s in
            guard case .text(let country) = s.value,
                country.wholeMatch(of: /[A-ZÄÖÜ][a-zäöüß]+( [a-zA-Zäöüß]+)*/) != nil, country != "Deutschland"
            else { return "not a foreign country" }
            return s.values["art"] == .choice("zuzug_ausland") ? nil : "a country for a move within Germany"
        },
        "wohnsitz_anmeldung/wohnungsgeberbestaetigung": yes,
        "wohnsitz_anmeldung/wohnungsgeber": { s in
            guard case .text(let landlord) = s.value, landlord.split(separator: " ").count >= 2,
                landlord.first?.isUppercase == true, !landlord.contains(where: \.isNumber)
            else { return "not a landlord's name" }
            return nil
        },
        "wohnsitz_anmeldung/personen": { s in
            guard case .rows(let rows) = s.value else { return "no rows" }
            return rows.first?["name"] == .name(s.citizen.name)
                ? nil : "the applicant is not the first person"
        },
        "wohnsitz_anmeldung/personen.name": { s in
            guard case .name(let name) = s.value, !name.given.isEmpty, !name.family.isEmpty else {
                return "no name"
            }
            return nil
        },
        "wohnsitz_anmeldung/personen.geburtsdatum": memberBirthDate,
        "wohnsitz_anmeldung/personen.staatsangehoerigkeit": { s in
            guard case .text(let nationality) = s.value,
                nationality == "deutsch" || nationality.wholeMatch(of: /[A-Za-zäöüß\-]+isch/) != nil
            else { return "not a nationality" }
            return nil
        },
        "wohnsitz_anmeldung/personen.ausweis_mitgebracht": aYesOrNo,
        "wohnsitz_anmeldung/telefon": aGermanPhoneNumber,
    ]

    /// The rule for a field path of a service; every form's comment field holds a clerk's note.
    static func rule(_ service: String, _ path: String) -> Rule? {
        rules["\(service)/\(path)"] ?? (path == FormDefinition.commentFieldID ? aSentence : nil)
    }

    // MARK: - Rule helpers

    static func age(_ birth: LocalDate, on day: LocalDate) -> Int {
        var years = day.year - birth.year
        if (day.month, day.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    static let anOption: Rule = { s in
        if case .choice = s.value { return nil }
        return "not a choice"
    }
    static let aYesOrNo: Rule = { s in
        if case .bool = s.value { return nil }
        return "not yes or no"
    }
    static let yes: Rule = { s in s.value == .bool(true) ? nil : "must be yes" }
    /// Calculated fields are checked by the form engine (the values are settled).
    static let calculated: Rule = { _ in nil }

    static func rows(_ range: ClosedRange<Int>) -> Rule {
        { s in
            guard case .rows(let rows) = s.value else { return "not rows" }
            return range.contains(rows.count) ? nil : "\(rows.count) rows"
        }
    }

    static func wholeNumber(_ range: ClosedRange<Decimal>) -> Rule {
        { s in
            guard case .number(let n) = s.value else { return "not a number" }
            var rounded = Decimal()
            var copy = n
            NSDecimalRound(&rounded, &copy, 0, .plain)
            return rounded == n && range.contains(n) ? nil : "not a whole number in \(range)"
        }
    }

    static func distinctInRows(_ s: Sample, _ id: String) -> String? {
        guard
            case .rows(let rows)? = s.values.first(where: { _, v in
                if case .rows(let rows) = v { return rows.contains { $0 == s.row } }
                return false
            })?.value
        else { return nil }
        let same = rows.filter { $0[id] == s.value }.count
        return same == 1 ? nil : "the same in \(same) rows"
    }

    static let isTheCitizensMunichAddress: Rule = { s in
        guard case .address(let a) = s.value else { return "not an address" }
        if PostalAddressCheck.check(a, munichOnly: true) != nil { return "not a Munich address" }
        return a == s.citizen.address ? nil : "not the applicant's address"
    }
    static let isAMunichAddress: Rule = { s in
        guard case .address(let a) = s.value else { return "not an address" }
        return PostalAddressCheck.check(a, munichOnly: true) == nil ? nil : "not a Munich address"
    }
    static let validIBAN: Rule = { s in
        guard case .text(let iban) = s.value else { return "not text" }
        return DemoValues.isValidIBAN(iban) && iban.hasPrefix("DE") ? nil : "not a German IBAN"
    }
    static let aGermanPhoneNumber: Rule = { s in
        guard case .text(let phone) = s.value, phone.wholeMatch(of: /\+49 [1-9][0-9]{1,3} [0-9]{5,8}/) != nil
        else {
            return "not a German phone number"
        }
        return nil
    }
    static let aSentence: Rule = { s in
        guard case .text(let text) = s.value, text.count >= 10, text.first?.isUppercase == true,
            text.hasSuffix(".")
        else { return "not a sentence" }
        return nil
    }

    /// A household member's date of birth: the applicant's own in the first row; a child at least
    /// 16 years younger than the applicant, a parent at least 16 years older, a partner of age.
    static let memberBirthDate: Rule = { s in
        guard case .date(let birth) = s.value else { return "not a date" }
        if birth > s.receivedDay { return "born after the application" }
        if s.rowIndex == 0 {
            return birth == s.citizen.dateOfBirth ? nil : "not the applicant's date of birth"
        }
        let applicant = s.citizen.dateOfBirth
        switch s.row["verhaeltnis"] {
        case .choice("kind")?:
            return birth.year - applicant.year >= 16 ? nil : "a child born to a parent under 16"
        case .choice("eltern")?:
            return applicant.year - birth.year >= 16 ? nil : "a parent not 16 years older"
        case .choice("partner")?: return age(birth, on: s.receivedDay) >= 18 ? nil : "a partner under 18"
        default: return age(birth, on: s.receivedDay) <= 110 ? nil : "older than 110"
        }
    }
}
