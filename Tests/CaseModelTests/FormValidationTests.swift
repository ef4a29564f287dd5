import Foundation
import Testing

@testable import CaseModel

@Suite struct FormValidationTests {
    let context = EvaluationContext(
        today: LocalDate(year: 2026, month: 11, day: 30) ?? LocalDate(dayNumber: 0))

    private func label(_ de: String) -> LocalizedText { LocalizedText(de: de, en: de) }

    private func expr(_ source: String) throws -> CaseModel.Expression {
        try CaseModel.Expression(parsing: source)
    }

    /// A small move-in form: relevance, required-if, a constraint and a repeat group.
    private func form() throws -> FormDefinition {
        FormDefinition(fields: [
            FieldDefinition(
                id: "art", type: .choice, label: label("Art"), required: true,
                choices: [
                    ChoiceOption(code: "inland", label: label("Inland")),
                    ChoiceOption(code: "ausland", label: label("Ausland")),
                ]),
            FieldDefinition(
                id: "bisherige_anschrift", type: .address, label: label("Bisherige Anschrift"),
                required: true,
                relevant: try expr("art = 'inland'")),
            FieldDefinition(
                id: "einzug", type: .date, label: label("Einzugsdatum"), required: true,
                constraint: try expr(". <= today()"),
                constraintMessage: LocalizedText(
                    de: "Das Einzugsdatum darf nicht in der Zukunft liegen.", en: "x")),
            FieldDefinition(
                id: "telefon", type: .phone, label: label("Telefon"), requiredIf: try expr("art = 'ausland'")),
            FieldDefinition(
                id: "personen", type: .repeatGroup, label: label("Personen"), required: true,
                fields: [
                    FieldDefinition(id: "name", type: .personName, label: label("Name"), required: true),
                    FieldDefinition(id: "geburt", type: .date, label: label("Geburtsdatum"), required: true),
                    FieldDefinition(
                        id: "ausweis", type: .yesNo, label: label("Ausweis"),
                        requiredIf: try expr("age(geburt) >= 16")),
                ], minRows: 1, maxRows: 2),
        ])
    }

    private func person(_ name: String, born: LocalDate?, ausweis: Bool? = nil) -> [String: FieldValue] {
        var row: [String: FieldValue] = ["name": .name(PersonName(given: name, family: "Huber"))]
        if let born { row["geburt"] = .date(born) }
        if let ausweis { row["ausweis"] = .bool(ausweis) }
        return row
    }

    private func date(_ y: Int, _ m: Int, _ d: Int) throws -> LocalDate {
        try #require(LocalDate(year: y, month: m, day: d))
    }

    @Test func completeValuesHaveNoIssues() throws {
        let values: [String: FieldValue] = [
            "art": .choice("inland"),
            "bisherige_anschrift": .address(
                PostalAddress(street: "Hauptstraße", houseNumber: "1", postcode: "01067", city: "Dresden")),
            "einzug": .date(try date(2026, 11, 20)),
            "personen": .rows([person("Maria", born: try date(1980, 1, 1), ausweis: true)]),
        ]
        #expect(FormEngine.validate(form: try form(), values: values, context: context) == [])
    }

    @Test func missingRequiredFieldsAreReportedInOrder() throws {
        let issues = FormEngine.validate(form: try form(), values: [:], context: context)
        #expect(issues.map(\.path) == ["art", "einzug", "personen"])
        #expect(issues[0].message.de == "„Art“ ist ein Pflichtfeld. Bitte ausfüllen.")
        #expect(issues[0].kind == .required)
        #expect(issues[2].message.de == "„Personen“ braucht 1 bis 2 Einträge.")
    }

    @Test func irrelevantFieldsAreSkippedAndNotValidated() throws {
        let values: [String: FieldValue] = [
            "art": .choice("ausland"),
            // Invalid, but irrelevant for a move from abroad: no issue.
            "bisherige_anschrift": .address(
                PostalAddress(street: "", houseNumber: "", postcode: "1", city: "")),
            "einzug": .date(try date(2026, 11, 1)),
            "telefon": .text("089 233-12345"),
            "personen": .rows([person("Ana", born: try date(2015, 5, 5))]),
        ]
        #expect(FormEngine.validate(form: try form(), values: values, context: context) == [])
        let relevant = FormEngine.relevantFields(form: try form(), values: values, context: context).map(\.id)
        #expect(relevant == ["art", "einzug", "telefon", "personen", "bemerkung"])
    }

    @Test func requiredIfFollowsItsCondition() throws {
        var values: [String: FieldValue] = [
            "art": .choice("ausland"), "einzug": .date(try date(2026, 11, 1)),
            "personen": .rows([person("Ana", born: try date(2015, 5, 5))]),
        ]
        let issues = FormEngine.validate(form: try form(), values: values, context: context)
        #expect(issues.map(\.path) == ["telefon"])
        values["art"] = .choice("inland")
        values["bisherige_anschrift"] = .address(
            PostalAddress(street: "Hauptstraße", houseNumber: "1", postcode: "01067", city: "Dresden"))
        #expect(FormEngine.validate(form: try form(), values: values, context: context) == [])
    }

    @Test func constraintsUseTheirMessage() throws {
        let values: [String: FieldValue] = [
            "art": .choice("ausland"), "telefon": .text("089 1234567"),
            "einzug": .date(try date(2026, 12, 24)),
            "personen": .rows([person("Ana", born: try date(2015, 5, 5))]),
        ]
        let issues = FormEngine.validate(form: try form(), values: values, context: context)
        #expect(issues.count == 1)
        #expect(issues.first?.path == "einzug")
        #expect(issues.first?.kind == .constraint)
        #expect(issues.first?.message.de == "Das Einzugsdatum darf nicht in der Zukunft liegen.")
    }

    @Test func repeatGroupRowsAreValidatedWithTheirIndex() throws {
        let values: [String: FieldValue] = [
            "art": .choice("ausland"), "telefon": .text("089 1234567"),
            "einzug": .date(try date(2026, 11, 1)),
            "personen": .rows([
                person("Ana", born: try date(2015, 5, 5)),
                person("Max", born: try date(1990, 2, 2)),
            ]),
        ]
        let issues = FormEngine.validate(form: try form(), values: values, context: context)
        #expect(issues.map(\.path) == ["personen[1].ausweis"])
        #expect(issues.first?.row == 1)
        #expect(issues.first?.subfieldID == "ausweis")
        #expect(issues.first?.message.de == "Zeile 2: „Ausweis“ ist ein Pflichtfeld. Bitte ausfüllen.")
        #expect(issues.first?.message.en == "Row 2: 'Ausweis' is required. Please fill it in.")
    }

    @Test func repeatGroupRowBounds() throws {
        var values: [String: FieldValue] = [
            "art": .choice("ausland"), "telefon": .text("089 1234567"),
            "einzug": .date(try date(2026, 11, 1)),
        ]
        let kid = person("Ana", born: try date(2015, 5, 5))
        values["personen"] = .rows([kid, kid, kid])
        let tooMany = FormEngine.validate(form: try form(), values: values, context: context)
        #expect(tooMany.map(\.message.de) == ["„Personen“ braucht 1 bis 2 Einträge."])
        #expect(tooMany.first?.kind == .rowCount)
        values["personen"] = .rows([])
        #expect(
            FormEngine.validate(form: try form(), values: values, context: context).map(\.kind) == [.rowCount]
        )
    }

    @Test func storedValuesAreCheckedByType() throws {
        let values: [String: FieldValue] = [
            "art": .choice("unbekannt"), "einzug": .text("gestern"), "telefon": .text("12"),
            "personen": .rows([["name": .name(PersonName(given: "", family: "Huber")), "geburt": .text("x")]]
            ),
        ]
        let issues = FormEngine.validate(form: try form(), values: values, context: context)
        #expect(
            issues.map(\.path) == [
                "art", "einzug", "telefon", "personen[0].name", "personen[0].geburt", "personen[0].ausweis",
            ])
        #expect(issues[5].kind == .expression)
        #expect(issues[1].kind == .wrongType)
        #expect(issues[1].message.de == "Der gespeicherte Wert (Text) passt nicht zum Feldtyp „date“.")
        #expect(issues[3].message.de.hasPrefix("Zeile 1: Bitte Vor- und Nachnamen eingeben"))
    }

    @Test func aFailingConditionIsReportedNotCrashing() throws {
        let broken = FormDefinition(fields: [
            FieldDefinition(
                id: "a", type: .number, label: label("A"), relevant: CaseModel.Expression(source: "b +"))
        ])
        let issues = FormEngine.validate(form: broken, values: ["a": .number(1)], context: context)
        #expect(issues.map(\.kind) == [.expression])
        #expect(
            issues.first?.message.de.hasPrefix("Die Regel „relevant“ dieses Feldes ließ sich nicht auswerten")
                == true)
    }

    @Test func aConstraintMustYieldYesNo() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(
                id: "a", type: .number, label: label("A"), constraint: try expr(". + 1"),
                constraintMessage: label("nie"))
        ])
        let issues = FormEngine.validate(form: form, values: ["a": .number(1)], context: context)
        #expect(issues.map(\.kind) == [.expression])
        #expect(
            issues.first?.message.de.hasSuffix("Die Bedingung „. + 1“ ergibt Zahl statt Ja/Nein.") == true)
    }

    @Test func relevantSubfieldsPerRow() throws {
        let group = FieldDefinition(
            id: "hunde", type: .repeatGroup, label: label("Hunde"),
            fields: [
                FieldDefinition(id: "kategorie", type: .text, label: label("Kategorie")),
                FieldDefinition(
                    id: "zeugnis", type: .yesNo, label: label("Zeugnis"),
                    relevant: try expr("kategorie = '2'")),
            ])
        let form = FormDefinition(fields: [group])
        let values: [String: FieldValue] = [
            "hunde": .rows([["kategorie": .text("1")], ["kategorie": .text("2")]])
        ]
        #expect(
            FormEngine.relevantSubfields(of: group, row: 0, form: form, values: values, context: context).map(
                \.id)
                == ["kategorie"])
        #expect(
            FormEngine.relevantSubfields(of: group, row: 1, form: form, values: values, context: context).map(
                \.id)
                == ["kategorie", "zeugnis"])
    }
}
