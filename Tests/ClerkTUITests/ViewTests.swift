import CaseModel
import SyncClient
import TerminalKit
import Testing

@testable import ClerkTUI

/// Screens as text: what the clerk sees, line by line (trailing spaces trimmed).
@Suite("Views")
struct ViewTests {
    let small = TerminalSize(rows: 24, columns: 80)
    let large = TerminalSize(rows: 43, columns: 132)

    func tooSmall() -> AppState {
        var state = ViewScenarios.overview(size: small)
        _ = reduce(&state, .resized(TerminalSize(rows: 20, columns: 60)))
        return state
    }

    /// Compares line by line, so a failure names the line that differs.
    func check(_ state: AppState, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = ViewScenarios.screen(state)
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (index, line) in zip(actual, expected).enumerated() where line.0 != line.1 {
            Issue.record(
                "line \(index):\n  got      |\(line.0)|\n  expected |\(line.1)|",
                sourceLocation: sourceLocation)
        }
    }

    @Test func theOverviewAt80x24() {
        check(
            ViewScenarios.overview(size: small),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Übersicht – Ihre Arbeitskörbe",
                "     Arbeitskorb                        Vorgänge  Fristen",
                "   ✗ Meine Vorgänge                        1.234  ✗ 3 überfällig",
                " ▸ ✗ Alle offenen Vorgänge             1.000.000  ✗ 12 überfällig · ! 30 knapp",
                "   ✓ Konflikte klären                          0  im Plan",
                "",
                " Entwürfe (noch nicht als Vorgang gespeichert)",
                "     ✎ Hundesteuer – Neuer Vorgang                gespeichert 10:10",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "  ✓ im Plan  ! Frist knapp  ✗ Frist überschritten  ‖ wartet auf Bürger/in",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Neu F5 Abgleich F12 Abbruch Enter Auswählen",
            ])
    }

    @Test func theOverviewInEnglish() {
        check(
            ViewScenarios.overview(size: small, language: .en),
            [
                " M. Huber · KVR Bürger… ○ offline │ Outbox 0 │ Conflicts 0 │ Sync never │ 10:15",
                " Overview – your queues",
                "     Queue                                 Cases  Deadlines",
                "   ✗ My cases                              1,234  ✗ 3 overdue",
                " ▸ ✗ All open cases                    1,000,000  ✗ 12 overdue · ! 30 due soon",
                "   ✓ Conflicts to resolve                      0  on time",
                "",
                " Drafts (not yet saved as a case)",
                "     ✎ Dog tax – New case                         saved 10:10",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "  ✓ on track  ! due soon  ✗ overdue  ‖ waiting for the citizen",
                "",
                "F1 Help F2 Search F3 Back F4 New F5 Sync F10 Menu F12 Cancel Enter Select",
            ])
    }

    @Test func theCaseListAt80x24WithUmlautsAndWideCharacters() {
        check(
            ViewScenarios.list(size: small),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Alle offenen Vorgänge (1.000.000)                              nach Fälligkeit",
                "  Aktenzeichen     Leistung  Bürger/in   Eingang    Fällig   Status    Bearb.",
                "  HUN-2026-0000001 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "▸ HUN-2026-0000002 Hundeste… 王, 小明    02.11.2026 ! +1 AT  Eingegan…",
                "  HUN-2026-0000003 Hundeste… Müller, Jü… 02.11.2026 ✗ -3 AT  Eingegan… s.yilmaz",
                "  HUN-2026-0000004 Hundeste… Müller, Jü… 02.11.2026 ‖ pausi… Rückfrag…",
                "  HUN-2026-0000005 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000006 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000007 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000008 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000009 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000010 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000011 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000012 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000013 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000014 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000015 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000016 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000017 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000018 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "  HUN-2026-0000019 Hundeste… Müller, Jü… 02.11.2026 ✓ +4 AT  Eingegan…",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Neu F9 Übernehmen F11 Filter s Sortieren",
            ])
    }

    @Test func theCaseListAt132x43() {
        check(
            ViewScenarios.list(size: large),
            [
                " M. Huber · KVR Bürgerbüro                                               ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Alle offenen Vorgänge (1.000.000)                                                                                  nach Fälligkeit",
                "  Aktenzeichen     Leistung              Bürger/in                 Eingang    Fällig            Status                 Bearb.",
                "  HUN-2026-0000001 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "▸ HUN-2026-0000002 Hundesteuer           王, 小明                  02.11.2026 ! +1 AT           Eingegangen",
                "  HUN-2026-0000003 Hundesteuer           Müller, Jürgen            02.11.2026 ✗ -3 AT           Eingegangen            s.yilmaz",
                "  HUN-2026-0000004 Hundesteuer           Müller, Jürgen            02.11.2026 ‖ pausiert        Rückfrage beim Bürger",
                "  HUN-2026-0000005 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000006 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000007 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000008 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000009 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000010 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000011 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000012 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000013 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000014 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000015 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000016 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000017 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000018 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000019 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000020 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000021 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000022 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000023 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000024 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000025 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000026 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000027 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000028 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000029 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000030 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000031 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000032 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000033 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000034 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000035 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000036 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000037 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "  HUN-2026-0000038 Hundesteuer           Müller, Jürgen            02.11.2026 ✓ +4 AT           Eingegangen",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Neu F5 Abgleich F6 Anruf F7 Hoch F8 Runter F9 Übernehmen F10 Menü F11 Filter F12 Abbruch s Sortieren",
            ])
    }

    @Test func theFormShowsTheMessageUnderTheLeftFieldAndTheFee() {
        check(
            ViewScenarios.form(size: small),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Neuer Vorgang · Hundesteuer · am Schalter · Müller, Jürgen",
                "  Name des Hundes *            Bello",
                "  Geburtsdatum des Hundes *    31.02.2020                                      ✗",
                "    ✗ Den 31.02.2020 gibt es nicht im Kalender. Bitte Tag und Monat prüfen.",
                "  Kampfhund *                  j",
                "  Jahressteuer                 = 800,00 €",
                "  Weitere Halter (0)",
                "    + Zeile hinzufügen: Weitere Halter (Insert)",
                "  Bemerkung",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "  Auswahl: ja · nein  (F9)  F1 Hilfe",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Speichern F5 Abgleich F9 Auswahl F12 Abbruch",
            ])
    }

    @Test func theCaseAt132x43() {
        check(
            ViewScenarios.caseDetail(size: large),
            [
                " M. Huber · KVR Bürgerbüro                                               ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " HUN-2026-0000007 · Hundesteuer                                                                                         Eingegangen",
                "  Status: Eingegangen   SLA: ✓ fällig 04.12.2026 (noch 4 Arbeitstage)",
                "  Übernommen von m.huber bis 10:45 · Eingang 23.11.2026 10:15 · telefonisch",
                "",
                "  ── Bürger/in ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
                "  Müller, Jürgen · geb. 01.02.1950",
                "  Leopoldstraße 12, 80802 München",
                "  +49 89 1234567",
                "",
                "  ── Angaben ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
                "  Name des Hundes                Bello",
                "  Geburtsdatum des Hundes        –",
                "  Kampfhund                      nein",
                "  Jahressteuer                   100,00 €",
                "  Weitere Halter                 –",
                "  Bemerkung                      –",
                "",
                "  ── Mögliche Statuswechsel ──────────────────────────────────────────────────────────────────────────────────────────────────────",
                "  → Bearbeiten (In Bearbeitung)",
                "  → Zurückziehen (Zurückgezogen) – Begründung nötig",
                "",
                "  ── Verlauf ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
                "  23.11.2026 10:15  s.yilmaz  Vorgang HUN-2026-0000007 angelegt",
                "  30.11.2026 10:14  m.huber   Vorgang übernommen (im Ausgang)",
                "",
                "  ── Notizen ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
                "  30.11.2026 09:15  s.yilmaz",
                "    Halter ruft zurück – 王 spricht nur wenig Deutsch.",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Bearbeiten F5 Abgleich F6 Anruf F7 Hoch F8 Runter F9 Status F10 Menü F11 Notiz F12 Abbruch",
            ])
    }

    @Test func theCaseAt80x24ScrollsBelowTheFold() {
        check(
            ViewScenarios.caseDetail(size: small),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " HUN-2026-0000007 · Hundesteuer                                     Eingegangen",
                "  Status: Eingegangen   SLA: ✓ fällig 04.12.2026 (noch 4 Arbeitstage)",
                "  Übernommen von m.huber bis 10:45 · Eingang 23.11.2026 10:15 · telefonisch",
                "",
                "  ── Bürger/in ───────────────────────────────────────────────────────────────",
                "  Müller, Jürgen · geb. 01.02.1950",
                "  Leopoldstraße 12, 80802 München",
                "  +49 89 1234567",
                "",
                "  ── Angaben ─────────────────────────────────────────────────────────────────",
                "  Name des Hundes           Bello",
                "  Geburtsdatum des Hundes   –",
                "  Kampfhund                 nein",
                "  Jahressteuer              100,00 €",
                "  Weitere Halter            –",
                "  Bemerkung                 –",
                "",
                "  ── Mögliche Statuswechsel ──────────────────────────────────────────────────",
                "  → Bearbeiten (In Bearbeitung)",
                "  → Zurückziehen (Zurückgezogen) – Begründung nötig",
                "                                                                               ↓",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Bearbeiten F9 Status F11 Notiz F12 Abbruch",
            ])
    }

    @Test func aTooSmallTerminalShowsAMessage() {
        check(
            tooSmall(),
            [
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "  Das Terminal ist zu klein (60×20). Bitte auf mindestens",
                "                     80×24 vergrößern.",
                "",
                "                       Alt-x beendet.",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ])
    }
}

extension ViewTests {
    @Test func theConflictScreenAt80x24() {
        check(
            SyncReducerTests.conflictState(),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Konflikte klären – HUN-2026-0000007                                Hundesteuer",
                " Dasselbe Feld wurde zweimal geändert. Wählen Sie den gültigen Wert.",
                "",
                "  Feld               Vorher              Meiner              Anderer",
                "▸ Name des Hundes    Bello               Bella               Belle",
                "    anderer Wert von s.yilmaz",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                " F4 meinen behalten · F9 anderen behalten · F11 neuen Wert eingeben · F3 zurück",
                "",
                "",
                "",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Meinen F9 Anderen F11 Neuer Wert F12 Abbruch",
            ])
    }
}

extension ViewTests {
    /// The clerk whose value landed first sees it as theirs, and the other value as s.yilmaz's.
    @Test func theConflictScreenOfTheClerkWhoseValueWasMet() {
        check(
            SyncReducerTests.conflictState([SyncReducerTests.conflictMet]),
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Konflikte klären – HUN-2026-0000007                                Hundesteuer",
                " Dasselbe Feld wurde zweimal geändert. Wählen Sie den gültigen Wert.",
                "",
                "  Feld               Vorher              Meiner              Anderer",
                "▸ Name des Hundes    Bello               Belle               Bella",
                "    anderer Wert von s.yilmaz",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                " F4 meinen behalten · F9 anderen behalten · F11 neuen Wert eingeben · F3 zurück",
                "",
                "",
                "",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F4 Meinen F9 Anderen F11 Neuer Wert F12 Abbruch",
            ])
    }

    /// A clerk who wrote neither value (a team lead, say) is told who wrote which; nothing is
    /// called theirs.
    @Test func theConflictScreenOfAThirdClerkInEnglish() {
        var state = SyncReducerTests.conflictState([
            FieldConflict(
                field: "hundename", base: .text("Bello"), mine: .text("Bella"), theirs: .text("Belle"),
                operationID: Fixtures.row(40).id, clerk: "s.yilmaz", theirsClerk: "k.schmid")
        ])
        state.language = .en
        check(
            state,
            [
                " M. Huber · KVR Bürger… ○ offline │ Outbox 0 │ Conflicts 0 │ Sync never │ 10:15",
                " Resolve conflicts – HUN-2026-0000007                                   Dog tax",
                " The same field was changed twice. Choose the value that holds.",
                "",
                "  Field              Before              Later               Earlier",
                "▸ Dog's name         Bello               Bella               Belle",
                "    later value by s.yilmaz · earlier value by k.schmid",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                " F4 keep the later · F9 keep the earlier · F11 type a new value · F3 back",
                "",
                "",
                "",
                "",
                "F1 Help F2 Search F3 Back F4 Later F5 Sync F9 Earlier F11 New value F12 Cancel",
            ])
    }
}

extension ViewTests {
    @Test func thePasswordDialogAt80x24ShowsDotsAndTheProblem() {
        var state = Fixtures.state()
        state.canRelogin = true
        _ = reduce(&state, .queuesLoaded([], drafts: []))
        _ = reduce(
            &state,
            .syncStatusChanged(
                SyncStatus(
                    connection: .loginRequired, pending: 4, conflicts: 0, rejected: 0, lastSync: nil,
                    error: .unauthorized(detail: "token expired"))))
        _ = reduce(
            &state,
            .reloginFailed(
                LocalizedText(
                    de: "Benutzername oder Passwort ist falsch.", en: "Wrong user name or password.")))
        for ch in "abc" { _ = reduce(&state, .keyPressed(.character(ch))) }
        #expect(!ViewScenarios.screen(state).joined().contains("abc"))
        check(
            state,
            [
                " M. Huber ·… ⚠ Anmeldung nötig │ Ausgang 4 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Übersicht – Ihre Arbeitskörbe",
                "     Arbeitskorb                        Vorgänge  Fristen",
                "",
                "  Keine Arbeitskörbe. F4 legt einen neuen Vorgang an.",
                "",
                "",
                "",
                "      ╭─ Anmeldung nötig ────────────────────────────────────────────────╮",
                "      │ Ihre Anmeldung ist abgelaufen. Passwort eingeben, um den         │",
                "      │ Abgleich fortzusetzen.                                           │",
                "      │                                                                  │",
                "      │ •••                                                              │",
                "      │ ✗ Benutzername oder Passwort ist falsch.                         │",
                "      │ Enter meldet an · Esc später (offline weiterarbeiten)            │",
                "      ╰──────────────────────────────────────────────────────────────────╯",
                "",
                "",
                "",
                "",
                "",
                "  ✓ im Plan  ! Frist knapp  ✗ Frist überschritten  ‖ wartet auf Bürger/in",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F5 Abgleich F7 Hoch F8 Runter F10 Menü F12 Abbruch",
            ])
    }
}

extension ViewTests {
    /// The help on a case list: its own keys first with the footer's labels (F9 claims here),
    /// then the global keys (the overview's, where F9 lists the refused changes, further down).
    @Test func theHelpOnACaseListAt80x24() {
        var state = ViewScenarios.list(size: small)
        _ = reduce(&state, Fixtures.key("F1"))
        check(
            state,
            [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 0 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " Alle offenen Vorgänge (1.000.000)                              nach Fälligkeit",
                "  ╭─ Tasten – default ───────────────────────────────────────────────────────╮",
                "  │ Vorgangsliste (hier)                                                     │",
                "▸ │   Up                       Nach oben                                     │",
                "  │   Down                     Nach unten                                    │z",
                "  │   Home                     Anfang                                        │",
                "  │   End                      Ende                                          │",
                "  │   Enter                    Öffnen                                        │",
                "  │   F4, Alt-4                Neu                                           │",
                "  │   F9, Alt-9                Übernehmen                                    │",
                "  │   F11, Alt--               Filter                                        │",
                "  │   s, Alt-s                 Sortieren                                     │",
                "  │                                                                          │",
                "  │ Überall                                                                  │",
                "  │   F1, Alt-1, Ctrl-G        Hilfe                                         │",
                "  │   F2, Alt-2, Ctrl-F        Suche                                         │",
                "  │   F3, Alt-3                Zurück                                        │",
                "  │   F5, Alt-5, Ctrl-R        Abgleich                                      │",
                "  │                                                                          │",
                "  │ ↑↓ F7/F8 blättern · andere Taste schließt                                │",
                "  ╰──────────────────────────────────────────────────────────────────────────╯",
                "",
                "F1 Hilfe F2 Suche F3 Zurück F5 Abgleich F8 Runter F10 Menü F12 Abbruch Enter OK",
            ])
    }

    /// On the phone screen F6 hangs up: the help's global part leaves out what the phone mode
    /// binds itself, as the footer does.
    @Test func theHelpOnThePhoneNamesTheGlobalKeysAsTheyWorkThere() {
        var state = Fixtures.state(size: TerminalSize(rows: 60, columns: 100), clerk: Fixtures.phoneClerk)
        _ = reduce(&state, Fixtures.key("F6"))
        _ = reduce(&state, Fixtures.key("F10"))
        let screen = ViewScenarios.screen(state)
        let here = screen.firstIndex { $0.contains("Telefon (hier)") } ?? screen.count
        let global = screen.firstIndex { $0.contains("│ Überall") } ?? screen.count
        let next = screen[global...].dropFirst().firstIndex { $0.contains("│ ") && !$0.contains("│   ") }
        #expect(
            screen[here..<global].contains { $0.contains("F6, Alt-6, Ctrl-P") && $0.contains("Auflegen") })
        let globalPart = screen[global..<(next ?? screen.count)]
        #expect(globalPart.contains { $0.contains("F1, Alt-1, Ctrl-G") && $0.contains("Hilfe") })
        #expect(!globalPart.contains { $0.contains("Anruf") || $0.contains("F7") || $0.contains("F8") })
    }
}
