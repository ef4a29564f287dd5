import CaseModel
import Foundation
import Testing

@testable import ServiceCatalog

/// The rules of the shipped services behave as their files say (fees, channels, relevance).
@Suite struct ShippedServiceRulesTests {
    let context = EvaluationContext(
        today: LocalDate(year: 2026, month: 11, day: 30) ?? LocalDate(dayNumber: 0))

    private func service(_ id: String) throws -> ServiceDefinition {
        let catalog = CatalogLoader.load(directory: shippedCatalog).catalog
        return try #require(catalog.service(id: id), "\(id) missing")
    }

    private func parse(_ input: String, _ field: FieldDefinition?) throws -> FieldValue {
        let field = try #require(field)
        return try FormEngine.parse(input: input, for: field).get()
    }

    @Test func theSevenServicesAreThere() throws {
        let catalog = CatalogLoader.load(directory: shippedCatalog).catalog
        #expect(
            catalog.serviceIDs == [
                "bewohnerparkausweis", "briefwahl", "gewerbeanmeldung", "hundesteuer", "sperrmuell",
                "wohngeld",
                "wohnsitz_anmeldung",
            ])
        for service in catalog.latest {
            #expect(service.form.fields.last?.id == FormDefinition.commentFieldID)
            #expect(service.orgUnit.directPhone.hasPrefix("+49 89 233-"))
            for field in service.form.fields where field.calculate == nil {
                #expect(field.phoneQuestion != nil, "\(service.id).\(field.id)")
                #expect(field.help != nil, "\(service.id).\(field.id)")
            }
        }
    }

    @Test func postalVoteCannotBeAppliedForByPhone() throws {
        let vote = try service("briefwahl")
        #expect(!vote.channels.contains(.phone))
        #expect(vote.channelNote?.de.contains("§ 27 Abs. 1 BWO") == true)
        #expect(vote.channelNote?.de.contains("telefonische Antragstellung ist unzulässig") == true)
        #expect(vote.channelNote?.en.contains("by telephone") == true)
    }

    @Test func dogTaxPerDogAndTotal() throws {
        let tax = try service("hundesteuer")
        let hunde = try #require(tax.form.field("hunde"))
        func dog(_ kampfhund: String, zeugnis: Bool? = nil, befreiung: String = "keine") -> [String:
            FieldValue]
        {
            var row: [String: FieldValue] = [
                "hundename": .text("Bello"), "rasse": .text("Mischling"),
                "haltung_seit": .date(LocalDate(year: 2026, month: 1, day: 1) ?? LocalDate(dayNumber: 0)),
                "kampfhund": .choice(kampfhund), "befreiung": .choice(befreiung),
            ]
            if let zeugnis { row["negativzeugnis"] = .bool(zeugnis) }
            return row
        }
        let values: [String: FieldValue] = [
            "hunde": .rows([
                dog("nein"), dog("kategorie_1"), dog("kategorie_2", zeugnis: true),
                dog("kategorie_2", zeugnis: false),
                dog("nein", befreiung: "assistenzhund"),
            ])
        ]
        let computed = FormEngine.calculate(form: tax.form, values: values, context: context)
        #expect(computed["jahressteuer"] == .money(cents: 180_000))
        #expect(
            FormEngine.format(
                try #require(computed["jahressteuer"]), for: try #require(tax.form.field("jahressteuer")))
                == "1.800,00 €")
        #expect(FormEngine.validate(form: tax.form, values: values, context: context) == [])
        // A listed dog of category 1 cannot be exempted.
        let exempted: [String: FieldValue] = [
            "hunde": .rows([dog("kategorie_1", befreiung: "assistenzhund")])
        ]
        let issues = FormEngine.validate(form: tax.form, values: exempted, context: context)
        #expect(issues.map(\.path) == ["hunde[0].befreiung"])
        #expect(issues.first?.kind == .constraint)
        // The chip number of a row is checked like any typed chip number.
        let chip = try #require(hunde.subfield("chipnummer"))
        #expect(try parse("276 09 8100123456", chip) == .text("276098100123456"))
    }

    @Test func residentParkingFeeAndPlates() throws {
        let parking = try service("bewohnerparkausweis")
        let fee = { (laufzeit: String) in
            FormEngine.calculate(
                form: parking.form, values: ["laufzeit": .choice(laufzeit)], context: self.context)["gebuehr"]
        }
        #expect(fee("12") == .money(cents: 3000))
        #expect(fee("6") == .money(cents: 1500))
        let plate = try #require(parking.form.field("fahrzeuge")?.subfield("kennzeichen"))
        #expect(try parse("M AB 1234E", plate) == .text("M-AB 1234E"))
        let values: [String: FieldValue] = [
            "privater_stellplatz": .bool(true),
            "fahrzeuge": .rows([
                ["kennzeichen": .text("M-AB 1"), "auf_antragsteller_zugelassen": .bool(false)]
            ]),
        ]
        let issues = FormEngine.validate(form: parking.form, values: values, context: context)
        #expect(
            issues.map(\.path) == [
                "wohnanschrift", "parklizenzgebiet", "fahrzeuge[0].halterbestaetigung", "privater_stellplatz",
                "laufzeit",
            ])
    }

    @Test func moveInAsksForThePreviousAddressOnlyFromWithinGermany() throws {
        let move = try service("wohnsitz_anmeldung")
        let abroad = FormEngine.relevantFields(
            form: move.form, values: ["art": .choice("zuzug_ausland")], context: context)
        #expect(abroad.map(\.id).contains("bisheriger_staat"))
        #expect(!abroad.map(\.id).contains("bisherige_anschrift"))
        let inland = FormEngine.relevantFields(
            form: move.form, values: ["art": .choice("zuzug_inland")], context: context)
        #expect(inland.map(\.id).contains("bisherige_anschrift"))
        let address = try #require(move.form.field("neue_anschrift"))
        #expect(address.requiresMunichAddress)
        #expect(address.legalReference == "§ 17 Abs. 1 BMG")
        #expect(move.form.field("wohnungsgeberbestaetigung")?.legalReference == "§ 19 BMG")
        #expect(try parse("Leopoldstraße 12a, 80802", address) != .text(""))
    }

    @Test func housingBenefitTotals() throws {
        let benefit = try service("wohngeld")
        let values: [String: FieldValue] = [
            "haushalt": .rows([
                ["einkommen": .money(cents: 180_050)], ["einkommen": .money(cents: 45_025)], [:],
            ])
        ]
        let computed = FormEngine.calculate(form: benefit.form, values: values, context: context)
        #expect(computed["haushaltsgroesse"] == .number(3))
        #expect(computed["gesamteinkommen"] == .money(cents: 225_075))
    }

    @Test func businessRegistrationAndBulkyWasteFees() throws {
        let business = try service("gewerbeanmeldung")
        let gmbh = FormEngine.calculate(
            form: business.form, values: ["rechtsform": .choice("gmbh"), "weitere_vertreter": .number(2)],
            context: context)
        #expect(gmbh["gebuehr"] == .money(cents: 9000))
        let sole = FormEngine.calculate(
            form: business.form, values: ["rechtsform": .choice("einzelunternehmen")], context: context)
        #expect(sole["gebuehr"] == .money(cents: 5000))
        let waste = try service("sperrmuell")
        let fee = FormEngine.calculate(
            form: waste.form, values: ["ladezeit_viertelstunden": .number(3)], context: context)
        #expect(fee["gebuehr"] == .money(cents: 9400))
    }
}
