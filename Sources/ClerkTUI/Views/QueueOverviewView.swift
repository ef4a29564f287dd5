import CaseModel
import TerminalKit

/// The clerk's queues with counts and an SLA light, and the open drafts.
enum QueueOverviewView {
    static func draw(
        _ s: QueueOverviewState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer
    ) {
        let en = state.language == .en
        let lang = state.language
        drawTitle(
            en ? "Overview – your queues" : "Übersicht – Ihre Arbeitskörbe", width: body.width, into: &buffer)
        if s.loading && s.queues.isEmpty {
            buffer.write(en ? "Loading …" : "Wird geladen …", at: Position(row: body.row + 1, column: 2))
            return
        }
        let countWidth = 11
        let nameWidth = max(24, min(36, body.width - countWidth - 8 - 30))
        var row = body.row
        let header =
            "    " + (en ? "Queue" : "Arbeitskorb").padded(toWidth: nameWidth) + " "
            + (en ? "Cases" : "Vorgänge").padded(toWidth: countWidth, alignment: .trailing) + "  "
            + (en ? "Deadlines" : "Fristen")
        buffer.write(
            header.truncated(toWidth: body.width - 1), at: Position(row: row, column: 1), style: Theme.header)
        row += 1
        var items: [(text: String, light: SLALight?, sla: String)] = s.queues.map { q in
            let sla: String
            if q.red > 0 || q.yellow > 0 {
                var parts: [String] = []
                let more = q.capped ? "+" : ""
                if q.red > 0 {
                    parts.append(
                        "✗ \(Formatting.count(q.red, lang))\(more) " + (en ? "overdue" : "überfällig"))
                }
                if q.yellow > 0 {
                    parts.append("! \(Formatting.count(q.yellow, lang)) " + (en ? "due soon" : "knapp"))
                }
                sla = parts.joined(separator: " · ")
            } else {
                sla = en ? "on time" : "im Plan"
            }
            let text =
                q.title.text(lang).padded(toWidth: nameWidth) + " "
                + Formatting.count(q.count, lang).padded(toWidth: countWidth, alignment: .trailing)
            return (text, q.light, sla)
        }
        if !s.drafts.isEmpty {
            items += s.drafts.map { d in
                let kind =
                    d.draft.caseNumber.map { (en ? "Changes to " : "Änderung ") + $0 }
                    ?? (en ? "New case" : "Neuer Vorgang")
                let text = "✎ " + d.title.text(lang) + " – " + kind
                let sameDay = Formatting.day(of: d.draft.savedAt) == Formatting.day(of: state.now)
                let when = sameDay ? Formatting.time(d.draft.savedAt) : Formatting.dateTime(d.draft.savedAt)
                return (
                    text.padded(toWidth: nameWidth + countWidth + 1), nil,
                    (en ? "saved " : "gespeichert ") + when
                )
            }
        }
        for (index, item) in items.enumerated() {
            if index == s.queues.count && !s.drafts.isEmpty {
                row += 1
                guard row < body.bottom else { break }
                buffer.write(
                    en ? "Drafts (not yet saved as a case)" : "Entwürfe (noch nicht als Vorgang gespeichert)",
                    at: Position(row: row, column: 1), style: Theme.section)
                row += 1
            }
            guard row < body.bottom else { break }
            let selected = index == s.cursor
            let base: Style = selected ? Theme.selected : .plain
            if selected { buffer.fill(Rect(row: row, column: 0, height: 1, width: body.width), style: base) }
            buffer.write(selected ? "▸" : " ", at: Position(row: row, column: 1), style: base)
            if let light = item.light {
                var style = Theme.light(light)
                style.reverse = selected
                buffer.write(light.symbol, at: Position(row: row, column: 3), style: style)
            }
            buffer.write(item.text, at: Position(row: row, column: 5), style: base, maxWidth: body.width - 6)
            let slaColumn = 5 + nameWidth + countWidth + 3
            if slaColumn < body.width - 1 {
                buffer.write(
                    item.sla.truncated(toWidth: body.width - slaColumn - 1),
                    at: Position(row: row, column: slaColumn),
                    style: base)
            }
            row += 1
        }
        if s.queues.isEmpty && s.drafts.isEmpty {
            let key = keyName(state, "case.new", mode: .list)
            buffer.write(
                en
                    ? "No queues." + (key.isEmpty ? "" : " \(key) starts a new case.")
                    : "Keine Arbeitskörbe." + (key.isEmpty ? "" : " \(key) legt einen neuen Vorgang an."),
                at: Position(row: body.row + 2, column: 2))
        }
        let legend =
            en
            ? "✓ on track  ! due soon  ✗ overdue  ‖ waiting for the citizen"
            : "✓ im Plan  ! Frist knapp  ✗ Frist überschritten  ‖ wartet auf Bürger/in"
        if body.height > items.count + 4 {
            buffer.write(legend, at: Position(row: body.bottom - 1, column: 2), style: Theme.dim)
        }
        if state.sync.rejected > 0, body.height > items.count + 5 {
            let key = keyName(state, "sync.rejected", mode: .list)
            let rejected =
                en
                ? "✗ The central service refused \(state.sync.rejected) change(s)"
                    + (key.isEmpty ? "." : " – \(key) shows them.")
                : "✗ Die Zentrale hat \(state.sync.rejected) Änderung(en) abgelehnt"
                    + (key.isEmpty ? "." : " – \(key) zeigt sie.")
            buffer.write(
                rejected.truncated(toWidth: body.width - 3), at: Position(row: body.bottom - 2, column: 2),
                style: Theme.error)
        }
    }
}
