import Testing

@testable import TerminalKit

@Suite("Key chords")
struct KeyChordTests {
    @Test(
        "Canonical chords print as they are written",
        arguments: [
            "F1", "F12", "Ctrl-S", "Alt-x", "Alt-X", "Shift-Tab", "PgDn", "PgUp", "Enter", "Esc", "x", "?",
            "G",
            "Tab", "Backspace", "Delete", "Insert", "Home", "End", "Up", "Down", "Left", "Right", "Space",
            "Ctrl-Space", "Alt-1", "Alt--", "Alt-=", "-", "Ctrl-Alt-D", "Alt-F4", "ß", "ü", "Alt-ö",
        ])
    func roundTrip(text: String) throws {
        let chord = try #require(KeyChord(text))
        #expect(chord.description == text)
        #expect(KeyChord(chord.description) == chord)
    }

    @Test("Aliases and lower case parse to the canonical chord")
    func aliases() {
        #expect(KeyChord("ctrl-s") == .ctrl("s"))
        #expect(KeyChord("Strg-F") == .ctrl("f"))
        #expect(KeyChord("C-x") == .ctrl("x"))
        #expect(KeyChord("M-x") == .alt("x"))
        #expect(KeyChord("PageDown") == KeyChord(.pageDown))
        #expect(KeyChord("escape") == KeyChord(.escape))
        #expect(KeyChord("Return") == KeyChord(.enter))
        #expect(KeyChord(" F5 ") == KeyChord(.function(5)))
        #expect(KeyChord("Ctrl-S")?.description == "Ctrl-S")
        #expect(KeyChord("ctrl-s")?.description == "Ctrl-S")
    }

    @Test("Ctrl with a letter ignores case, Alt does not")
    func caseRules() {
        #expect(KeyChord("Ctrl-S") == KeyChord("Ctrl-s"))
        #expect(KeyChord("Alt-x") != KeyChord("Alt-X"))
    }

    @Test(
        "Nonsense is rejected",
        arguments: ["", "F0", "F25", "F01", "Hyper-x", "Shift-g", "Ctrl-1", "xy", "Ctrl-"])
    func rejected(text: String) {
        #expect(KeyChord(text) == nil)
    }
}
