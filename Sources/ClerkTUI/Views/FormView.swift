import CaseModel
import Foundation
import TerminalKit

/// The form editor: one line per field, the required marker, the message under a field
/// once it was left, calculated values live, the focused field's help at the bottom.
enum FormView {
    static func draw(_ f: FormState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        var title: String
        switch f.target {
        case .newCase(_, let channel, let citizen):
            title =
                (en ? "New case · " : "Neuer Vorgang · ") + f.title.text(lang) + " · "
                + CaseDetailView.channelLabel(channel, lang)
            if let citizen { title += " · " + citizen.name.listForm }
        case .edit(_, let number, _, _, _):
            title = (en ? "Edit " : "Bearbeiten ") + number + " · " + f.title.text(lang)
        }
        let saved =
            f.draftSavedAt.map { (en ? "Draft saved " : "Entwurf gesichert ") + Formatting.time($0) } ?? ""
        drawTitle(title, right: saved, width: body.width, into: &buffer)

        let layout = Layout(width: body.width)
        let rows = max(1, body.height - 1)
        var y = body.row
        var index = f.scroll
        while y < body.row + rows, f.lines.indices.contains(index) {
            let line = f.lines[index]
            let focused = line.focus != nil && line.focus == f.focus
            drawLine(line, f, focused: focused, layout, state, row: y, into: &buffer)
            y += 1
            for message in f.messageLines(line, columns: body.width, language: lang) where y < body.row + rows
            {
                buffer.write(
                    message, at: Position(row: y, column: FormState.messageColumn), style: Theme.error)
                y += 1
            }
            index += 1
        }
        if f.scroll > 0 {
            buffer.write("↑", at: Position(row: body.row, column: body.width - 1), style: Theme.dim)
        }
        if index < f.lines.count {
            buffer.write(
                "↓", at: Position(row: body.row + rows - 1, column: body.width - 1), style: Theme.dim)
        }
        drawHint(f, state, row: body.bottom - 1, width: body.width, into: &buffer)
    }

    struct Layout {
        var labelWidth: Int
        var inputColumn: Int
        var inputWidth: Int
        init(width: Int) {
            labelWidth = min(36, max(20, width * 36 / 100))
            inputColumn = 2 + labelWidth + 1
            inputWidth = min(64, max(10, width - inputColumn - 2))
        }
    }

    static func drawLine(
        _ line: FormLine, _ f: FormState, focused: Bool, _ layout: Layout, _ state: AppState, row: Int,
        into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        let lang = state.language
        switch line {
        case .group(let def, let count):
            let required = (def.minRows ?? 0) > 0 || def.required ? " *" : ""
            buffer.write(
                def.label.text(lang) + " (\(count))", at: Position(row: row, column: 2), style: Theme.section)
            if !required.isEmpty {
                buffer.write(
                    "*",
                    at: Position(
                        row: row, column: 2 + def.label.text(lang).displayWidth + " (\(count))".count + 1),
                    style: Theme.required)
            }
        case .row(_, let index):
            let remove = keyName(state, "row.remove", mode: .form)
            let text =
                (en ? "Row " : "Zeile ") + "\(index + 1)"
                + (remove.isEmpty ? "" : "  (" + remove + (en ? " removes" : " entfernt") + ")")
            buffer.write(text, at: Position(row: row, column: 4), style: Theme.dim)
        case .addRow(let def):
            let add = keyName(state, "row.add", mode: .form)
            let text =
                "+ " + (en ? "Add a row to " : "Zeile hinzufügen: ") + def.label.text(lang)
                + (add.isEmpty ? "" : " (" + add + ")")
            buffer.write(
                text, at: Position(row: row, column: 4), style: focused ? Theme.selected : Theme.dim,
                maxWidth: layout.labelWidth + layout.inputWidth)
        case .field(let path, let def, let depth):
            let indent = 2 + depth * 2
            let required = def.required || def.requiredIf != nil
            let labelRoom = layout.labelWidth - depth * 2 - (required ? 2 : 0)
            let label = def.label.text(lang).truncated(toWidth: max(4, labelRoom))
            buffer.write(label, at: Position(row: row, column: indent), style: focused ? Theme.title : .plain)
            if required {
                buffer.write(
                    "*", at: Position(row: row, column: indent + label.displayWidth + 1),
                    style: Theme.required)
            }
            if def.calculate != nil {
                let value = f.calculated[path.field] ?? "–"
                buffer.write(
                    "= " + value, at: Position(row: row, column: layout.inputColumn), style: Theme.title)
                return
            }
            let text = f.text(path)
            let style = focused ? Theme.inputFocused : Theme.input
            buffer.fill(
                Rect(row: row, column: layout.inputColumn, height: 1, width: layout.inputWidth), style: style)
            // Scroll long text so the caret stays inside the box.
            let caret = focused ? min(f.caret, text.count) : 0
            let beforeCaret = String(text.prefix(caret))
            var skip = 0
            while beforeCaret.dropFirst(skip).displayWidth >= layout.inputWidth { skip += 1 }
            let shown = String(text.dropFirst(skip))
            buffer.write(
                shown, at: Position(row: row, column: layout.inputColumn), style: style,
                maxWidth: layout.inputWidth)
            if focused {
                let x = layout.inputColumn + String(beforeCaret.dropFirst(skip)).displayWidth
                buffer.showCursor(at: Position(row: row, column: x))
            }
            let issue = f.visited.contains(path) && f.issues[path] != nil
            if issue {
                buffer.write(
                    "✗", at: Position(row: row, column: layout.inputColumn + layout.inputWidth + 1),
                    style: Theme.error)
            }
        }
    }

    /// The bottom line of the form: the focused field's options or its help, and the F1 hint.
    static func drawHint(
        _ f: FormState, _ state: AppState, row: Int, width: Int, into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        guard case .field(let path) = f.focus, let def = f.definition(path) else { return }
        var text = ""
        let options = FormRules.options(def)
        if !options.isEmpty {
            let pick = keyName(state, "field.pick", mode: .form)
            text =
                (en ? "Options: " : "Auswahl: ")
                + options.map { $0.text(state.language) }.joined(separator: " · ")
            if !pick.isEmpty { text += "  (" + pick + ")" }
        } else if let hint = FormRules.inputHint(def, state.language) {
            text = hint
        }
        let help = keyName(state, "help", mode: .form)
        let suffix = help.isEmpty ? "" : "  " + help + (en ? " help" : " Hilfe")
        buffer.write(
            text.truncated(toWidth: max(0, width - 4 - suffix.displayWidth)) + suffix,
            at: Position(row: row, column: 2), style: Theme.dim)
    }
}

/// The key bound to an action in a mode, as text ("" when none): Enter if it is one of them
/// (the key a clerk reaches for first), else the first.
func keyName(_ state: AppState, _ action: String, mode: KeymapMode) -> String {
    let chords = state.keymap.chords(for: action, in: mode)
    let enter = KeyChord("Enter")
    return (chords.first { $0 == enter } ?? chords.first)?.description ?? ""
}

/// Draws "F4 meinen behalten · F9 anderen behalten" in a screen's hint line: what the active
/// keymap's keys do, in the clerk's language; actions without a key are left out, so the hint
/// is always true.
func drawKeyHints(
    _ state: AppState, mode: KeymapMode, _ actions: [(action: String, de: String, en: String)], row: Int,
    width: Int, into buffer: inout ScreenBuffer
) {
    let hint = actions.compactMap { item -> String? in
        let key = keyName(state, item.action, mode: mode)
        guard !key.isEmpty else { return nil }
        return key + " " + (state.language == .en ? item.en : item.de)
    }.joined(separator: " · ")
    buffer.write(hint.truncated(toWidth: width - 2), at: Position(row: row, column: 1), style: Theme.dim)
}
