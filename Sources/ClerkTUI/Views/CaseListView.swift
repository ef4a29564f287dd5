import CaseModel
import OfflineStore
import TerminalKit

/// A queue's cases: number, service, citizen, received, due (countdown), state, claimed by.
enum CaseListView {
    struct Columns {
        var number = 16
        var service: Int
        var citizen: Int
        var received = 10
        var due: Int
        var state: Int
        var claim: Int
    }

    /// Column widths for a width: fixed ones first, the rest shared out.
    static func columns(width: Int) -> Columns {
        let due = width >= 120 ? 17 : 8
        let claim = width >= 120 ? 12 : 8
        let fixed = 16 + 10 + due + claim + 2 + 7  // number, received, due, claim, margin, separators
        let rest = max(20, width - fixed)
        let service = rest * 32 / 100
        let citizen = rest * 38 / 100
        return Columns(
            service: service, citizen: citizen, due: due, state: rest - service - citizen, claim: claim)
    }

    static func draw(_ s: CaseListState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        let sortText: String
        switch s.sort {
        case .dueDate: sortText = en ? "by due date" : "nach Fälligkeit"
        case .receivedNewestFirst: sortText = en ? "newest first" : "neueste zuerst"
        case .receivedOldestFirst: sortText = en ? "oldest first" : "älteste zuerst"
        }
        var filterText = ""
        if s.filter != s.queue.filter,
            let option = listFilters(state, base: s.queue.filter).first(where: { $0.filter == s.filter })
        {
            filterText = " · " + option.label.text(lang)
        }
        drawTitle(
            s.queue.title.text(lang) + " (" + Formatting.count(s.queue.count, lang) + ")",
            right: sortText + filterText, width: body.width, into: &buffer)
        let c = columns(width: body.width)
        let header = [
            (en ? "Case no." : "Aktenzeichen").padded(toWidth: c.number),
            (en ? "Service" : "Leistung").padded(toWidth: c.service),
            (en ? "Citizen" : "Bürger/in").padded(toWidth: c.citizen),
            (en ? "Received" : "Eingang").padded(toWidth: c.received),
            (en ? "Due" : "Fällig").padded(toWidth: c.due),
            (en ? "State" : "Status").padded(toWidth: c.state),
            (en ? "Claimed" : "Bearb.").padded(toWidth: c.claim),
        ].joined(separator: " ")
        buffer.write(
            "  " + header, at: Position(row: body.row, column: 0), style: Theme.header, maxWidth: body.width)
        let visible = max(1, body.height - 1)
        if s.rows.isEmpty {
            let text =
                s.pending != nil
                ? (en ? "Loading …" : "Wird geladen …") : (en ? "No cases." : "Keine Vorgänge.")
            buffer.write(text, at: Position(row: body.row + 2, column: 2))
            return
        }
        for i in 0..<visible {
            let index = s.top + i
            guard s.rows.indices.contains(index) else { break }
            drawRow(
                s.rows[index], selected: index == s.cursor, c, state, row: body.row + 1 + i,
                width: body.width, into: &buffer)
        }
    }

    static func drawRow(
        _ r: CaseRow, selected: Bool, _ c: Columns, _ state: AppState, row: Int, width: Int,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        let base: Style = selected ? Theme.selected : .plain
        if selected { buffer.fill(Rect(row: row, column: 0, height: 1, width: width), style: base) }
        buffer.write(selected ? "▸" : " ", at: Position(row: row, column: 0), style: base)
        var column = 2
        func cell(_ text: String, _ w: Int, _ style: Style = base) {
            buffer.write(text.padded(toWidth: w), at: Position(row: row, column: column), style: style)
            column += w + 1
        }
        cell(r.number, c.number)
        cell(r.service.text(lang), c.service)
        cell(r.citizen, c.citizen)
        cell(r.received.german, c.received)
        var lightStyle = Theme.light(r.light)
        lightStyle.reverse = selected
        buffer.write(r.light.symbol, at: Position(row: row, column: column), style: lightStyle)
        column += 1
        cell(" " + dueText(r, width: c.due - 2, state.language), c.due - 1)
        cell(r.state.text(lang), c.state)
        cell(r.claimedBy ?? "", c.claim)
    }

    /// The countdown in working days ("+3 AT", "heute", "−2 AT"), with the date when there is room.
    static func dueText(_ r: CaseRow, width: Int, _ language: Language) -> String {
        guard let days = r.workingDaysLeft else { return "" }
        let unit = language == .en ? "wd" : "AT"
        var count: String
        switch r.light {
        case .done: count = ""
        case .paused: count = language == .en ? "paused" : "pausiert"
        default:
            count = days == 0 ? (language == .en ? "today" : "heute") : (days > 0 ? "+\(days)" : "\(days)")
            if days != 0 && count.count + 3 <= width { count += " " + unit }
        }
        if let due = r.due, width >= 16 { return due.german + " " + count }
        return count
    }
}
