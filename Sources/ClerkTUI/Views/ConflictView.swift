import CaseModel
import TerminalKit

/// The conflict screen: per conflicting field, base / mine / theirs side by side.
enum ConflictView {
    static func draw(_ s: ConflictState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        drawTitle(
            (en ? "Resolve conflicts – " : "Konflikte klären – ") + s.detail.value.number,
            right: s.detail.service?.title.text(lang) ?? "", width: body.width, into: &buffer)
        var row = body.row
        let intro =
            en
            ? "The same field was changed twice. Choose the value that holds."
            : "Dasselbe Feld wurde zweimal geändert. Wählen Sie den gültigen Wert."
        buffer.write(
            intro.truncated(toWidth: body.width - 2), at: Position(row: row, column: 1), style: Theme.dim)
        row += 2
        let labelWidth = 18
        let column = max(10, (body.width - labelWidth - 4) / 3)
        // Each clerk sees their own value as theirs; one who wrote neither sees the later first.
        let involved = s.selected.map { $0.seen(by: state.clerk.id).involved } ?? true
        let header =
            "  " + (en ? "Field" : "Feld").padded(toWidth: labelWidth) + " "
            + (en ? "Before" : "Vorher").padded(toWidth: column) + " "
            + (involved ? (en ? "Mine" : "Meiner") : (en ? "Later" : "Späterer")).padded(toWidth: column)
            + " " + (involved ? (en ? "Theirs" : "Anderer") : (en ? "Earlier" : "Früherer"))
        buffer.write(
            header.truncated(toWidth: body.width - 1), at: Position(row: row, column: 0), style: Theme.header)
        row += 1
        for (index, conflict) in s.conflicts.enumerated() where row < body.row + body.height - 5 {
            let selected = index == s.cursor
            let label = s.detail.service?.form.field(conflict.field)?.label.text(lang) ?? conflict.field
            let sides = conflict.seen(by: state.clerk.id)
            let cells = [conflict.base, sides.own.value, sides.other.value].enumerated().map { index, value in
                let text = (value.map { formatted($0, conflict.field, s.detail, lang) } ?? "–")
                    .truncated(toWidth: column)
                return index < 2 ? text.padded(toWidth: column) : text
            }
            let line =
                (selected ? "▸ " : "  ") + label.truncated(toWidth: labelWidth).padded(toWidth: labelWidth)
                + " "
                + cells.joined(separator: " ")
            buffer.write(
                line.truncated(toWidth: body.width - 1), at: Position(row: row, column: 0),
                style: selected ? Theme.selected : .plain)
            row += 1
            if selected {
                let who = "    " + authors(sides, en)
                buffer.write(
                    who.truncated(toWidth: body.width - 1), at: Position(row: row, column: 0),
                    style: Theme.dim)
                row += 1
            }
        }
        let bottom = body.row + body.height - 4
        if let editing = s.editing {
            buffer.write(
                en
                    ? "New value (Enter takes it, Esc cancels):"
                    : "Neuer Wert (Enter übernimmt, Esc bricht ab):",
                at: Position(row: bottom, column: 1), style: Theme.title)
            drawInput(
                editing, at: Position(row: bottom + 1, column: 2), width: min(60, body.width - 4),
                focused: true,
                into: &buffer)
            if let problem = s.problem {
                buffer.write(
                    ("✗ " + problem.text(lang)).truncated(toWidth: body.width - 2),
                    at: Position(row: bottom + 2, column: 1), style: Theme.error)
            }
        } else {
            drawKeyHints(
                state, mode: state.keymapMode,
                [
                    (
                        "conflict.mine", involved ? "meinen behalten" : "späteren behalten",
                        involved ? "keep mine" : "keep the later"
                    ),
                    (
                        "conflict.theirs", involved ? "anderen behalten" : "früheren behalten",
                        involved ? "keep theirs" : "keep the earlier"
                    ),
                    ("conflict.edit", "neuen Wert eingeben", "type a new value"), ("back", "zurück", "back"),
                ], row: bottom, width: body.width, into: &buffer)
        }
    }

    /// Who wrote the values, as the line under the selected conflict says it.
    static func authors(_ sides: ConflictSides, _ en: Bool) -> String {
        func by(_ author: String?) -> String {
            author.map { (en ? "by " : "von ") + $0 }
                ?? (en ? "(author not known)" : "(Urheber nicht bekannt)")
        }
        if sides.involved {
            return (en ? "other value " : "anderer Wert ") + by(sides.other.author)
        }
        return (en ? "later value " : "späterer Wert ") + by(sides.own.author)
            + (en ? " · earlier value " : " · früherer Wert ") + by(sides.other.author)
    }
}
