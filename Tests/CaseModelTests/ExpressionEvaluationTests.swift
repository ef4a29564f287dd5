import Foundation
import Testing

@testable import CaseModel

@Suite struct ExpressionEvaluationTests {
    let context = EvaluationContext(
        today: LocalDate(year: 2026, month: 11, day: 30) ?? LocalDate(dayNumber: 0))

    private func eval(
        _ source: String, _ values: [String: FieldValue] = [:], row: [String: FieldValue]? = nil,
        current: FieldValue? = nil
    ) throws -> ExpressionValue {
        try CaseModel.Expression(parsing: source).evaluate(
            in: EvaluationScope(values: values, row: row, current: current), context: context)
    }

    private func evalError(_ source: String, _ values: [String: FieldValue] = [:]) -> ExpressionError? {
        do {
            _ = try eval(source, values)
            return nil
        } catch let error as ExpressionError {
            return error
        } catch {
            return nil
        }
    }

    private func date(_ y: Int, _ m: Int, _ d: Int) throws -> LocalDate {
        try #require(LocalDate(year: y, month: m, day: d))
    }

    @Test func decimalArithmeticIsExact() throws {
        #expect(try eval("0.1 + 0.2 = 0.3") == .bool(true))
        #expect(try eval("10 / 4") == .number(Decimal(string: "2.5") ?? 0))
        #expect(try eval("-3 * 2") == .number(-6))
    }

    @Test func moneyStaysInCents() throws {
        #expect(try eval("0.10€ + 0.20€") == .money(cents: 30))
        #expect(try eval("100€ * 3") == .money(cents: 30000))
        #expect(try eval("10€ / 3") == .money(cents: 333))
        #expect(try eval("20€ / 3") == .money(cents: 667))
        #expect(try eval("0.05€ * 0.5") == .money(cents: 3))  // 2.5 cents rounds half away from zero
        #expect(try eval("10€ / 4€") == .number(Decimal(string: "2.5") ?? 0))
        #expect(try eval("40€ + (3 - 1) * 27€") == .money(cents: 9400))
        #expect(try eval("miete + 50", ["miete": .money(cents: 80000)]) == .money(cents: 85000))
        #expect(try eval("miete > 799.99", ["miete": .money(cents: 80000)]) == .bool(true))
    }

    @Test func fieldReferencesAndEmptyValues() throws {
        #expect(try eval("alter >= 18", ["alter": .number(18)]) == .bool(true))
        #expect(try eval("alter >= 18") == .bool(false))
        #expect(try eval("fehlt = fehlt") == .bool(true))
        #expect(try eval("fehlt + 1") == .null)
        #expect(try eval("art = 'a' or art = 'b'", ["art": .choice("b")]) == .bool(true))
        #expect(try eval("name", ["name": .text("")]) == .null)
    }

    @Test func currentValueAndRows() throws {
        #expect(try eval(". > 3", current: .number(4)) == .bool(true))
        let rows: [[String: FieldValue]] = [
            ["einkommen": .money(cents: 150_000), "name": .text("A")],
            ["einkommen": .money(cents: 99_950)],
            ["name": .text("C")],
        ]
        let values: [String: FieldValue] = ["personen": .rows(rows), "name": .text("Top")]
        #expect(try eval("count(personen)", values) == .number(3))
        #expect(try eval("count(personen.name)", values) == .number(2))
        #expect(try eval("sum(personen.einkommen)", values) == .money(cents: 249_950))
        #expect(try eval("max(personen.einkommen)", values) == .money(cents: 150_000))
        #expect(try eval("sum(leer.x)", values) == .number(0))
        // Inside a row a bare name is the row's sub-field, even when unanswered.
        let scope = EvaluationScope(values: values, row: rows[1], rowFieldIDs: ["einkommen", "name"])
        #expect(try CaseModel.Expression(parsing: "name").evaluate(in: scope, context: context) == .null)
        #expect(try eval("name", values) == .string("Top"))
    }

    @Test func datesAndAges() throws {
        #expect(try eval("today()") == .date(try date(2026, 11, 30)))
        #expect(try eval("age(d)", ["d": .date(try date(2008, 11, 30))]) == .number(18))
        #expect(try eval("age(d)", ["d": .date(try date(2008, 12, 1))]) == .number(17))
        #expect(try eval("years_between(date('2000-02-29'), date('2001-02-28'))") == .number(0))
        #expect(try eval("days_between(date('01.01.2026'), date('2026-03-01'))") == .number(59))
        #expect(try eval("date('2026-11-30') + 2") == .date(try date(2026, 12, 2)))
        #expect(try eval("date('2026-12-01') - date('2026-11-30')") == .number(1))
        #expect(try eval("date('2026-12-01') > today()") == .bool(true))
    }

    @Test func functions() throws {
        #expect(try eval("if(x > 1, 'gross', 'klein')", ["x": .number(2)]) == .string("gross"))
        #expect(try eval("length('Straße')") == .number(6))
        #expect(try eval("matches('HRB 12345', '(HRA|HRB) [0-9]+')") == .bool(true))
        #expect(try eval("matches('xHRB 12345', '(HRA|HRB) [0-9]+')") == .bool(false))
        #expect(try eval("selected(k, 'kategorie_1')", ["k": .choice("kategorie_1")]) == .bool(true))
        #expect(try eval("round(2.5)") == .number(3))
        #expect(try eval("round(-2.5)") == .number(-3))
        #expect(try eval("round(1.2345, 2)") == .number(Decimal(string: "1.23") ?? 0))
        #expect(try eval("round(12.50€)") == .money(cents: 1300))
        #expect(try eval("min(3, 1, 2)") == .number(1))
        #expect(try eval("max(date('2026-01-01'), date('2025-01-01'))") == .date(try date(2026, 1, 1)))
        #expect(try eval("empty(x)") == .bool(true))
        #expect(try eval("coalesce(x, 5)") == .number(5))
        #expect(try eval("number('12,5')") == .number(Decimal(string: "12.5") ?? 0))
    }

    @Test func typeMismatchesAreClearErrors() throws {
        let cases: [(String, [String: FieldValue], String)] = [
            ("'a' + 1", [:], "„+“ ist für Text und Zahl nicht möglich."),
            ("1 and true", [:], "„and“ ist für Zahl nicht möglich."),
            ("d < 3", ["d": .date(try date(2026, 1, 1))], "„<“ ist für Datum und Zahl nicht möglich."),
            ("1 / 0", [:], "Division durch null."),
            ("length(3)", [:], "„length“ ist für Zahl nicht möglich."),
            ("date(s)", ["s": .text("x")], "„x“ ist kein gültiges Datum."),
            ("a.b", ["a": .number(1)], "„a“ ist keine Wiederholungsgruppe."),
            (
                "date('2026-01-01') + 0.5", [:],
                "Zu einem Datum lassen sich nur ganze Tage addieren, nicht 0.5."
            ),
        ]
        for (source, values, message) in cases {
            let error = try #require(evalError(source, values), "\(source) should fail")
            #expect(error.message.de == message, "\(source)")
        }
    }

    @Test func conditionsMustBeYesNo() throws {
        let expression = try CaseModel.Expression(parsing: "1 + 1")
        #expect(throws: ExpressionError.self) {
            try expression.holds(in: EvaluationScope(values: [:]), context: context)
        }
        let empty = try CaseModel.Expression(parsing: "x")
        #expect(try empty.holds(in: EvaluationScope(values: [:]), context: context) == false)
    }

    @Test func brokenSourceThrowsWhenEvaluated() {
        let expression = CaseModel.Expression(source: "1 +")
        #expect(throws: ExpressionError.self) {
            try expression.evaluate(in: EvaluationScope(values: [:]), context: context)
        }
    }
}
