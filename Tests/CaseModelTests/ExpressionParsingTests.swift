import Foundation
import Testing

@testable import CaseModel

@Suite struct ExpressionParsingTests {
    private func parse(_ source: String) throws -> ExpressionNode {
        try CaseModel.Expression(parsing: source).syntax.get()
    }

    private func parseError(_ source: String) -> ExpressionParseError? {
        do {
            _ = try CaseModel.Expression(parsing: source)
            return nil
        } catch {
            return error
        }
    }

    @Test func precedenceOfArithmeticAndLogic() throws {
        let node = try parse("a + 2 * 3 > 7 and not b or c")
        let expected = ExpressionNode.binary(
            .or,
            .binary(
                .and,
                .binary(
                    .greater,
                    .binary(
                        .add, .reference(FieldReference(path: ["a"], column: 1)),
                        .binary(.multiply, .literal(.number(2)), .literal(.number(3)))),
                    .literal(.number(7))),
                .not(.reference(FieldReference(path: ["b"], column: 23)))),
            .reference(FieldReference(path: ["c"], column: 28)))
        #expect(node == expected)
    }

    @Test func literalsOfEveryKind() throws {
        #expect(try parse("12.50€") == .literal(.money(cents: 1250)))
        #expect(try parse("100 €") == .literal(.money(cents: 10000)))
        #expect(try parse("3.25") == .literal(.number(Decimal(string: "3.25") ?? 0)))
        #expect(try parse("'Mischling'") == .literal(.string("Mischling")))
        #expect(try parse("\"x\"") == .literal(.string("x")))
        #expect(try parse("true") == .literal(.bool(true)))
        #expect(try parse(".") == .currentValue)
        #expect(try parse("date('2026-12-03')") == .call(.date, [.literal(.string("2026-12-03"))]))
    }

    @Test func referencesIntoRepeatGroups() throws {
        #expect(
            try parse("sum(personen.einkommen)")
                == .call(.sum, [.reference(FieldReference(path: ["personen", "einkommen"], column: 5))]))
        let expression = try CaseModel.Expression(parsing: "count(hunde) > 0 and alter >= 18")
        #expect(expression.references.map(\.dotted) == ["hunde", "alter"])
        #expect(expression.references.map(\.column) == [7, 22])
    }

    @Test func comparisonSpellings() throws {
        #expect(try parse("a == 1") == parse("a = 1"))
        #expect(try parse("a <> 1") == parse("a != 1"))
    }

    @Test func errorsCarryTheColumn() throws {
        let cases: [(String, Int, String)] = [
            ("a + ", 5, "Erwartet: einen Wert, gefunden: das Ende."),
            ("a # b", 3, "Unerwartetes Zeichen „#“."),
            ("(a + 1", 7, "Erwartet: „)“, gefunden: das Ende."),
            ("'offen", 1, "Der Text wird nicht mit ' abgeschlossen."),
            ("foo(1)", 1, "Unbekannte Funktion „foo“."),
            ("round()", 1, "round() erwartet 1–2 Argument(e), nicht 0."),
            ("a < b < c", 7, "Vergleiche lassen sich nicht verketten; „and“ verwenden."),
            ("12.345€", 1, "Ein Geldbetrag hat höchstens zwei Nachkommastellen: „12.345 €“."),
            ("date('31.02.2026')", 1, "„31.02.2026“ ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ)."),
            ("sum(3)", 1, "sum() erwartet eine Wiederholungsgruppe, z. B. sum(personen.einkommen)."),
            ("a b", 3, "Erwartet: das Ende des Ausdrucks, gefunden: „b“."),
            ("", 1, "Der Ausdruck ist leer."),
            ("!a", 1, "„!“ allein gibt es nicht; für die Verneinung „not“ schreiben."),
            ("gruppe.", 8, "Erwartet: einen Feldnamen nach „.“, gefunden: das Ende."),
        ]
        for (source, column, message) in cases {
            let error = try #require(parseError(source), "\(source) should not parse")
            #expect(error.column == column, "\(source)")
            #expect(error.message.de.hasPrefix(message), "\(source): \(error.message.de)")
            #expect(!error.message.en.isEmpty)
        }
    }

    @Test func invalidRegexIsAParseError() throws {
        let error = try #require(parseError("matches(., '[a-')"))
        #expect(error.column == 1)
        #expect(error.message.de == "„[a-“ ist kein gültiger regulärer Ausdruck.")
    }

    @Test func lenientInitKeepsTheSourceAndTheError() {
        let broken = CaseModel.Expression(source: "a +")
        #expect(broken.source == "a +")
        #expect(broken.parseError?.column == 4)
        var fixed = broken
        fixed.source = "a + 1"
        #expect(fixed.parseError == nil)
        #expect(fixed.references.map(\.dotted) == ["a"])
    }
}
