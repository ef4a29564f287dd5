import CaseModel
import TerminalKit

/// The phone screen: the call panel on top, below it one thing at a time — the question and its
/// answer large and alone, the read-back, the consent or the outcome.
enum PhoneView {
    static func draw(_ s: PhoneScreenState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer)
    {
        let lang = state.language
        guard let call = s.call, s.stage != .incoming else {
            drawIncoming(s, state, body, into: &buffer)
            return
        }
        drawTitle(
            PhoneText.title.text(lang) + " – " + stepTitle(call, s, lang),
            right: s.stage == .call ? progress(call, lang) : "", width: body.width, into: &buffer)
        drawCallPanel(s, call, state, body, into: &buffer)
        let area = Rect(row: body.row + 4, column: 0, height: max(0, body.height - 4), width: body.width)
        if case .ending(let entry) = s.stage {
            drawOutcome(entry, s, call, state, area, into: &buffer)
            return
        }
        switch call.step {
        case .identity: drawIdentity(s, call, state, area, into: &buffer)
        case .chooseService: drawServices(s, state, area, into: &buffer)
        case .refused(let refusal): drawRefusal(refusal, s, state, area, into: &buffer)
        case .interview: drawQuestion(s, call, state, area, into: &buffer)
        case .readBack: drawReadBack(s, call, state, area, into: &buffer)
        case .consent: drawConsent(s, call, state, area, into: &buffer)
        case .submitted, .ended:
            let number = call.submission?.number ?? ""
            let row = drawParagraph(
                PhoneText.submitted(number).text(lang), at: area.row + 1, area, style: Theme.success,
                into: &buffer)
            drawParagraph(
                PhoneText.submittedHint(hangUp: phoneKey(state, "phone.hangUp")).text(lang), at: row + 1,
                area, style: .plain, into: &buffer)
        }
    }

    private static func stepTitle(_ call: PhoneCall, _ s: PhoneScreenState, _ lang: Language) -> String {
        if case .ending = s.stage { return PhoneText.outcomeTitle.text(lang) }
        switch call.step {
        case .identity: return PhoneText.identityTitle.text(lang)
        case .chooseService: return PhoneText.serviceTitle.text(lang)
        case .refused: return PhoneText.refusedTitle.text(lang)
        case .interview, .submitted, .ended: return call.service?.title.text(lang) ?? ""
        case .readBack: return PhoneText.readBackTitle.text(lang)
        case .consent: return PhoneText.consentTitle.text(lang)
        }
    }

    private static func progress(_ call: PhoneCall, _ lang: Language) -> String {
        guard call.step == .interview, let interview = call.interview else { return "" }
        return interview.progressText.text(lang)
    }

    /// Call timer, the caller's number, who the caller is (masked until verified), and the notes.
    private static func drawCallPanel(
        _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ body: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        let timer = CallTimer.text(seconds: call.elapsedSeconds(at: state.now))
        var who = ""
        var checked = ""
        if let details = call.callerDetails {
            who =
                " · " + details.name.text(lang) + " · "
                + (call.isVerified ? PhoneText.verified.text(lang) : PhoneText.unverified.text(lang))
            if details.informationBlock { who += " · " + PhoneText.blockedShort.text(lang) }
            if let verification = call.verification, !verification.matched.isEmpty {
                checked = PhoneText.checkedLabel.text(lang) + verification.matchedText.text(lang)
            }
        }
        let line = "☎ \(PhoneText.callLabel.text(lang)) \(timer) · \(call.callerNumber)" + who
        buffer.write(
            line.truncated(toWidth: body.width - 2), at: Position(row: body.row, column: 1),
            style: Theme.title)
        buffer.write(
            checked.truncated(toWidth: body.width - 4), at: Position(row: body.row + 1, column: 3),
            style: Theme.dim)
        let label = PhoneText.notesLabel.text(lang)
        buffer.write(label, at: Position(row: body.row + 2, column: 1), style: Theme.dim)
        drawInput(
            s.notes, at: Position(row: body.row + 2, column: 1 + label.displayWidth),
            width: body.width - label.displayWidth - 3, focused: s.notesFocused && state.modal == nil,
            into: &buffer)
        buffer.drawHorizontalLine(
            at: Position(row: body.row + 3, column: 0), length: body.width, style: Theme.dim)
    }

    private static func drawIncoming(
        _ s: PhoneScreenState, _ state: AppState, _ body: Rect, into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        drawTitle(
            PhoneText.title.text(lang) + " – " + PhoneText.incomingTitle.text(lang), width: body.width,
            into: &buffer)
        let label = PhoneText.numberLabel.text(lang)
        buffer.write(label, at: Position(row: body.row + 1, column: 2), style: Theme.title)
        drawInput(
            s.number, at: Position(row: body.row + 1, column: 2 + label.displayWidth), width: 24,
            focused: s.callbackCursor == nil && state.modal == nil, into: &buffer)
        buffer.write(
            PhoneText.incomingHint(next: phoneKey(state, "phone.step.next")).text(lang).truncated(
                toWidth: body.width - 4),
            at: Position(row: body.row + 2, column: 2), style: Theme.dim)
        buffer.write(
            PhoneText.today(state.phoneDesk.today).text(lang).truncated(toWidth: body.width - 4),
            at: Position(row: body.row + 3, column: 2), style: Theme.dim)
        buffer.write(
            PhoneText.callbacksTitle.text(lang), at: Position(row: body.row + 4, column: 2),
            style: Theme.header)
        let callbacks = state.phoneDesk.callbacks
        if callbacks.isEmpty {
            buffer.write(
                PhoneText.noCallbacks.text(lang), at: Position(row: body.row + 5, column: 4), style: Theme.dim
            )
            return
        }
        let day = MunichTime.day(state.now)
        let time = MunichTime.time(state.now)
        let items = callbacks.map { cb in
            let mark =
                cb.isOverdue(on: day, at: time)
                ? PhoneText.overdue.text(lang) : cb.isDue(on: day, at: time) ? PhoneText.due.text(lang) : ""
            return "\(cb.day.german) \(cb.window)  \(cb.number)  \(cb.topic)"
                + (cb.carriedOver == nil ? "" : " (" + PhoneText.withAnswers.text(lang) + ")")
                + (mark.isEmpty ? "" : "  – " + mark)
        }
        NewCaseView.drawList(
            items, cursor: s.callbackCursor ?? -1, top: body.row + 5,
            visible: max(1, body.bottom - body.row - 5),
            width: body.width, into: &buffer)
    }

    private static func drawIdentity(
        _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        var row = drawParagraph(
            PhoneText.identityHint(next: phoneKey(state, "phone.step.next")).text(lang), at: area.row, area,
            style: Theme.dim, into: &buffer)
        row += 1
        for (i, label) in PhoneText.identityLabels.enumerated() {
            let text = (label.text(lang) + ":").padded(toWidth: 20)
            buffer.write(text, at: Position(row: row, column: 2), style: Theme.title)
            drawInput(
                s.identity[i], at: Position(row: row, column: 23), width: min(40, area.width - 26),
                focused: !s.notesFocused && s.identityFocus == i && state.modal == nil, into: &buffer)
            row += 2
        }
        if let found = s.candidatesFor, !found.isEmpty {
            buffer.write(
                PhoneText.candidates(s.candidates.count).text(lang), at: Position(row: row, column: 2),
                style: Theme.dim)
            row += 1
        }
        if let details = call.callerDetails {
            let masked = [details.name, details.dateOfBirth, details.address].map { $0.text(lang) }
            buffer.write(
                masked.joined(separator: " · ").truncated(toWidth: area.width - 4),
                at: Position(row: row, column: 2))
            row += 1
        }
        if let problem = s.problem {
            drawParagraph(problem.text(lang), at: row + 1, area, style: Theme.error, into: &buffer)
        }
    }

    private static func drawServices(
        _ s: PhoneScreenState, _ state: AppState, _ area: Rect, into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        let items = phoneServiceList(state).map { service in
            service.title.text(lang)
                + (service.channels.contains(.phone) ? "" : "  – " + PhoneText.notByPhone.text(lang))
        }
        NewCaseView.drawList(
            items, cursor: s.serviceCursor, top: area.row + 1, visible: max(1, area.height - 2),
            width: area.width,
            into: &buffer)
        if let problem = s.problem {
            buffer.write(
                problem.text(lang), at: Position(row: area.bottom - 1, column: 2), style: Theme.error)
        }
    }

    private static func drawRefusal(
        _ refusal: PhoneRefusal, _ s: PhoneScreenState, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        buffer.write(
            refusal.serviceTitle.text(lang), at: Position(row: area.row + 1, column: 2), style: Theme.title)
        var row = drawParagraph(
            refusal.reason.text(lang), at: area.row + 3, area, style: .plain, into: &buffer)
        row += 1
        drawParagraph(
            PhoneText.refusedHint(back: phoneKey(state, "back")).text(lang), at: row, area,
            style: Theme.title, into: &buffer)
    }

    /// One question and its answer, large and alone.
    private static func drawQuestion(
        _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        guard let question = call.interview?.currentQuestion else { return }
        var row = area.row + 1
        if call.carriedOver?.serviceID == call.service?.id, call.carriedOver != nil {
            buffer.write(
                PhoneText.carriedOver.text(lang).truncated(toWidth: area.width - 8),
                at: Position(row: row - 1, column: 4), style: Theme.info)
        }
        if let context = question.context {
            buffer.write(context.text(lang), at: Position(row: row, column: 4), style: Theme.dim)
            row += 1
        }
        if let lead = question.lead {
            row = drawParagraph(lead.text(lang), at: row, area, style: .plain, into: &buffer)
        }
        row += 1
        row = drawParagraph(question.text.text(lang), at: row, area, style: Theme.title, into: &buffer)
        row += 1
        if question.field.type == .choice {
            row = drawChoices(question.field, lang, row, area, into: &buffer)
        }
        let label = PhoneText.answerLabel.text(lang)
        buffer.write(label, at: Position(row: row, column: 4), style: Theme.title)
        drawInput(
            s.answer, at: Position(row: row, column: 4 + label.displayWidth),
            width: area.width - label.displayWidth - 8, focused: !s.notesFocused && state.modal == nil,
            into: &buffer)
        row += 2
        if let problem = s.problem {
            row = drawParagraph(problem.text(lang), at: row, area, style: Theme.error, into: &buffer)
        }
        if s.showHelp, let help = question.help {
            drawParagraph(help.text(lang), at: row + 1, area, style: Theme.info, into: &buffer)
        } else if row < area.bottom {
            buffer.write(
                PhoneText.interviewHint(
                    next: phoneKey(state, "phone.step.next"),
                    previous: phoneKey(state, "phone.step.previous"),
                    help: phoneKey(state, "help"), note: phoneKey(state, "focus.next")
                ).text(lang).truncated(toWidth: area.width - 8),
                at: Position(row: area.bottom - 1, column: 4), style: Theme.dim)
        }
    }

    private static func drawChoices(
        _ field: FieldDefinition, _ lang: Language, _ start: Int, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) -> Int {
        var row = start
        for (i, option) in field.choices.enumerated() where row < area.bottom - 3 {
            buffer.write("\(i + 1)  \(option.label.text(lang))", at: Position(row: row, column: 6))
            row += 1
        }
        return row + 1
    }

    private static func drawReadBack(
        _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        let lines = call.readBack
        let spellRows = s.spelling ? 4 : 1
        let last = area.bottom - 2 - spellRows
        var row = area.row
        let first = max(0, s.lineCursor - 4)
        for (index, line) in lines.enumerated().dropFirst(first) where row < last {
            let tick = line.confirmed ? "[x] " : "[ ] "
            var text = line.spoken
            if !line.readAloud { text += "  (" + PhoneText.doNotReadOut.text(lang) + ")" }
            let style: Style =
                index == s.lineCursor ? Theme.selected : (line.confirmed ? Theme.success : .plain)
            for (part, piece) in wrap(text, width: area.width - 8).enumerated() where row < last {
                let prefix = part == 0 ? tick : "    "
                buffer.write(
                    (prefix + piece).padded(toWidth: area.width - 4), at: Position(row: row, column: 2),
                    style: style)
                row += 1
            }
        }
        row += 1
        if let problem = s.problem, row < area.bottom - 1 {
            row = drawParagraph(problem.text(lang), at: row, area, style: Theme.error, into: &buffer)
        }
        if lines.indices.contains(s.lineCursor) {
            let line = lines[s.lineCursor]
            if let notice = line.notice {
                row = drawParagraph(notice.text(lang), at: row, area, style: Theme.error, into: &buffer)
            }
            if s.spelling {
                for spelled in line.spelling where row < area.bottom - 1 {
                    row = drawParagraph(spelled, at: row, area, style: Theme.info, into: &buffer)
                }
            }
        }
        buffer.write(
            PhoneText.readBackHint(
                next: phoneKey(state, "phone.step.next"), consent: phoneKey(state, "phone.consent")
            ).text(lang).truncated(toWidth: area.width - 4),
            at: Position(row: area.bottom - 1, column: 2), style: Theme.dim)
    }

    private static func drawConsent(
        _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        var row = drawParagraph(
            "„" + (call.consentWording ?? "") + "“", at: area.row + 1, area, style: Theme.title, into: &buffer
        )
        row += 1
        row = drawParagraph(PhoneText.consentHint.text(lang), at: row, area, style: Theme.dim, into: &buffer)
        if let problem = s.problem {
            drawParagraph(problem.text(lang), at: row + 1, area, style: Theme.error, into: &buffer)
        }
    }

    private static func drawOutcome(
        _ entry: OutcomeEntry, _ s: PhoneScreenState, _ call: PhoneCall, _ state: AppState, _ area: Rect,
        into buffer: inout ScreenBuffer
    ) {
        let lang = state.language
        var row = area.row
        if let chosen = entry.chosen {
            buffer.write(
                PhoneText.outcomes[chosen.rawValue].text(lang), at: Position(row: row, column: 2),
                style: Theme.title)
            row += 2
            var labels =
                chosen == .callback ? PhoneText.callbackLabels : PhoneText.callbackLabels.prefix(2).map { $0 }
            if chosen == .counterAppointment { labels = PhoneText.appointmentLabels }
            if chosen == .identityNotVerified {
                buffer.write(
                    PhoneText.identityCallbackHint.text(lang), at: Position(row: row - 1, column: 2),
                    style: Theme.dim)
            }
            for (i, label) in labels.enumerated() {
                buffer.write((label.text(lang) + ":").padded(toWidth: 28), at: Position(row: row, column: 2))
                drawInput(
                    entry.inputs[i], at: Position(row: row, column: 31), width: min(30, area.width - 34),
                    focused: entry.focus == i && state.modal == nil, into: &buffer)
                row += 2
            }
        } else {
            let items = PhoneText.outcomes.enumerated().map { i, text in
                var item = "\(i + 1)  " + text.text(lang)
                if i == OutcomeEntry.Choice.referred.rawValue, let unit = call.service?.orgUnit {
                    item =
                        "\(i + 1)  " + PhoneText.referTo.text(lang) + unit.name.text(lang) + ", "
                        + PhoneText.directNumber.text(lang) + unit.directPhone
                }
                return item
            }
            NewCaseView.drawList(
                items, cursor: entry.cursor, top: row, visible: items.count, width: area.width, into: &buffer)
            row += items.count + 1
        }
        if let problem = s.problem {
            drawParagraph(problem.text(lang), at: row, area, style: Theme.error, into: &buffer)
        }
    }

    /// Writes wrapped text from `row`; returns the row after it.
    @discardableResult
    private static func drawParagraph(
        _ text: String, at row: Int, _ area: Rect, style: Style, into buffer: inout ScreenBuffer
    ) -> Int {
        var current = row
        for line in wrap(text, width: area.width - 8) where current < area.bottom {
            buffer.write(line, at: Position(row: current, column: 4), style: style)
            current += 1
        }
        return current
    }
}

/// The key the active keymap binds to `action` on the phone screen, for the hints.
func phoneKey(_ state: AppState, _ action: String) -> String {
    keyName(state, action, mode: .phone)
}
