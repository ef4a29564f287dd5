import CaseModel
import TerminalKit

/// Dialogs drawn over the screen in a centred box.
enum ModalView {
    static func draw(_ modal: Modal, _ state: AppState, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        switch modal {
        case .help(let offset):
            drawHelp(state, offset: offset, into: &buffer)
        case .fieldHelp(let path):
            guard case .form(let f) = state.screen, let def = f.definition(path) else { return }
            var lines: [(String, Style)] = []
            let width = min(70, buffer.columns - 8)
            for l in wrap(
                def.help?.text(lang)
                    ?? (en ? "No help text for this field." : "Zu diesem Feld gibt es keinen Hilfetext."),
                width: width)
            {
                lines.append((l, .plain))
            }
            if let hint = FormRules.inputHint(def, lang) {
                lines.append(("", .plain))
                for l in wrap((en ? "Input: " : "Eingabe: ") + hint, width: width) {
                    lines.append((l, .plain))
                }
            }
            if let legal = def.legalReference {
                lines.append(("", .plain))
                lines.append(((en ? "Legal basis: " : "Rechtsgrundlage: ") + legal, Theme.title))
            }
            if let question = def.phoneQuestion {
                lines.append(("", .plain))
                for l in wrap(
                    (en ? "On the phone: " : "Am Telefon: ") + "„" + question.text(lang) + "“", width: width)
                {
                    lines.append((l, Theme.dim))
                }
            }
            lines.append(("", .plain))
            lines.append(
                (
                    en
                        ? "Any key closes · F1 shows all keys"
                        : "Beliebige Taste schließt · F1 zeigt alle Tasten", Theme.dim
                ))
            drawBox(title: def.label.text(lang), lines: lines, width: width, into: &buffer)
        case .confirmQuit:
            let text =
                state.storage.somethingWaits
                ? (en
                    ? "The disk is full: what you typed is only in memory and is lost when Clerk quits. Quit anyway?"
                    : "Der Speicher ist voll: Ihre Eingaben sind nur im Arbeitsspeicher und gehen beim Beenden verloren. Trotzdem beenden?")
                : en
                    ? "A form has not been saved as a case yet. Its draft is kept and can be resumed. Quit anyway?"
                    : "Ein Formular ist noch nicht als Vorgang gespeichert. Der Entwurf bleibt erhalten und kann fortgesetzt werden. Trotzdem beenden?"
            drawQuestion(en ? "Quit" : "Beenden", text, state, into: &buffer)
        case .rebuildReplica:
            guard case .saved(let summary)? = state.storage.damage?.rescue else { return }
            drawQuestion(
                en ? "Replica damaged" : "Replikat beschädigt", UIText.rebuildQuestion(summary).text(lang),
                state, into: &buffer)
        case .confirmDiscard:
            let text =
                en
                ? "Discard this draft? What was typed will be lost."
                : "Diesen Entwurf verwerfen? Das Eingegebene geht verloren."
            drawQuestion(en ? "Discard draft" : "Entwurf verwerfen", text, state, into: &buffer)
        case .confirmDiscardRejected:
            let text =
                en
                ? "Drop this refused change for good? It will not be sent again."
                : "Diese abgelehnte Änderung endgültig verwerfen? Sie wird nicht erneut gesendet."
            drawQuestion(en ? "Discard change" : "Änderung verwerfen", text, state, into: &buffer)
        case .transitions(let cursor):
            guard case .caseDetail(let s) = state.screen, let d = s.detail else { return }
            let lines = d.allowedTransitions.enumerated().map { i, t -> (String, Style) in
                let text =
                    (i == cursor ? "▸ " : "  ") + t.label.text(lang)
                    + (t.reasonRequired ? (en ? " (reason)" : " (Begründung)") : "")
                return (text, i == cursor ? Theme.selected : .plain)
            }
            drawBox(
                title: en ? "Change state" : "Status ändern",
                lines: lines + [
                    ("", .plain),
                    (en ? "Enter chooses · Esc cancels" : "Enter wählt · Esc bricht ab", Theme.dim),
                ], width: 50, into: &buffer)
        case .reason(let t, let text):
            drawPrompt(
                (en ? "Reason for " : "Begründung für ") + "„" + t.label.text(lang) + "“", text, state,
                into: &buffer)
        case .comment(let text):
            drawPrompt(en ? "Note on the case" : "Notiz zum Vorgang", text, state, into: &buffer)
        case .pick(let path, let cursor):
            guard case .form(let f) = state.screen, let def = f.definition(path) else { return }
            let lines = FormRules.options(def).enumerated().map { i, o -> (String, Style) in
                ((i == cursor ? "▸ " : "  ") + o.text(lang), i == cursor ? Theme.selected : .plain)
            }
            drawBox(title: def.label.text(lang), lines: lines, width: 44, into: &buffer)
        case .filter(let cursor):
            drawFilter(cursor, state, into: &buffer)
        case .relogin(let password, let problem, let busy):
            drawRelogin(password, problem: problem, busy: busy, state, into: &buffer)
        }
    }

    static func drawFilter(_ cursor: Int, _ state: AppState, into buffer: inout ScreenBuffer) {
        guard case .caseList(let s) = state.screen else { return }
        let lines = listFilters(state, base: s.queue.filter).enumerated().map { i, o -> (String, Style) in
            let current = o.filter == s.filter ? " ✓" : ""
            return (
                (i == cursor ? "▸ " : "  ") + o.label.text(state.language) + current,
                i == cursor ? Theme.selected : .plain
            )
        }
        drawBox(title: state.language == .en ? "Show" : "Anzeigen", lines: lines, width: 44, into: &buffer)
    }

    /// A box in the middle of the screen with a title and lines; returns its rectangle.
    @discardableResult
    static func drawBox(title: String, lines: [(String, Style)], width: Int, into buffer: inout ScreenBuffer)
        -> Rect
    {
        let inner = min(width, buffer.columns - 6)
        let height = min(lines.count + 2, buffer.rows - 4)
        let rect = Rect(
            row: max(1, (buffer.rows - height) / 2), column: max(0, (buffer.columns - inner - 4) / 2),
            height: height,
            width: inner + 4)
        buffer.fill(rect, style: .plain)
        buffer.drawBox(rect, lines: .rounded, style: Theme.box, title: title, titleStyle: Theme.title)
        for (i, line) in lines.prefix(height - 2).enumerated() {
            buffer.write(
                line.0, at: Position(row: rect.row + 1 + i, column: rect.column + 2), style: line.1,
                maxWidth: inner)
        }
        return rect
    }

    static func drawQuestion(
        _ title: String, _ text: String, _ state: AppState, into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        let width = min(60, buffer.columns - 8)
        var lines = wrap(text, width: width).map { ($0, Style.plain) }
        lines.append(("", .plain))
        lines.append((en ? "[Y] Yes    [N] No" : "[J] Ja    [N] Nein", Theme.title))
        drawBox(title: title, lines: lines, width: width, into: &buffer)
    }

    static func drawPrompt(
        _ title: String, _ text: TextInput, _ state: AppState, into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        let width = min(64, buffer.columns - 8)
        let rect = drawBox(
            title: title,
            lines: [
                ("", .plain), ("", .plain),
                (en ? "Enter saves · Esc cancels" : "Enter speichert · Esc bricht ab", Theme.dim),
            ],
            width: width, into: &buffer)
        drawInput(
            text, at: Position(row: rect.row + 2, column: rect.column + 2), width: width, focused: true,
            into: &buffer)
    }

    /// The password dialog: the typed characters appear only as dots.
    static func drawRelogin(
        _ password: TextInput, problem: LocalizedText?, busy: Bool, _ state: AppState,
        into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        let width = min(64, buffer.columns - 8)
        var lines = wrap(
            en
                ? "Your login has expired. Enter your password to continue syncing."
                : "Ihre Anmeldung ist abgelaufen. Passwort eingeben, um den Abgleich fortzusetzen.",
            width: width
        ).map { ($0, Style.plain) }
        let inputRow = lines.count + 1
        lines.append(("", .plain))
        lines.append(("", .plain))
        if let problem {
            lines.append(("✗ " + problem.text(state.language), Theme.error))
        } else if busy {
            lines.append((en ? "Logging in …" : "Anmeldung läuft …", Theme.info))
        } else {
            lines.append(("", .plain))
        }
        lines.append(
            (
                en
                    ? "Enter logs in · Esc later (you keep working offline)"
                    : "Enter meldet an · Esc später (offline weiterarbeiten)", Theme.dim
            ))
        let rect = drawBox(
            title: en ? "Login required" : "Anmeldung nötig", lines: lines, width: width, into: &buffer)
        let masked = TextInput(String(repeating: "•", count: password.text.count), caret: password.caret)
        drawInput(
            masked, at: Position(row: rect.row + 1 + inputRow, column: rect.column + 2), width: width,
            focused: true, into: &buffer)
    }

    /// The help screen: every binding of the active keymap, the current mode first, then the
    /// global keys as they work here (a chord the current mode binds itself is its, as in the
    /// footer), then the other modes under their names.
    static func drawHelp(_ state: AppState, offset: Int, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let language = state.language.textLanguage
        var underneath = state
        underneath.modal = nil
        let mode = underneath.keymapMode
        var sections = state.keymap.help()
        sections.sort { a, b in
            let rank = { (m: KeymapMode) -> Int in m == mode ? 0 : m == .global ? 1 : 2 }
            return rank(a.mode) < rank(b.mode)
        }
        var lines: [(String, Style)] = []
        for section in sections {
            if !lines.isEmpty { lines.append(("", .plain)) }
            lines.append(
                (
                    Keymap.modeTitle(section.mode).text(in: language)
                        + (section.mode == mode ? (en ? " (here)" : " (hier)") : ""),
                    Theme.section
                ))
            for binding in section.bindings {
                var chords = binding.chords
                if section.mode == .global && mode != .global {
                    chords.removeAll { state.keymap.binding(for: $0, in: mode) != binding }
                }
                guard !chords.isEmpty else { continue }
                let keys = chords.map(\.description).joined(separator: ", ")
                lines.append(
                    ("  " + keys.padded(toWidth: 24) + " " + binding.label.text(in: language), .plain))
            }
        }
        let width = min(72, buffer.columns - 8)
        let visible = max(1, buffer.rows - 8)
        let top = min(offset, max(0, lines.count - visible))
        var shown = Array(lines.dropFirst(top).prefix(visible))
        shown.append(("", .plain))
        shown.append(
            (
                en ? "↑↓ F7/F8 scroll · any other key closes" : "↑↓ F7/F8 blättern · andere Taste schließt",
                Theme.dim
            ))
        drawBox(
            title: (en ? "Keys" : "Tasten") + " – " + state.keymap.name, lines: shown, width: width,
            into: &buffer)
    }
}
