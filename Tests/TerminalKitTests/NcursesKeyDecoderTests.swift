import Testing

@testable import TerminalKit

@Suite("ncurses key decoding")
struct NcursesKeyDecoderTests {
    /// Decodes all of `input` the way the backend does: one event per call, follow-up reads
    /// take from the same queue.
    private func decodeAll(_ input: [RawInput]) -> [KeyEvent] {
        var queue = input
        var decoder = NcursesKeyDecoder()
        var events: [KeyEvent] = []
        let size = { TerminalSize(rows: 30, columns: 100) }
        while true {
            let reader: NcursesKeyDecoder.Reader = { _ in queue.isEmpty ? nil : queue.removeFirst() }
            guard let first = decoder.next(0, read: reader) else { break }
            if let event = decoder.decode(first, size: size, read: reader) {
                events.append(event)
            }
        }
        return events
    }

    private func characters(_ text: String) -> [RawInput] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test("Key codes become named keys, function keys, Shift-Tab and resize")
    func keyCodes() {
        let events = decodeAll([
            .keyCode(NcursesKeyCode.function(1)), .keyCode(NcursesKeyCode.function(12)),
            .keyCode(NcursesKeyCode.up), .keyCode(NcursesKeyCode.pageDown), .keyCode(NcursesKeyCode.backTab),
            .keyCode(NcursesKeyCode.delete), .keyCode(NcursesKeyCode.resize),
        ])
        #expect(
            events == [
                .key(KeyChord(.function(1))), .key(KeyChord(.function(12))), .key(KeyChord(.up)),
                .key(KeyChord(.pageDown)), .key(KeyChord(.tab, modifiers: .shift)), .key(KeyChord(.delete)),
                .resize(TerminalSize(rows: 30, columns: 100)),
            ])
    }

    @Test("Escape sequences ncurses does not know are read whole: a key, or nothing, never text")
    func unknownSequencesNeverBecomeText() {
        let esc: [RawInput] = [.character(0x1B)]
        let input =
            esc + characters("[14~") + characters("a") + esc + characters("OS") + esc + characters("[1;5A")
            + esc + characters("[99~") + characters("b") + esc + characters("[3~") + esc
            + characters("[<0;12;5M")
        #expect(
            decodeAll(input) == [
                .key(KeyChord(.function(4))), .key(KeyChord(.character("a"))), .key(KeyChord(.function(4))),
                .key(KeyChord(.up, modifiers: .control)), .key(KeyChord(.character("b"))),
                .key(KeyChord(.delete)),
            ])
    }

    @Test("Control characters become Ctrl+letter, Tab, Enter, Backspace")
    func controls() {
        let events = decodeAll([
            .character(0x06), .character(0x09), .character(0x0D), .character(0x0A), .character(0x7F),
            .character(0x08), .character(0x00),
        ])
        #expect(
            events.compactMap { $0.chord?.description } == [
                "Ctrl-F", "Tab", "Enter", "Enter", "Backspace", "Backspace", "Ctrl-Space",
            ])
    }

    @Test("ESC followed by a key is Alt+key; ESC alone is Esc")
    func altPrefix() {
        let events = decodeAll(
            [.character(0x1B), .character(0x78)] + [.character(0x1B)] + [.character(0x1B), .character(0x31)]
                + [.character(0x1B), .keyCode(NcursesKeyCode.function(4))] + [
                    .character(0x1B), .character(0x1B),
                ])
        #expect(
            events.compactMap { $0.chord?.description } == [
                "Alt-x", "Esc", "Alt-1", "Alt-F4", "Esc", "Esc",
            ])
    }

    @Test("Wide and combined characters arrive as one character each")
    func unicodeCharacters() {
        let events = decodeAll(characters("ü中") + characters("u\u{0308}") + characters("🇩🇪👨‍👩‍👧"))
        #expect(events == ["ü", "中", "u\u{0308}", "🇩🇪", "👨‍👩‍👧"].map { KeyEvent.character(Character($0)) })
    }

    @Test("Bracketed paste becomes one paste event with line breaks")
    func bracketedPaste() {
        let input =
            characters("a") + [.character(0x1B)] + characters("[200~Zeile 1\r\nZeile 2\rEnde")
            + [.character(0x1B)] + characters("[201~") + characters("b")
        let events = decodeAll(input)
        #expect(events == [.character("a"), .paste("Zeile 1\nZeile 2\nEnde"), .character("b")])
    }

    @Test("An ESC [ that is neither a paste nor a sequence is Alt-[ followed by the characters")
    func notAPaste() {
        // "ä" cannot be part of an escape sequence; an ESC [ with nothing after it is Alt-[.
        let events = decodeAll([.character(0x1B)] + characters("[2ä") + [.character(0x1B)] + characters("["))
        #expect(events == [.key(.alt("[")), .character("2"), .character("ä"), .key(.alt("["))])
    }
}

@Suite("ncurses cell contents")
struct NcursesCellTests {
    private func scalars(_ text: String) -> [UInt32] {
        NcursesBackend.cellScalars(text, maximum: 5).map { UInt32(bitPattern: $0) }
    }

    @Test("A cell keeps the base and its combining marks, flags and ZWJ sequences keep the first code point")
    func cellScalars() {
        #expect(scalars("ü") == [0xFC])
        #expect(scalars("u\u{0308}") == [0x75, 0x308])
        #expect(scalars("❤️") == [0x2764, 0xFE0F])
        #expect(scalars("🇩🇪") == [0x1F1E9])
        #expect(scalars("👨‍👩‍👧") == [0x1F468])
        #expect(scalars("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}").count == 5)
    }
}
