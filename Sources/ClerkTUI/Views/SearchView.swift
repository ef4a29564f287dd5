import CaseModel
import TerminalKit

/// Draws a one-line text input with its caret, and places the terminal cursor there.
func drawInput(
    _ input: TextInput, at position: Position, width: Int, focused: Bool, into buffer: inout ScreenBuffer
) {
    let style = focused ? Theme.inputFocused : Theme.input
    buffer.fill(Rect(row: position.row, column: position.column, height: 1, width: width), style: style)
    let before = String(input.text.prefix(input.caret))
    // The text before the caret is shown from as far back as fits, counted back from the caret
    // (one pass, so a long note stays quick to draw).
    var shown = 0
    var shownWidth = 0
    for character in before.reversed() {
        let characterWidth = String(character).displayWidth
        guard shownWidth + characterWidth < width else { break }
        shownWidth += characterWidth
        shown += 1
    }
    let skip = before.count - shown
    buffer.write(String(input.text.dropFirst(skip)), at: position, style: style, maxWidth: width)
    if focused {
        buffer.showCursor(
            at: Position(
                row: position.row, column: position.column + String(before.dropFirst(skip)).displayWidth))
    }
}

/// Search (F2): the query and the cases found by number, name or address.
enum SearchView {
    static func draw(_ s: SearchState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        drawTitle(
            en
                ? "Search cases – number, name or address"
                : "Vorgänge suchen – Aktenzeichen, Name oder Anschrift",
            width: body.width, into: &buffer)
        let label = en ? "Search: " : "Suche: "
        buffer.write(label, at: Position(row: body.row, column: 2), style: Theme.title)
        let inputColumn = 2 + label.displayWidth
        let query = s.query.text.trimmingCharacters(in: .whitespaces)
        var status: String
        if query.count < minimumQueryLength {
            status = en ? "Type at least 2 characters." : "Mindestens 2 Zeichen eingeben."
        } else if s.resultsFor != query {
            status = en ? "Searching …" : "Suche läuft …"
        } else {
            status =
                s.results.isEmpty
                ? (en ? "Nothing found." : "Nichts gefunden.")
                : (en ? "\(s.results.count) found" : "\(s.results.count) Treffer")
        }
        buffer.write(status, at: Position(row: body.row + 1, column: 2), style: Theme.dim)
        let numberWidth = 16
        let citizenWidth = max(12, (body.width - numberWidth - 8) * 30 / 100)
        let serviceWidth = max(10, (body.width - numberWidth - 8) * 25 / 100)
        let addressWidth = max(10, body.width - numberWidth - citizenWidth - serviceWidth - 7)
        if !s.results.isEmpty {
            let header = [
                (en ? "Case no." : "Aktenzeichen").padded(toWidth: numberWidth),
                (en ? "Citizen" : "Bürger/in").padded(toWidth: citizenWidth),
                (en ? "Address" : "Anschrift").padded(toWidth: addressWidth),
                (en ? "Service" : "Leistung").padded(toWidth: serviceWidth),
            ].joined(separator: " ")
            buffer.write(
                "  " + header, at: Position(row: body.row + 2, column: 0), style: Theme.header,
                maxWidth: body.width)
        }
        let visible = max(1, body.height - 3)
        let top = max(0, s.cursor - visible + 1)
        for (i, hit) in s.results.dropFirst(top).prefix(visible).enumerated() {
            let row = body.row + 3 + i
            let selected = top + i == s.cursor
            let style: Style = selected ? Theme.selected : .plain
            if selected { buffer.fill(Rect(row: row, column: 0, height: 1, width: body.width), style: style) }
            let text = [
                hit.number.padded(toWidth: numberWidth), hit.citizen.padded(toWidth: citizenWidth),
                hit.address.padded(toWidth: addressWidth),
                hit.service.text(lang).padded(toWidth: serviceWidth),
            ].joined(separator: " ")
            buffer.write(
                (selected ? "▸ " : "  ") + text, at: Position(row: row, column: 0), style: style,
                maxWidth: body.width)
        }
        drawInput(
            s.query, at: Position(row: body.row, column: inputColumn),
            width: min(50, body.width - inputColumn - 2),
            focused: state.modal == nil, into: &buffer)
    }
}
