import CaseModel
import Foundation
import TerminalKit

/// One case: citizen, fields, state and SLA, claim, history, comments and the allowed moves.
enum CaseDetailView {
    typealias Line = (text: String, style: Style)

    static func draw(_ s: CaseDetailState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        guard let detail = s.detail else {
            drawTitle(en ? "Case" : "Vorgang", width: body.width, into: &buffer)
            buffer.write(en ? "Loading …" : "Wird geladen …", at: Position(row: body.row + 1, column: 2))
            return
        }
        let c = detail.value
        let service = detail.service?.title.text(state.language) ?? c.serviceID
        // Until the central service has seen a new case, its number is the workstation's own.
        let number = c.version == 0 ? c.number + (en ? " (provisional)" : " (vorläufig)") : c.number
        drawTitle(
            number + " · " + service, right: detail.stateLabel.text(state.language), width: body.width,
            into: &buffer)
        let all = lines(detail, state, width: body.width - 4)
        let top = min(s.scroll, max(0, all.count - body.height))
        for (i, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            buffer.write(
                line.text, at: Position(row: body.row + i, column: 2), style: line.style,
                maxWidth: body.width - 3)
        }
        if all.count > body.height {
            let more = top + body.height < all.count ? "↓" : " "
            let less = top > 0 ? "↑" : " "
            buffer.write(less, at: Position(row: body.row, column: body.width - 1), style: Theme.dim)
            buffer.write(more, at: Position(row: body.bottom - 1, column: body.width - 1), style: Theme.dim)
        }
    }

    /// The case as lines of text, in the order they are shown.
    static func lines(_ d: CaseDetail, _ state: AppState, width: Int) -> [Line] {
        let en = state.language == .en
        let lang = state.language
        let c = d.value
        var out: [Line] = []
        func add(_ text: String, _ style: Style = .plain) {
            guard text.displayWidth > width else {
                out.append((text, style))
                return
            }
            for part in wrap(text, width: max(10, width)) { out.append((part, style)) }
        }
        func section(_ title: String) {
            add("")
            add(
                "── " + title + " " + String(repeating: "─", count: max(0, width - title.displayWidth - 4)),
                Theme.section)
        }
        // State, SLA, claim
        var sla = d.light.symbol + " "
        if let due = d.due, let left = d.workingDaysLeft {
            switch d.light {
            case .done: sla += en ? "finished" : "abgeschlossen"
            case .paused: sla += (en ? "paused, due " : "pausiert, fällig ") + due.german
            default:
                let unit = en ? "working days" : "Arbeitstage"
                let when =
                    left == 0
                    ? (en ? "due today" : "heute fällig")
                    : left > 0
                        ? (en ? "\(left) \(unit) left" : "noch \(left) \(unit)")
                        : (en ? "\(-left) \(unit) overdue" : "\(-left) \(unit) überfällig")
                sla += (en ? "due " : "fällig ") + due.german + " (" + when + ")"
            }
        }
        add(
            (en ? "State: " : "Status: ") + d.stateLabel.text(lang) + "   SLA: " + sla,
            Theme.light(d.light).bolded)
        if d.stalled {
            add(
                en ? "! Stalled: no activity for a long time" : "! Stockt: lange keine Aktivität", Theme.error
            )
        }
        let claim: String
        if let cl = c.claim, cl.isActive(at: state.now) {
            claim =
                (en ? "Claimed by " : "Übernommen von ") + cl.clerk + (en ? " until " : " bis ")
                + Formatting.time(cl.until)
        } else {
            claim = en ? "Not claimed" : "Nicht übernommen"
        }
        let channel = channelLabel(c.channel, lang)
        add(
            claim + " · " + (en ? "Received " : "Eingang ") + Formatting.dateTime(c.receivedAt) + " · "
                + channel
                + (c.assignee.map { " · " + (en ? "Assigned to " : "Zugewiesen an ") + $0 } ?? ""))
        if !c.conflicts.isEmpty {
            add(
                (en ? "✗ Conflicts in: " : "✗ Konflikte in: ")
                    + c.conflicts.map(\.field).joined(separator: ", "),
                Theme.error)
        }
        // Citizen
        section(en ? "Citizen" : "Bürger/in")
        if let p = d.citizen {
            add(p.name.listForm + " · " + (en ? "born " : "geb. ") + p.dateOfBirth.german)
            add(
                p.informationBlock
                    ? (en ? "Address blocked (information block)" : "Anschrift gesperrt (Auskunftssperre)")
                    : p.address.singleLine)
            let contact = [p.phone, p.email].compactMap { $0 }.joined(separator: " · ")
            if !contact.isEmpty { add(contact) }
        } else {
            add(en ? "No citizen recorded" : "Keine Person erfasst", Theme.dim)
        }
        // Fields
        section(en ? "Details" : "Angaben")
        let defs = d.service.map(formFields) ?? []
        let labelWidth = min(30, max(14, width / 3))
        var shown = Set<String>()
        for def in defs {
            shown.insert(def.id)
            let label = def.label.text(lang)
            guard let value = c.fields[def.id] else {
                add(label.padded(toWidth: labelWidth) + " –", Theme.dim)
                continue
            }
            if case .rows(let rows) = value {
                add(label + " (\(rows.count))")
                for (i, row) in rows.enumerated() {
                    let parts = def.fields.compactMap { sub in
                        row[sub.id].map {
                            sub.label.text(lang) + ": " + FormRules.format($0, as: sub, language: lang)
                        }
                    }
                    add("  \(i + 1). " + parts.joined(separator: " · "))
                }
            } else {
                let text = FormRules.format(value, as: def, language: lang)
                let wrapped = wrap(text, width: max(10, width - labelWidth - 1))
                for (i, part) in wrapped.enumerated() {
                    add((i == 0 ? label : "").padded(toWidth: labelWidth) + " " + part)
                }
            }
        }
        for (key, value) in c.fields.sorted(by: { $0.key < $1.key }) where !shown.contains(key) {
            add(key.padded(toWidth: labelWidth) + " " + FormRules.format(value, as: nil, language: lang))
        }
        // Allowed moves
        section(en ? "Possible state changes" : "Mögliche Statuswechsel")
        if d.allowedTransitions.isEmpty {
            add(en ? "None from this state." : "Keine aus diesem Status.", Theme.dim)
        }
        for t in d.allowedTransitions {
            let target = d.service?.workflow.states.first { $0.id == t.to }?.label.text(lang) ?? t.to
            add(
                "→ " + t.label.text(lang) + " (" + target + ")"
                    + (t.reasonRequired ? (en ? " – reason required" : " – Begründung nötig") : ""))
        }
        // History
        section(en ? "History" : "Verlauf")
        if d.history.isEmpty { add(en ? "No entries." : "Keine Einträge.", Theme.dim) }
        for h in d.history {
            let mark = h.pending ? (en ? " (outbox)" : " (im Ausgang)") : ""
            for (i, part) in wrap(h.what.text(lang) + mark, width: max(10, width - 28)).enumerated() {
                let prefix = i == 0 ? Formatting.dateTime(h.at) + "  " + h.clerk.padded(toWidth: 10) : ""
                add(prefix.padded(toWidth: 28) + part)
            }
        }
        // Comments
        section(en ? "Notes" : "Notizen")
        if c.comments.isEmpty { add(en ? "No notes." : "Keine Notizen.", Theme.dim) }
        for comment in c.comments {
            add(Formatting.dateTime(comment.at) + "  " + comment.clerk, Theme.title)
            for part in wrap(comment.text, width: max(10, width - 2)) { add("  " + part) }
        }
        return out
    }

    static func channelLabel(_ channel: Channel, _ language: Language) -> String {
        let en = language == .en
        switch channel {
        case .counter: return en ? "at the counter" : "am Schalter"
        case .phone: return en ? "by phone" : "telefonisch"
        case .field: return en ? "in the field" : "im Außendienst"
        case .online: return en ? "online" : "online"
        }
    }
}
