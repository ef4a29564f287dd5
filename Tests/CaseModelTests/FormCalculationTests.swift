import Foundation
import Testing

@testable import CaseModel

@Suite struct FormCalculationTests {
    let context = EvaluationContext(
        today: LocalDate(year: 2026, month: 11, day: 30) ?? LocalDate(dayNumber: 0))

    private func label(_ de: String) -> LocalizedText { LocalizedText(de: de, en: de) }

    private func expr(_ source: String) throws -> CaseModel.Expression {
        try CaseModel.Expression(parsing: source)
    }

    /// Dog tax: a fee per dog in each row and a total over all rows.
    private func dogTax() throws -> FormDefinition {
        FormDefinition(fields: [
            FieldDefinition(
                id: "hunde", type: .repeatGroup, label: label("Hunde"), required: true,
                fields: [
                    FieldDefinition(id: "kampfhund", type: .yesNo, label: label("Kampfhund"), required: true),
                    FieldDefinition(id: "befreit", type: .yesNo, label: label("Befreit")),
                    FieldDefinition(
                        id: "steuer", type: .money, label: label("Steuer"),
                        calculate: try expr("if(befreit = true, 0€, if(kampfhund, 800€, 100€))")),
                ]),
            FieldDefinition(
                id: "gesamt", type: .money, label: label("Gesamt"), calculate: try expr("sum(hunde.steuer)")),
            FieldDefinition(
                id: "monatlich", type: .money, label: label("Monatlich"), calculate: try expr("gesamt / 12")),
        ])
    }

    @Test func feesPerRowAndTotalInExactCents() throws {
        let values: [String: FieldValue] = [
            "hunde": .rows([
                ["kampfhund": .bool(false)],
                ["kampfhund": .bool(true)],
                ["kampfhund": .bool(false), "befreit": .bool(true)],
            ])
        ]
        let result = FormEngine.calculate(form: try dogTax(), values: values, context: context)
        #expect(result["gesamt"] == .money(cents: 90000))
        #expect(result["monatlich"] == .money(cents: 7500))
        guard case .rows(let rows) = result["hunde"] else {
            Issue.record("rows expected")
            return
        }
        #expect(rows.map { $0["steuer"] } == [.money(cents: 10000), .money(cents: 80000), .money(cents: 0)])
    }

    @Test func calculationsUseLaterFieldsRegardlessOfOrder() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(
                id: "brutto", type: .money, label: label("Brutto"), calculate: try expr("netto * 1.19")),
            FieldDefinition(
                id: "netto", type: .money, label: label("Netto"), calculate: try expr("stunden * 33.33€")),
            FieldDefinition(id: "stunden", type: .number, label: label("Stunden")),
        ])
        let result = FormEngine.calculate(form: form, values: ["stunden": .number(3)], context: context)
        #expect(result["netto"] == .money(cents: 9999))
        #expect(result["brutto"] == .money(cents: 11899))  // 118.9881 € rounds to 118.99 €
    }

    @Test func staleCalculatedValuesAreReplacedOrRemoved() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(id: "n", type: .number, label: label("N")),
            FieldDefinition(id: "fee", type: .money, label: label("Fee"), calculate: try expr("n * 2.50€")),
        ])
        let updated = FormEngine.calculate(
            form: form, values: ["n": .number(4), "fee": .money(cents: 1)], context: context)
        #expect(updated["fee"] == .money(cents: 1000))
        let cleared = FormEngine.calculate(form: form, values: ["fee": .money(cents: 1)], context: context)
        #expect(cleared["fee"] == nil)
    }

    @Test func aNumberResultForMoneyCountsAsEuros() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(id: "fee", type: .money, label: label("Fee"), calculate: try expr("10 / 3"))
        ])
        #expect(FormEngine.calculate(form: form, values: [:], context: context)["fee"] == .money(cents: 333))
    }

    @Test func aFailingCalculationIsAnIssue() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(id: "t", type: .text, label: label("T")),
            FieldDefinition(id: "fee", type: .money, label: label("Fee"), calculate: try expr("t * 2")),
        ])
        let issues = FormEngine.validate(form: form, values: ["t": .text("abc")], context: context)
        #expect(issues.map(\.path) == ["fee"])
        #expect(issues.first?.kind == .expression)
        #expect(issues.first?.message.de.contains("„*“ ist für Text und Zahl nicht möglich.") == true)
    }

    @Test func conditionsSeeCalculatedValues() throws {
        let form = FormDefinition(fields: [
            FieldDefinition(id: "n", type: .number, label: label("N")),
            FieldDefinition(id: "fee", type: .money, label: label("Fee"), calculate: try expr("n * 100€")),
            FieldDefinition(
                id: "iban", type: .iban, label: label("IBAN"), required: true,
                relevant: try expr("fee > 500€")),
        ])
        #expect(FormEngine.validate(form: form, values: ["n": .number(5)], context: context) == [])
        #expect(
            FormEngine.validate(form: form, values: ["n": .number(6)], context: context).map(\.path) == [
                "iban"
            ])
    }
}
