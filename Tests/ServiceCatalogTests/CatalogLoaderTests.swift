import CaseModel
import Foundation
import Testing

@testable import ServiceCatalog

/// A small valid service; `fields` is inserted under `form.fields` (indented by 4 spaces).
func serviceYAML(
    id: String = "test_dienst", version: Int = 1, channels: String = "[counter, phone]", fields: String? = nil
)
    -> String
{
    let defaultFields = """
            - id: anzahl
              type: number
              label: {de: Anzahl, en: Count}
              required: true
              help: {de: Wie viele, en: How many}
              phone_question: {de: Wie viele?, en: How many?}
            - id: gebuehr
              type: money
              label: {de: Gebühr, en: Fee}
              calculate: "anzahl * 2.50€"
              help: {de: "Je Stück 2,50 €", en: "2.50 € each"}
        """
    return """
        id: \(id)
        version: \(version)
        title: {de: Testdienst, en: Test service}
        number_prefix: TST
        org_unit:
          id: test-ou
          name: {de: Testamt, en: Test office}
          direct_phone: "+49 89 233-12345"
        channels: \(channels)
        workflow:
          initial: neu
          states:
            - {id: neu, label: {de: Neu, en: New}}
            - {id: fertig, label: {de: Fertig, en: Done}, terminal: true}
            - {id: warten, label: {de: Warten, en: Waiting}, pauses_sla: true}
          transitions:
            - {from: neu, to: fertig, label: {de: Erledigen, en: Finish}, roles: [counter], reason_required: true}
            - {from: [neu, warten], to: warten, label: {de: Warten, en: Wait}}
        sla:
          working_days: 5
          stalled_after_working_days: 2
          targets:
            decided_per_week: 40
            lead_time_working_days: 3
            decided_within_deadline_percent: 90
            org_units:
              bb-pasing: {decided_per_week: 12}
        form:
          fields:
        \(fields ?? defaultFields)
        """
}

@Suite struct CatalogLoaderTests {
    @Test func aValidServiceLoadsCompletely() throws {
        let result = CatalogLoader.load(yaml: serviceYAML(), file: "test.yaml")
        #expect(result.problems == [])
        let service = try #require(result.services.first)
        #expect(service.id == "test_dienst")
        #expect(service.version == 1)
        #expect(service.title == LocalizedText(de: "Testdienst", en: "Test service"))
        #expect(service.numberPrefix == "TST")
        #expect(service.orgUnit.directPhone == "+49 89 233-12345")
        #expect(service.channels == [.counter, .phone])
        let targets = ServiceTargets(
            decidedPerWeek: 40, leadTimeWorkingDays: 3, decidedWithinDeadlinePercent: 90,
            orgUnits: ["bb-pasing": UnitTargets(decidedPerWeek: 12)])
        #expect(service.sla == SLAPolicy(workingDays: 5, stalledAfterWorkingDays: 2, targets: targets))
        #expect(
            targets.forUnit("bb-pasing")
                == ServiceTargets(
                    decidedPerWeek: 12, leadTimeWorkingDays: 3, decidedWithinDeadlinePercent: 90))
        #expect(
            targets.forUnit("bb-mitte")
                == ServiceTargets(
                    decidedPerWeek: 40, leadTimeWorkingDays: 3, decidedWithinDeadlinePercent: 90))
        #expect(service.workflow.initialState == "neu")
        #expect(service.workflow.states.map(\.id) == ["neu", "fertig", "warten"])
        #expect(service.workflow.states.map(\.terminal) == [false, true, false])
        #expect(service.workflow.states.map(\.pausesSLA) == [false, false, true])
        #expect(
            service.workflow.transitions.map { "\($0.from)>\($0.to)" } == [
                "neu>fertig", "neu>warten", "warten>warten",
            ])
        #expect(service.workflow.transitions.first?.roles == [.counter])
        #expect(service.workflow.transitions.first?.reasonRequired == true)
        #expect(service.form.fields.map(\.id) == ["anzahl", "gebuehr", "bemerkung"])
        let fee = try #require(service.form.field("gebuehr"))
        #expect(fee.calculate?.source == "anzahl * 2.50€")
        let values = FormEngine.calculate(
            form: service.form, values: ["anzahl": .number(3)],
            context: EvaluationContext(today: LocalDate(dayNumber: 0)))
        #expect(values["gebuehr"] == .money(cents: 750))
    }

    @Test func yamlSyntaxErrorHasFileLineAndColumn() throws {
        let yaml = "id: x\nversion: 1\ntitle: {de: a, en: b\nnumber_prefix: TST\n"
        let result = CatalogLoader.load(yaml: yaml, file: "kaputt.yaml")
        #expect(result.services.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.file == "kaputt.yaml")
        #expect(problem.line == 4)
        #expect(problem.message.de.hasPrefix("YAML-Syntaxfehler:"))
    }

    @Test func unknownKeyIsReportedAtTheKey() throws {
        let yaml = serviceYAML().replacingOccurrences(
            of: "number_prefix: TST", with: "number_prefix: TST\nprefix_typo: X")
        let result = CatalogLoader.load(yaml: yaml, file: "a.yaml")
        #expect(result.services.isEmpty)
        #expect(result.problems.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.line == 5)
        #expect(problem.column == 1)
        #expect(
            problem.message.de.hasPrefix(
                "Dienst: unbekannter Schlüssel „prefix_typo“. Erlaubt sind: id, version"))
        #expect(problem.message.en.hasPrefix("Dienst: unknown key 'prefix_typo'."))
    }

    @Test func badExpressionPointsIntoTheExpression() throws {
        let fields = """
                - id: anzahl
                  type: number
                  label: {de: Anzahl, en: Count}
                  help: {de: Wie viele, en: How many}
                  phone_question: {de: Wie viele?, en: How many?}
                  relevant: "anzahl > > 3"
            """
        let result = CatalogLoader.load(yaml: serviceYAML(fields: fields), file: "b.yaml")
        #expect(result.services.isEmpty)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.line == 35)
        // The quoted scalar starts at column 17; the error is at column 10 of the expression.
        #expect(problem.column == 27)
        #expect(
            problem.message.de
                == "form.fields[1] (anzahl).relevant: der Ausdruck „anzahl > > 3“ ist fehlerhaft (Spalte 10): "
                + "Erwartet: einen Wert, gefunden: „>“.")
    }

    @Test func semanticProblemsAreAllReported() throws {
        let fields = """
                - id: anzahl
                  type: nummer
                  label: {de: Anzahl, en: Count}
                  help: {de: Wie viele, en: How many}
                  phone_question: {de: Wie viele?, en: How many?}
                - id: anzahl
                  type: number
                  label: {de: Anzahl, en: Count}
                  help: {de: Wie viele, en: How many}
                  phone_question: {de: Wie viele?, en: How many?}
                  required: ja
                - id: bemerkung
                  type: long_text
                  label: {de: Bemerkung, en: Comment}
                  help: {de: x, en: x}
                  phone_question: {de: x, en: x}
                - id: gebuehr
                  type: money
                  label: {de: Gebühr, en: Fee}
                  help: {de: x, en: x}
                  calculate: "stueck * 2€ + personen.alter"
                - id: wahl
                  type: choice
                  label: {de: Wahl, en: Choice}
                  help: {de: x, en: x}
                  phone_question: {de: x, en: x}
                  constraint: ". = 'a'"
            """
        var yaml = serviceYAML(fields: fields)
        yaml = yaml.replacingOccurrences(
            of: "{from: neu, to: fertig,", with: "{from: neu, to: erledigt,")
        let result = CatalogLoader.load(yaml: yaml, file: "c.yaml")
        #expect(result.services.isEmpty)
        let messages = result.problems.map { "\($0.line):\($0.column) \($0.message.de)" }
        let expected = [
            "17:23 workflow.transitions[1].to: Übergang zu unbekanntem Zustand „erledigt“.",
            "31:13 form.fields[1] (anzahl).type: unbekannter Feldtyp „nummer“. Erlaubt sind: text, long_text, "
                + "number, money, date, yes_no, choice, person_name, address, phone, email, iban, licence_plate, "
                + "microchip, repeat.",
            "35:11 form.fields[2] (anzahl).id: die Feldkennung „anzahl“ gibt es schon (Zeile 30).",
            "40:17 form.fields[2] (anzahl).required: hier wird true oder false erwartet, nicht „ja“.",
            "41:11 form.fields[3] (bemerkung).id: das Bemerkungsfeld „bemerkung“ legt jedes Formular automatisch "
                + "an; es darf nicht definiert werden.",
            "56:19 form.fields[5] (wahl).constraint: constraint_message fehlt (was ist falsch, wie richtig?).",
            "52:13 form.fields[5] (wahl).choices: ein Auswahlfeld braucht eine Liste von Möglichkeiten.",
            "50:19 form.fields[4] (gebuehr).calculate: Verweis auf unbekanntes Feld „stueck“.",
            "50:33 form.fields[4] (gebuehr).calculate: Verweis auf unbekanntes Feld „personen.alter“.",
        ]
        #expect(messages == expected)
    }

    @Test("targets: each one present and in range, unit overrides by org unit id")
    func targetProblems() throws {
        func problems(_ targets: String) -> [String] {
            let yaml = serviceYAML().replacingOccurrences(
                of: """
                      targets:
                        decided_per_week: 40
                        lead_time_working_days: 3
                        decided_within_deadline_percent: 90
                        org_units:
                          bb-pasing: {decided_per_week: 12}
                    """,
                with: targets)
            return CatalogLoader.load(yaml: yaml, file: "t.yaml").problems.map(\.message.de)
        }
        #expect(
            problems("  targets: {decided_per_week: 40, lead_time_working_days: 3}")
                == ["sla.targets: der Schlüssel „decided_within_deadline_percent“ fehlt."])
        #expect(
            problems(
                "  targets: {decided_per_week: 0, lead_time_working_days: 6, decided_within_deadline_percent: 101}"
            )
                == [
                    "sla.targets.decided_per_week: muss 1 oder größer sein.",
                    "sla.targets.lead_time_working_days: 1 bis zur Frist (sla.working_days = 5) Arbeitstage.",
                    "sla.targets.decided_within_deadline_percent: 1 bis 100 (Prozent).",
                ])
        #expect(
            problems(
                """
                  targets:
                    decided_per_week: 40
                    lead_time_working_days: 3
                    decided_within_deadline_percent: 90
                    org_units:
                      BB Pasing: {decided_per_week: 12}
                      bb-laim: {}
                      bb-mitte: {decided_per_week: -1}
                """)
                == [
                    "sla.targets.org_units: „BB Pasing“ ist keine Org-Einheit-Kennung.",
                    "sla.targets.org_units.bb-laim: mindestens ein Ziel angeben.",
                    "sla.targets.org_units.bb-mitte.decided_per_week: muss 1 oder größer sein.",
                ])
        // Without targets the service is refused: every catalogue service has them.
        #expect(
            problems("").contains("sla: der Schlüssel „targets“ fehlt."))
    }

    @Test func workflowRules() throws {
        var yaml = serviceYAML()
        yaml = yaml.replacingOccurrences(of: "initial: neu", with: "initial: start")
        yaml = yaml.replacingOccurrences(
            of: "{from: [neu, warten], to: warten,", with: "{from: [fertig, warten], to: warten,")
        let result = CatalogLoader.load(yaml: yaml, file: "w.yaml")
        let messages = result.problems.map(\.message.de)
        #expect(messages.contains("workflow.initial: unbekannter Zustand „start“."))
        #expect(
            messages.contains(
                "workflow.transitions[2].from: aus dem Endzustand „fertig“ führt kein Übergang heraus."))
        #expect(result.services.isEmpty)
    }

    @Test func aServiceWithoutPhoneMustSayWhy() throws {
        let result = CatalogLoader.load(yaml: serviceYAML(channels: "[counter, fax]"), file: "p.yaml")
        let messages = result.problems.map(\.message.de)
        #expect(
            messages.contains(
                "channels: unbekannter Kanal „fax“. Erlaubt sind: counter, phone, field, online."))
        #expect(
            messages.contains(
                "channels: ohne „phone“ muss channel_note erklären, warum kein Antrag per Telefon möglich ist."
            ))
    }

    @Test func wrongTypesAreNamed() throws {
        var yaml = serviceYAML().replacingOccurrences(of: "version: 1", with: "version: eins")
        yaml = yaml.replacingOccurrences(
            of: "title: {de: Testdienst, en: Test service}", with: "title: Testdienst")
        let result = CatalogLoader.load(yaml: yaml, file: "t.yaml")
        let messages = result.problems.map { "\($0.line):\($0.column) \($0.message.en)" }
        #expect(messages.contains("2:10 version: a whole number is expected here, not 'eins'."))
        #expect(messages.contains("3:8 title: a mapping (key: value) is expected here, not 'Testdienst'."))
    }

    @Test func subfieldsMayReferToSiblingsAndAggregatesToGroups() throws {
        let fields = """
                - id: personen
                  type: repeat
                  label: {de: Personen, en: Persons}
                  help: {de: x, en: x}
                  phone_question: {de: x, en: x}
                  min_rows: 1
                  fields:
                    - id: geburt
                      type: date
                      label: {de: Geburt, en: Birth}
                      help: {de: x, en: x}
                      phone_question: {de: x, en: x}
                    - id: ausweis
                      type: yes_no
                      label: {de: Ausweis, en: ID}
                      help: {de: x, en: x}
                      phone_question: {de: x, en: x}
                      required_if: "age(geburt) >= 16"
                - id: erwachsene
                  type: number
                  label: {de: Zahl, en: Count}
                  help: {de: x, en: x}
                  calculate: "count(personen.ausweis)"
                - id: falsch
                  type: number
                  label: {de: Falsch, en: Wrong}
                  help: {de: x, en: x}
                  calculate: "count(geburt)"
            """
        let result = CatalogLoader.load(yaml: serviceYAML(fields: fields), file: "r.yaml")
        #expect(
            result.problems.map(\.message.de) == [
                "form.fields[3] (falsch).calculate: Verweis auf unbekanntes Feld „geburt“."
            ])
    }

    @Test func aBrokenFileDoesNotStopTheOthers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try serviceYAML(id: "eins").write(
            to: directory.appendingPathComponent("eins.yaml"), atomically: true, encoding: .utf8)
        try "id: [kaputt\n".write(
            to: directory.appendingPathComponent("kaputt.yaml"), atomically: true, encoding: .utf8)
        try serviceYAML(id: "zwei").replacingOccurrences(
            of: "working_days: 5", with: "working_days: 5\n  typo: 1"
        )
        .write(to: directory.appendingPathComponent("tippfehler.yaml"), atomically: true, encoding: .utf8)
        try serviceYAML(id: "drei").write(
            to: directory.appendingPathComponent("zz_drei.yml"), atomically: true, encoding: .utf8)
        try serviceYAML(id: "eins").write(
            to: directory.appendingPathComponent("zz_eins_kopie.yaml"), atomically: true, encoding: .utf8)
        try "nicht yaml".write(
            to: directory.appendingPathComponent("liesmich.txt"), atomically: true, encoding: .utf8)

        let result = CatalogLoader.load(directory: directory)
        #expect(result.services.map(\.id) == ["eins", "drei"])
        #expect(result.problems.map(\.file) == ["kaputt.yaml", "tippfehler.yaml", "zz_eins_kopie.yaml"])
        #expect(result.problems.map(\.line) == [2, 21, 1])
        #expect(result.problems[1].message.en.hasPrefix("sla: unknown key 'typo'."))
        #expect(result.problems[2].message.de == "Dienst „eins“ Version 1 steht schon in eins.yaml.")

        let report = CatalogCheck.run(directory: directory, language: .de)
        #expect(!report.isClean)
        #expect(report.text.contains("  ok  eins v1 — Testdienst (3 Felder, Präfix TST)"))
        #expect(report.text.contains("  FEHLER tippfehler.yaml:21:3: sla: unbekannter Schlüssel „typo“."))
        #expect(report.text.hasSuffix("2 Dienste geladen, 3 Probleme.\n"))
        let english = CatalogCheck.run(directory: directory, language: .en)
        #expect(english.text.hasSuffix("2 services loaded, 3 problems.\n"))
    }

    @Test func catalogLooksUpByIDAndVersion() throws {
        let v1 = try #require(
            CatalogLoader.load(yaml: serviceYAML(version: 1), file: "v1.yaml").services.first)
        let v2 = try #require(
            CatalogLoader.load(yaml: serviceYAML(version: 2), file: "v2.yaml").services.first)
        let catalog = Catalog(services: [v2, v1])
        #expect(catalog.service(id: "test_dienst")?.version == 2)
        #expect(catalog.service(id: "test_dienst", version: 1) == v1)
        #expect(catalog.service(id: "test_dienst", version: 3) == nil)
        #expect(catalog.latest == [v2])
        #expect(catalog.serviceIDs == ["test_dienst"])
    }
}
