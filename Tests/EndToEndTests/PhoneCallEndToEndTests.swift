import Foundation
import Testing

/// A whole phone call in the real `clerk` binary in tmux: F6, identity, interview, read-back,
/// consent, submission and the outcome.
@Suite("Phone call in tmux", .serialized)
struct PhoneCallEndToEndTests {
    @Test func aFullCallFromF6ToTheOutcome() throws {
        let e2e = WorkstationEndToEndTests()
        let (tmux, directory) = try e2e.session()
        try e2e.start(tmux, in: directory, role: "phone")
        try tmux.waitFor("Übersicht – Ihre Arbeitskörbe")
        try tmux.press("F6")
        try tmux.waitFor("Anruf annehmen")
        try tmux.type("089 7654321")
        try tmux.press("Enter")
        try tmux.waitFor("Identität prüfen")
        try tmux.type("Erna Beispiel")
        try tmux.press("Enter")
        try tmux.type("01.02.1940")
        try tmux.press("Enter")
        try tmux.type("80331")
        try tmux.press("Enter")
        var screen = try tmux.waitFor("Anliegen wählen")
        #expect(screen.contains("Nicht im Bestand"))
        #expect(screen.contains("Ummeldung  – nicht telefonisch"))
        try tmux.press("Enter")
        screen = try tmux.waitFor("Frage 1 von 7")
        #expect(screen.contains("☎ Anruf"))
        #expect(screen.contains("089 7654321"))
        for answer in [
            "Erna Beispiel", "Marienplatz 8, 80331 München", "Dackel", "276098106235148", "01.06.2026", "",
            "",
        ] {
            if !answer.isEmpty { try tmux.type(answer) }
            try tmux.press("Enter")
            Thread.sleep(forTimeInterval: 0.2)
        }
        screen = try tmux.waitFor("Vorlesen und bestätigen lassen")
        #expect(screen.contains("[ ] Gehalten seit: 1. Juni 2026"))
        #expect(screen.contains("[ ] Jahressteuer: 100 Euro"))
        try tmux.press("b")
        try tmux.waitFor("E wie Essen – R wie Rostock – N wie Nürnberg – A wie Aachen")
        for _ in 0..<6 {
            try tmux.press("Enter")
            Thread.sleep(forTimeInterval: 0.1)
        }
        try tmux.waitFor("[x] Jahressteuer: 100 Euro")
        try tmux.press("Enter")
        screen = try tmux.waitFor("Einwilligung – bitte wörtlich vorlesen")
        #expect(screen.contains("Ich stelle jetzt für Sie den Antrag"))
        try tmux.type("j")
        screen = try tmux.waitFor("telefonisch erfasst")
        #expect(screen.contains("Ausgang 2"), "the case and the consent note wait in the outbox:\n\(screen)")
        try tmux.press("F6")
        try tmux.waitFor("Gesprächsergebnis")
        try tmux.press("Enter")
        screen = try tmux.waitFor("Anruf beendet")
        #expect(screen.contains("Im Erstkontakt erledigt."))
        try tmux.press("M-x")
        try tmux.waitFor("EXIT=0")
    }
}
