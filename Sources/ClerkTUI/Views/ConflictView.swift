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
        let header =
            "  " + (en ? "Field" : "Feld").padded(toWidth: labelWidth) + " "
            + (en ? "Before" : "Vorher").padded(toWidth: column) + " "
            + (en ? "Mine" : "Meiner").padded(toWidth: column) + " " + (en ? "Theirs" : "Anderer")
        buffer.write(
            header.truncated(toWidth: body.width - 1), at: Position(row: row, column: 0), style: Theme.header)
        row += 1
        for (index, conflict) in s.conflicts.enumerated() where row < body.row + body.height - 5 {
            let selected = index == s.cursor
            let label = s.detail.service?.form.field(conflict.field)?.label.text(lang) ?? conflict.field
            let cells = [conflict.base, conflict.mine, conflict.theirs].enumerated().map { index, value in
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
                let who = (en ? "    other value by " : "    anderer Wert von ") + conflict.clerk
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
                state, mode: KeymapSupplement.conflict,
                [
                    ("conflict.mine", "meinen behalten", "keep mine"),
                    ("conflict.theirs", "anderen behalten", "keep theirs"),
                    ("conflict.edit", "neuen Wert eingeben", "type a new value"), ("back", "zurück", "back"),
                ], row: bottom, width: body.width, into: &buffer)
        }
    }
}
