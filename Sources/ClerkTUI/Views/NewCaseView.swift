import CaseModel
import TerminalKit

/// Starting a new case: the service (search by name), the channel, the citizen (search or new).
enum NewCaseView {
    static func draw(_ s: NewCaseState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer) {
        let en = state.language == .en
        let lang = state.language
        let steps = en ? ["1 Service", "2 Channel", "3 Citizen"] : ["1 Leistung", "2 Zugang", "3 Person"]
        let current = s.step == .service ? 0 : s.step == .channel ? 1 : 2
        drawTitle(en ? "New case" : "Neuer Vorgang", width: body.width, into: &buffer)
        var column = 2
        for (i, step) in steps.enumerated() {
            let style = i == current ? Theme.selected : (i < current ? Theme.success : Theme.dim)
            buffer.write(" " + step + " ", at: Position(row: body.row, column: column), style: style)
            column += step.displayWidth + 2
            if i < steps.count - 1 {
                buffer.write(" › ", at: Position(row: body.row, column: column), style: Theme.dim)
                column += 3
            }
        }
        var chosen: [String] = []
        if let id = s.serviceID, let service = state.service(id), current > 0 {
            chosen.append(service.title.text(lang))
        }
        if let channel = s.channel, current > 1 { chosen.append(CaseDetailView.channelLabel(channel, lang)) }
        if !chosen.isEmpty {
            buffer.write(
                chosen.joined(separator: " · "), at: Position(row: body.row + 1, column: 2),
                style: Theme.title)
        }
        let listTop = body.row + 4
        let visible = max(1, body.bottom - listTop)
        switch s.step {
        case .service:
            let label = en ? "Service: " : "Leistung: "
            buffer.write(label, at: Position(row: body.row + 2, column: 2), style: Theme.title)
            let matches = s.matchingServices(state.services, lang)
            let items = matches.map { $0.title.text(lang) + "  (" + $0.orgUnit.name.text(lang) + ")" }
            drawList(
                items, cursor: s.serviceCursor, top: listTop, visible: visible, width: body.width,
                into: &buffer)
            if matches.isEmpty {
                buffer.write(
                    en ? "No service matches." : "Keine passende Leistung.",
                    at: Position(row: listTop, column: 4), style: Theme.dim)
            }
            drawInput(
                s.serviceQuery, at: Position(row: body.row + 2, column: 2 + label.displayWidth), width: 40,
                focused: state.modal == nil, into: &buffer)
        case .channel:
            buffer.write(
                en ? "How did the application reach you?" : "Wie kam der Antrag herein?",
                at: Position(row: body.row + 2, column: 2), style: Theme.title)
            let service = s.serviceID.flatMap(state.service)
            let items = NewCaseState.channels.enumerated().map { i, channel in
                let allowed = service?.channels.contains(channel) ?? false
                let mine = state.clerk.role.channels.contains(channel)
                return "\(i + 1)  " + CaseDetailView.channelLabel(channel, lang)
                    + (!allowed
                        ? (en ? "  – not offered" : "  – nicht zulässig")
                        : mine ? "" : (en ? "  – not your role" : "  – nicht Ihre Rolle"))
            }
            drawList(
                items, cursor: s.channelCursor, top: listTop, visible: visible, width: body.width,
                into: &buffer)
            if let note = service?.channelNote {
                for (i, line) in wrap(note.text(lang), width: body.width - 6).enumerated()
                where listTop + 4 + i < body.bottom {
                    buffer.write(line, at: Position(row: listTop + 4 + i, column: 4), style: Theme.dim)
                }
            }
        case .citizen:
            let label = en ? "Citizen (name or address): " : "Person (Name oder Anschrift): "
            buffer.write(label, at: Position(row: body.row + 2, column: 2), style: Theme.title)
            var items = [en ? "+ New person (type in the form)" : "+ Neue Person erfassen (im Formular)"]
            items += s.citizens.map { p in
                p.name.listForm + " · " + p.dateOfBirth.german + " · "
                    + (p.informationBlock
                        ? (en ? "address blocked" : "Anschrift gesperrt") : p.address.singleLine)
            }
            drawList(
                items, cursor: s.citizenCursor, top: listTop, visible: visible, width: body.width,
                into: &buffer)
            drawInput(
                s.citizenQuery, at: Position(row: body.row + 2, column: 2 + label.displayWidth),
                width: min(40, body.width - label.displayWidth - 4), focused: state.modal == nil,
                into: &buffer)
        }
    }

    static func drawList(
        _ items: [String], cursor: Int, top: Int, visible: Int, width: Int, into buffer: inout ScreenBuffer
    ) {
        let first = max(0, cursor - visible + 1)
        for (i, item) in items.dropFirst(first).prefix(visible).enumerated() {
            let selected = first + i == cursor
            let style: Style = selected ? Theme.selected : .plain
            buffer.write(
                ((selected ? "▸ " : "  ") + item).padded(toWidth: width - 4),
                at: Position(row: top + i, column: 2),
                style: style)
        }
    }
}
