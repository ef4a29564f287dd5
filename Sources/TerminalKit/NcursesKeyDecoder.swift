import CNcursesw

/// One unit of input as `wget_wch` reports it.
enum RawInput: Sendable, Hashable {
    /// A character (`wget_wch` returned OK).
    case character(UInt32)
    /// A key code (`wget_wch` returned KEY_CODE_YES), e.g. KEY_F(1), KEY_RESIZE.
    case keyCode(Int32)
}

/// Turns `wget_wch` input into key events.
///
/// - Control characters become Ctrl+letter, Tab, Enter (CR and LF), Backspace (BS, DEL).
/// - ESC followed at once by another key is Alt+that key (terminals send Alt as an ESC
///   prefix); ESC alone is Esc. `set_escdelay(25)` keeps the wait for a lone ESC short.
/// - ESC [ 2 0 0 ~ … ESC [ 2 0 1 ~ (bracketed paste) becomes one `.paste` event.
/// - A character followed at once by characters that extend its grapheme cluster
///   (combining marks, ZWJ sequences, VS16, a flag's second half) becomes one character.
struct NcursesKeyDecoder {
    /// Reads the next input; the argument is the longest wait in milliseconds (0: none).
    typealias Reader = (_ timeoutMilliseconds: Int32) -> RawInput?

    /// Largest paste kept; the rest of a longer paste is dropped.
    static let maximumPasteLength = 1 << 20
    /// Milliseconds to wait for the rest of a paste before giving up.
    static let pasteChunkWait: Int32 = 100

    private var pushedBack: [RawInput] = []

    /// Decodes the event starting with `first`, reading follow-up input through `read`.
    /// Returns nil for input that means nothing (an unknown key code).
    mutating func decode(_ first: RawInput, size: () -> TerminalSize, read: Reader) -> KeyEvent? {
        switch first {
        case .keyCode(let code):
            if code == clerk_key_resize() {
                return .resize(size())
            }
            return Self.chord(forKeyCode: code).map(KeyEvent.key)
        case .character(0x1B):
            return decodeEscape(read: read)
        case .character(let value):
            guard let chord = Self.controlChord(value) else {
                return characterEvent(value, read: read)
            }
            return .key(chord)
        }
    }

    /// The next input: pushed-back input first, then the reader.
    mutating func next(_ timeout: Int32, read: Reader) -> RawInput? {
        if !pushedBack.isEmpty {
            return pushedBack.removeFirst()
        }
        return read(timeout)
    }

    /// Whether input was read ahead and not used yet.
    var hasPushedBack: Bool { !pushedBack.isEmpty }

    /// Takes one pushed-back input.
    mutating func takePushedBack() -> RawInput? {
        pushedBack.isEmpty ? nil : pushedBack.removeFirst()
    }

    private mutating func decodeEscape(read: Reader) -> KeyEvent? {
        guard let second = next(0, read: read) else {
            return .key(KeyChord(.escape))
        }
        switch second {
        case .character(0x5B):  // "["
            if let paste = decodePaste(read: read) {
                return paste
            }
            return decodeSequence(read: read) ?? .key(.alt("["))
        case .character(0x4F):  // "O": SS3, as terminals send F1–F4 and cursor keys
            return decodeSequence(read: read) ?? .key(.alt("O"))
        case .character(0x1B):
            pushedBack.insert(second, at: 0)
            return .key(KeyChord(.escape))
        case .character(let value):
            if let chord = Self.controlChord(value) {
                return .key(KeyChord(chord.key, modifiers: chord.modifiers.union(.alt)))
            }
            guard let scalar = Unicode.Scalar(value), DisplayWidth.of(Character(scalar)) > 0 else {
                return .key(KeyChord(.escape))
            }
            return .key(.alt(Character(scalar)))
        case .keyCode(let code):
            guard let chord = Self.chord(forKeyCode: code) else {
                pushedBack.insert(second, at: 0)
                return .key(KeyChord(.escape))
            }
            return .key(KeyChord(chord.key, modifiers: chord.modifiers.union(.alt)))
        }
    }

    /// Milliseconds to wait for the next byte of an escape sequence.
    static let sequenceByteWait: Int32 = 25

    /// After ESC "[" (CSI) or ESC "O" (SS3): reads a whole escape sequence ncurses did not know
    /// — parameter bytes, then one final byte — so that no part of it ever arrives as typed text
    /// (a burst of keys once left "4~1" in a search field). A sequence of a key the workstation
    /// knows becomes that key; any other whole sequence means nothing. When no final byte
    /// follows, what was read is pushed back and nil is returned (ESC "[" was Alt-[).
    private mutating func decodeSequence(read: Reader) -> KeyEvent?? {
        var parameters: [UInt32] = []
        var consumed: [RawInput] = []
        while consumed.count < 16, let input = next(Self.sequenceByteWait, read: read) {
            consumed.append(input)
            guard case .character(let value) = input else { break }
            switch value {
            case 0x20...0x3F:  // parameter and intermediate bytes
                parameters.append(value)
            case 0x40...0x7E:  // the final byte
                return .some(Self.sequenceChord(parameters, final: value).map(KeyEvent.key))
            default:
                pushedBack.insert(contentsOf: consumed, at: 0)
                return nil
            }
        }
        pushedBack.insert(contentsOf: consumed, at: 0)
        return nil
    }

    /// The key of a CSI or SS3 sequence (xterm, rxvt, the Linux console), nil for an unknown one.
    static func sequenceChord(_ parameters: [UInt32], final: UInt32) -> KeyChord? {
        let text = String(String.UnicodeScalarView(parameters.compactMap(Unicode.Scalar.init)))
        let fields = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifier = fields.count > 1 ? (fields[1] ?? 1) - 1 : 0
        var modifiers: KeyModifiers = []
        if modifier & 1 != 0 { modifiers.insert(.shift) }
        if modifier & 2 != 0 { modifiers.insert(.alt) }
        if modifier & 4 != 0 { modifiers.insert(.control) }
        let key: Key?
        switch final {
        case 0x41: key = .up  // A
        case 0x42: key = .down  // B
        case 0x43: key = .right  // C
        case 0x44: key = .left  // D
        case 0x48: key = .home  // H
        case 0x46: key = .end  // F
        case 0x50...0x53: key = .function(Int(final) - 0x50 + 1)  // P Q R S: F1–F4
        case 0x7E:  // "~" with a number
            switch fields.first ?? nil {
            case 1, 7: key = .home
            case 2: key = .insert
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case let n? where (11...15).contains(n): key = .function(n - 10)
            case let n? where (17...21).contains(n): key = .function(n - 11)
            case let n? where (23...24).contains(n): key = .function(n - 12)
            default: key = nil
            }
        default: key = nil
        }
        return key.map { KeyChord($0, modifiers: modifiers) }
    }

    /// After ESC "[": reads "200~" and the pasted text up to ESC "[201~". On a mismatch the
    /// characters read after "[" are pushed back and nil is returned.
    private mutating func decodePaste(read: Reader) -> KeyEvent? {
        let start: [UInt32] = [0x32, 0x30, 0x30, 0x7E]  // "200~"
        var consumed: [RawInput] = []
        for expected in start {
            guard let input = next(0, read: read) else {
                pushedBack.insert(contentsOf: consumed, at: 0)
                return nil
            }
            consumed.append(input)
            guard input == .character(expected) else {
                pushedBack.insert(contentsOf: consumed, at: 0)
                return nil
            }
        }
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC "[201~"
        var scalars: [UInt32] = []
        var tail: [UInt32] = []  // input that may be the start of the end marker
        while let input = next(Self.pasteChunkWait, read: read) {
            guard case .character(let value) = input else { continue }
            tail.append(value)
            if tail == end {
                break
            }
            while !tail.isEmpty && !end.starts(with: tail) {
                let committed = tail.removeFirst()
                if scalars.count < Self.maximumPasteLength {
                    scalars.append(committed)
                }
            }
        }
        var text = ""
        for value in scalars {
            if let scalar = Unicode.Scalar(value) {
                text.unicodeScalars.append(scalar)
            }
        }
        return .paste(text.replacingCRLF())
    }

    private mutating func characterEvent(_ value: UInt32, read: Reader) -> KeyEvent? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        var text = String(Character(scalar))
        while let following = next(0, read: read) {
            guard case .character(let nextValue) = following, let nextScalar = Unicode.Scalar(nextValue),
                Self.controlChord(nextValue) == nil, nextValue != 0x1B
            else {
                pushedBack.insert(following, at: 0)
                break
            }
            var extended = text
            extended.unicodeScalars.append(nextScalar)
            guard extended.count == 1 else {
                pushedBack.insert(following, at: 0)
                break
            }
            text = extended
        }
        guard let character = text.first else { return nil }
        return .character(character)
    }

    /// The chord for a control character, nil for printable characters.
    static func controlChord(_ value: UInt32) -> KeyChord? {
        switch value {
        case 0x00: return KeyChord(.character(" "), modifiers: .control)
        case 0x08, 0x7F: return KeyChord(.backspace)
        case 0x09: return KeyChord(.tab)
        case 0x0A, 0x0D: return KeyChord(.enter)
        case 0x1B: return KeyChord(.escape)
        case 0x01...0x1A:
            guard let scalar = Unicode.Scalar(value + 0x60) else { return nil }
            return .ctrl(Character(scalar))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil
        default: return nil
        }
    }

    /// The chord for an ncurses key code, nil for codes we do not use.
    static func chord(forKeyCode code: Int32) -> KeyChord? {
        for number in 1...24 where code == clerk_key_f(Int32(number)) {
            return KeyChord(.function(number))
        }
        switch code {
        case clerk_key_up(): return KeyChord(.up)
        case clerk_key_down(): return KeyChord(.down)
        case clerk_key_left(): return KeyChord(.left)
        case clerk_key_right(): return KeyChord(.right)
        case clerk_key_home(), clerk_key_a1(): return KeyChord(.home)
        case clerk_key_end(), clerk_key_c1(): return KeyChord(.end)
        case clerk_key_ppage(), clerk_key_a3(): return KeyChord(.pageUp)
        case clerk_key_npage(), clerk_key_c3(): return KeyChord(.pageDown)
        case clerk_key_ic(): return KeyChord(.insert)
        case clerk_key_dc(): return KeyChord(.delete)
        case clerk_key_btab(): return KeyChord(.tab, modifiers: .shift)
        case clerk_key_enter(): return KeyChord(.enter)
        case clerk_key_backspace(): return KeyChord(.backspace)
        case clerk_key_sleft(): return KeyChord(.left, modifiers: .shift)
        case clerk_key_sright(): return KeyChord(.right, modifiers: .shift)
        case clerk_key_shome(): return KeyChord(.home, modifiers: .shift)
        case clerk_key_send(): return KeyChord(.end, modifiers: .shift)
        case clerk_key_sdc(): return KeyChord(.delete, modifiers: .shift)
        default: return nil
        }
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var result = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result.unicodeScalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

/// ncurses key codes by name (for tests and diagnostics).
enum NcursesKeyCode {
    static func function(_ number: Int) -> Int32 { clerk_key_f(Int32(number)) }
    static var up: Int32 { clerk_key_up() }
    static var pageDown: Int32 { clerk_key_npage() }
    static var backTab: Int32 { clerk_key_btab() }
    static var resize: Int32 { clerk_key_resize() }
    static var delete: Int32 { clerk_key_dc() }
}
