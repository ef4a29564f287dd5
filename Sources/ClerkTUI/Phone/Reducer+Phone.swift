import CaseModel
import Foundation

/// Whether the phone screen stays after a key, and the effects to run.
enum PhoneResult {
    case stay([Effect])
    case leave([Effect])
}

/// F6 outside a call: opens the phone screen with the callback queue — for a clerk whose role
/// takes applications by phone; anyone else is told who does, before a caller's time is spent
/// on an interview the central service would refuse.
func startPhone(_ state: inout AppState) -> [Effect] {
    if case .phone = state.screen { return [] }
    guard state.clerk.role.channels.contains(.phone) else {
        state.notice = Notice(PhoneText.notAPhoneRole, kind: .error, at: state.now)
        return []
    }
    state.stack.append(.phone(PhoneScreenState()))
    return [.loadCallbacks, .loadPhoneDraft]
}

/// The call that was in progress when the workstation went away: the phone screen continues it;
/// elsewhere a notice says that F6 does.
func phoneDraftLoaded(_ state: inout AppState, _ draft: PhoneCallDraft?) -> [Effect] {
    guard let draft else { return [] }
    guard case .phone(var s) = state.screen, s.stage == .incoming, s.call == nil else {
        if !state.screen.isPhone {
            state.notice = Notice(
                PhoneText.interruptedCallWaiting(
                    draft.call.startedAt, key: keyName(state, "phone.call", mode: state.keymapMode)),
                kind: .info, at: state.now)
        }
        return []
    }
    do {
        let call = try PhoneCall(
            restoring: draft.call, services: state.services, today: MunichTime.day(state.now))
        s.call = call
        s.stage = .call
        s.fromCallback = draft.fromCallback
        s.notes = TextInput(call.notes)
        for (index, text) in draft.identity.prefix(s.identity.count).enumerated() {
            s.identity[index] = TextInput(text)
        }
        if let current = call.interview?.current, call.step == .interview {
            s.answer = TextInput(draft.answer)
            s.answerFor = current
        }
        s.savedDraft = draft
        state.screen = .phone(s)
        state.notice = Notice(
            PhoneText.interruptedCallResumed(draft.call.startedAt), kind: .info, at: state.now)
        let name = s.identity[0].text.trimmingCharacters(in: .whitespaces)
        if call.step == .identity, !name.isEmpty { return [.searchCitizens(query: name)] }
    } catch {
        state.notice = Notice(error.message, kind: .error, at: state.now)
    }
    return []
}

/// Keys on the phone screen.
func phoneKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .phone(var s) = state.screen else { return [] }
    let result: PhoneResult
    switch s.stage {
    case .incoming: result = incomingKey(&state, &s, input)
    case .call: result = callKey(&state, &s, input)
    case .ending(var entry):
        result = endingKey(&state, &s, &entry, input)
        if case .ending = s.stage { s.stage = .ending(entry) }
    }
    switch result {
    case .stay(var effects):
        if let draft = PhoneCallDraft(s, at: state.now), !draft.sameContent(as: s.savedDraft) {
            s.savedDraft = draft
            effects.append(.savePhoneDraft(draft))
        }
        state.screen = .phone(s)
        return effects
    case .leave(let effects):
        state.stack.removeLast()
        return effects + reloadCurrent(&state)
    }
}

// MARK: - Before the call

private func incomingKey(_ state: inout AppState, _ s: inout PhoneScreenState, _ input: KeyInput)
    -> PhoneResult
{
    let callbacks = state.phoneDesk.callbacks
    switch input {
    case .command(.back), .command(.cancel), .command(.phoneHangUp):
        return .leave([])
    case .command(.down):
        guard !callbacks.isEmpty else { return .stay([]) }
        s.callbackCursor = min(callbacks.count - 1, (s.callbackCursor ?? -1) + 1)
    case .command(.up):
        if let cursor = s.callbackCursor { s.callbackCursor = cursor == 0 ? nil : cursor - 1 }
    case .command(.phoneNext), .command(.open):
        var number = s.number.text.trimmingCharacters(in: .whitespaces)
        if let cursor = s.callbackCursor, callbacks.indices.contains(cursor) {
            s.fromCallback = callbacks[cursor]
            number = callbacks[cursor].number
        }
        if number.isEmpty { number = PhoneText.unknownNumber.text(state.language) }
        var call = PhoneCall(
            id: state.nextID(), clerk: state.clerk.id, callerNumber: number, startedAt: state.now)
        call.carriedOver = s.fromCallback?.carriedOver
        s.call = call
        s.stage = .call
        s.identityFocus = 0
    default:
        if s.callbackCursor == nil { _ = edit(&s.number, input) }
    }
    return .stay([])
}

// MARK: - In the call

private func callKey(_ state: inout AppState, _ s: inout PhoneScreenState, _ input: KeyInput) -> PhoneResult {
    guard var call = s.call else { return .leave([]) }
    switch input {
    case .command(.nextField), .command(.previousField):
        s.notesFocused.toggle()
        return .stay([])
    case .command(.phoneHangUp):
        s.stage = .ending(OutcomeEntry(cursor: call.step == .submitted ? 0 : 1))
        s.problem = nil
        return .stay([])
    case .command(.phoneCallback):
        s.stage = .ending(callbackEntry(call))
        s.problem = nil
        return .stay([])
    default:
        break
    }
    if s.notesFocused {
        if input == .command(.phoneNext) || input == .command(.cancel) {
            s.notesFocused = false
        } else if edit(&s.notes, input) {
            call.notes = s.notes.text
            s.call = call
        }
        return .stay([])
    }
    var effects: [Effect] = []
    do {
        switch call.step {
        case .identity: effects = try identityKey(&state, &s, &call, input)
        case .chooseService: try serviceKey(&state, &s, &call, input)
        case .refused:
            switch input {
            case .text("1"):
                guard let id = call.service?.id else { break }
                s.call = call
                return finish(&state, &s, .paperFormSent(serviceID: id))
            case .text("2"):
                s.stage = .ending(OutcomeEntry(cursor: 5, chosen: .counterAppointment))
            case .command(.back), .command(.cancel), .command(.phonePrevious):
                try call.backToServices()
            default: break
            }
        case .interview: try interviewKey(&s, &call, input)
        case .readBack: try readBackKey(&s, &call, input)
        case .consent: effects = try consentKey(&state, &s, &call, input)
        case .submitted:
            if input == .command(.phoneNext) { s.stage = .ending(OutcomeEntry(cursor: 0)) }
        case .ended: break
        }
        if effects.isEmpty { s.problem = nil }
    } catch let error as PhoneCallError {
        s.problem = error.message
    } catch {
        s.problem = LocalizedText(de: "\(error)", en: "\(error)")
    }
    s.call = call
    syncAnswer(&s)
    return .stay(effects)
}

private func identityKey(
    _ state: inout AppState, _ s: inout PhoneScreenState, _ call: inout PhoneCall, _ input: KeyInput
) throws -> [Effect] {
    switch input {
    case .command(.up): s.identityFocus = max(0, s.identityFocus - 1)
    case .command(.down): s.identityFocus = min(2, s.identityFocus + 1)
    case .command(.phoneNext):
        let name = s.identity[0].text.trimmingCharacters(in: .whitespaces)
        if s.identityFocus < 2 {
            s.identityFocus += 1
            if !name.isEmpty, s.candidatesFor != name { return [.searchCitizens(query: name)] }
            return []
        }
        try verifyCaller(&state, &s, &call)
    default:
        _ = edit(&s.identity[s.identityFocus], input)
    }
    return []
}

/// Checks the answers against the citizens on record with the given name; data stays masked
/// unless exactly this caller matches.
private func verifyCaller(_ state: inout AppState, _ s: inout PhoneScreenState, _ call: inout PhoneCall)
    throws
{
    let answers = IdentityAnswers(
        dateOfBirth: s.identity[1].text, postcode: s.identity[2].text, registeredName: s.identity[0].text)
    guard !s.candidates.isEmpty else {
        try call.continueWithoutRecord()
        state.notice = Notice(PhoneText.notOnRecord, kind: .info, at: state.now)
        return
    }
    let checked = s.candidates.map { ($0, IdentityVerification.check(answers, against: $0)) }
    if let match = checked.first(where: { $0.1.isVerified }) {
        try call.claimIdentity(match.0)
        try call.verify(answers)
        return
    }
    // Keep the closest record (if it is the only closest) so a callback to its number can be offered.
    let best = checked.max { $0.1.matched.count < $1.1.matched.count }
    if let best, checked.filter({ $0.1.matched.count == best.1.matched.count }).count == 1 {
        try call.claimIdentity(best.0)
        try call.verify(answers)
    }
    throw PhoneCallError(.notVerified, PhoneText.notVerified(hangUp: phoneKey(state, "phone.hangUp")))
}

private func serviceKey(
    _ state: inout AppState, _ s: inout PhoneScreenState, _ call: inout PhoneCall, _ input: KeyInput
) throws {
    let services = phoneServiceList(state)
    switch input {
    case .command(.up): s.serviceCursor = max(0, s.serviceCursor - 1)
    case .command(.down): s.serviceCursor = min(max(0, services.count - 1), s.serviceCursor + 1)
    case .command(.phoneNext), .command(.open):
        guard services.indices.contains(s.serviceCursor) else { return }
        try call.chooseService(services[s.serviceCursor], today: MunichTime.day(state.now))
        s.answerFor = nil
    default: break
    }
}

/// The services in the phone list: those allowed by phone first, then the others.
func phoneServiceList(_ state: AppState) -> [ServiceDefinition] {
    let sorted = state.services.sorted { $0.title.text(state.language) < $1.title.text(state.language) }
    let menu = PhoneServiceMenu(services: sorted)
    return menu.offered + sorted.filter { !$0.channels.contains(.phone) }
}

private func interviewKey(_ s: inout PhoneScreenState, _ call: inout PhoneCall, _ input: KeyInput) throws {
    switch input {
    case .command(.help):
        s.showHelp.toggle()
    case .command(.phoneNext):
        try call.answer(s.answer.text)
        s.lineCursor = 0
        s.spelling = false
    case .command(.phonePrevious), .command(.back):
        try call.back()
        s.answerFor = nil
    default:
        _ = edit(&s.answer, input)
    }
}

/// Fills the answer input with the stored answer whenever the question changes.
private func syncAnswer(_ s: inout PhoneScreenState) {
    guard let interview = s.call?.interview, s.call?.step == .interview else { return }
    if s.answerFor != interview.current {
        s.answer = TextInput(interview.current.map(interview.answerText) ?? "")
        s.answerFor = interview.current
        s.showHelp = false
    }
}

private func readBackKey(_ s: inout PhoneScreenState, _ call: inout PhoneCall, _ input: KeyInput) throws {
    let lines = call.readBack
    guard !lines.isEmpty else {
        if input == .command(.phoneNext) || input == .command(.phoneConsent) { try call.proceedToConsent() }
        return
    }
    s.lineCursor = min(s.lineCursor, lines.count - 1)
    let line = lines[s.lineCursor]
    switch input {
    case .command(.up): s.lineCursor = max(0, s.lineCursor - 1)
    case .command(.down): s.lineCursor = min(lines.count - 1, s.lineCursor + 1)
    case .text(" "), .text("x"):
        try call.toggleConfirmed(line: line.id)
    case .text("b"), .text("B"):
        s.spelling.toggle()
    case .text("k"), .text("K"), .command(.phonePrevious):
        try call.correct(line: line.id)
        s.answerFor = nil
    case .command(.phoneNext):
        if !line.confirmed {
            try call.toggleConfirmed(line: line.id)
            s.lineCursor = min(lines.count - 1, s.lineCursor + 1)
        } else if let open = call.readBack.firstIndex(where: { !$0.confirmed }) {
            s.lineCursor = open
        } else {
            try call.proceedToConsent()
        }
    case .command(.phoneConsent):
        try call.proceedToConsent()
    default: break
    }
}

private func consentKey(
    _ state: inout AppState, _ s: inout PhoneScreenState, _ call: inout PhoneCall, _ input: KeyInput
) throws -> [Effect] {
    switch input {
    case .text("j"), .text("J"), .text("y"), .command(.phoneConsent):
        guard let service = call.service else { return [] }
        try call.recordConsent(at: state.now)
        let caseID = state.nextID()
        let number = caseNumber(prefix: service.numberPrefix, id: caseID, now: state.now)
        let newCase = try call.submit(caseID: caseID, number: number, at: state.now)
        var operations = [
            CaseModel.Operation(
                id: state.nextID(), caseID: caseID, baseVersion: 0, clerk: state.clerk.id,
                device: state.clerk.device, timestamp: state.now, kind: .createCase(newCase))
        ]
        if let note = call.onBehalfNote {
            operations.append(
                CaseModel.Operation(
                    id: state.nextID(), caseID: caseID, baseVersion: 0, clerk: state.clerk.id,
                    device: state.clerk.device, timestamp: state.now, kind: .addComment(text: note)))
        }
        s.problem = nil
        state.notice = Notice(PhoneText.submitted(number), kind: .success, at: state.now)
        return [.recordOperations(operations)]
    case .text("n"), .text("N"), .command(.phonePrevious):
        try call.declineConsent()
    default: break
    }
    return []
}

// MARK: - Ending the call

private func callbackEntry(_ call: PhoneCall) -> OutcomeEntry {
    var entry = OutcomeEntry(cursor: 1, chosen: .callback)
    entry.inputs[2] = TextInput(call.callerNumber)
    return entry
}

private func endingKey(
    _ state: inout AppState, _ s: inout PhoneScreenState, _ entry: inout OutcomeEntry, _ input: KeyInput
) -> PhoneResult {
    guard let call = s.call else { return .leave([]) }
    guard let chosen = entry.chosen else {
        let count = OutcomeEntry.Choice.allCases.count
        switch input {
        case .command(.up): entry.cursor = max(0, entry.cursor - 1)
        case .command(.down): entry.cursor = min(count - 1, entry.cursor + 1)
        case .command(.back), .command(.cancel):
            s.stage = .call
            s.problem = nil
        case .text(let t) where Int(t).map { (1...count).contains($0) } ?? false:
            entry.cursor = (Int(t) ?? 1) - 1
            return choose(&state, &s, &entry, call)
        case .command(.phoneNext), .command(.open):
            return choose(&state, &s, &entry, call)
        default: break
        }
        return .stay([])
    }
    let fields = chosen == .callback ? 3 : 2
    switch input {
    case .command(.up): entry.focus = max(0, entry.focus - 1)
    case .command(.down), .command(.nextField): entry.focus = min(fields - 1, entry.focus + 1)
    case .command(.back), .command(.cancel):
        entry.chosen = nil
        s.problem = nil
    case .command(.phoneNext):
        if entry.focus < fields - 1 {
            entry.focus += 1
            return .stay([])
        }
        do {
            return finish(&state, &s, try detailedOutcome(chosen, entry, call, now: state.now))
        } catch let error as PhoneCallError {
            s.problem = error.message
        } catch {
            s.problem = LocalizedText(de: "\(error)", en: "\(error)")
        }
    default:
        _ = edit(&entry.inputs[entry.focus], input)
    }
    return .stay([])
}

private func choose(
    _ state: inout AppState, _ s: inout PhoneScreenState, _ entry: inout OutcomeEntry, _ call: PhoneCall
) -> PhoneResult {
    guard let choice = OutcomeEntry.Choice(rawValue: entry.cursor) else { return .stay([]) }
    s.problem = nil
    switch choice {
    case .resolved:
        return finish(&state, &s, .resolvedAtFirstContact)
    case .referred:
        guard let referral = call.referral else {
            s.problem = PhoneText.chooseServiceFirst
            return .stay([])
        }
        return finish(&state, &s, referral)
    case .paperForm:
        guard let id = call.service?.id else {
            s.problem = PhoneText.chooseServiceFirst
            return .stay([])
        }
        return finish(&state, &s, .paperFormSent(serviceID: id))
    case .identityNotVerified:
        guard !call.isVerified else {
            s.problem = PhoneText.alreadyVerified
            return .stay([])
        }
        entry.chosen = .identityNotVerified
    case .callback:
        entry = callbackEntry(call)
    case .counterAppointment:
        guard call.service != nil else {
            s.problem = PhoneText.chooseServiceFirst
            return .stay([])
        }
        entry.chosen = .counterAppointment
    }
    entry.focus = 0
    return .stay([])
}

private func detailedOutcome(
    _ choice: OutcomeEntry.Choice, _ entry: OutcomeEntry, _ call: PhoneCall, now: Date
)
    throws -> CallOutcome
{
    let today = MunichTime.day(now)
    let dayText = entry.inputs[0].text.trimmingCharacters(in: .whitespaces)
    let secondText = entry.inputs[1].text.trimmingCharacters(in: .whitespaces)
    func day() throws -> LocalDate {
        guard let day = LocalDate(parsing: dayText) else {
            throw PhoneCallError(.invalidOutcome, PhoneText.badDay)
        }
        return day
    }
    func window() throws -> TimeWindow {
        let parts = secondText.split(whereSeparator: { $0 == "-" || $0 == "–" })
        guard parts.count == 2, let start = TimeOfDay(parsing: String(parts[0])),
            let end = TimeOfDay(parsing: String(parts[1])), let window = TimeWindow(start: start, end: end)
        else { throw PhoneCallError(.invalidOutcome, PhoneText.badWindow) }
        return window
    }
    switch choice {
    case .callback:
        let topic = call.service?.title.de ?? (call.notes.isEmpty ? PhoneText.callbackTopic.de : call.notes)
        return .callbackScheduled(
            try call.callback(
                day: try day(), window: try window(), number: entry.inputs[2].text, topic: topic,
                today: today,
                at: now))
    case .identityNotVerified:
        if dayText.isEmpty && secondText.isEmpty { return .identityNotVerified(callback: nil) }
        return .identityNotVerified(
            callback: try call.callbackToNumberOnRecord(
                day: try day(), window: try window(), today: today, at: now))
    case .counterAppointment:
        guard let time = TimeOfDay(parsing: secondText) else {
            throw PhoneCallError(.invalidOutcome, PhoneText.badTime)
        }
        return .counterAppointment(serviceID: call.service?.id ?? "", day: try day(), time: time)
    case .resolved: return .resolvedAtFirstContact
    case .referred: return call.referral ?? .resolvedAtFirstContact
    case .paperForm: return .paperFormSent(serviceID: call.service?.id ?? "")
    }
}

/// Ends the call with `outcome`: the record is stored, a promised callback joins the queue.
private func finish(_ state: inout AppState, _ s: inout PhoneScreenState, _ outcome: CallOutcome)
    -> PhoneResult
{
    guard var call = s.call else { return .leave([]) }
    call.notes = s.notes.text
    do {
        let record = try call.end(with: outcome, at: state.now)
        s.call = call
        var queue = state.phoneDesk.callbacks.filter { $0.id != s.fromCallback?.id }
        if let callback = outcome.callback { queue.append(callback) }
        state.phoneDesk.callbacks = Callback.queue(queue)
        let duration = CallTimer.text(seconds: record.durationSeconds)
        state.notice = Notice(PhoneText.ended(duration, outcome.summary), kind: .success, at: state.now)
        return .leave([.recordCall(record, completedCallback: s.fromCallback?.id)])
    } catch {
        s.problem = error.message
    }
    return .stay([])
}

// MARK: - Results from effects and the clock

/// Citizens found for the name the caller gave; kept, never shown, until the caller is verified.
func phoneCitizensFound(_ state: inout AppState, _ query: String, _ citizens: [Citizen]) -> [Effect] {
    guard case .phone(var s) = state.screen,
        s.identity[0].text.trimmingCharacters(in: .whitespaces) == query
    else { return [] }
    s.candidates = citizens
    s.candidatesFor = query
    state.screen = .phone(s)
    return []
}

/// Announces callbacks that have become due, once each.
func announceDueCallbacks(_ state: inout AppState) {
    let day = MunichTime.day(state.now)
    let time = MunichTime.time(state.now)
    for callback in state.phoneDesk.callbacks
    where callback.isDue(on: day, at: time) && !state.phoneDesk.announced.contains(callback.id) {
        state.phoneDesk.announced.insert(callback.id)
        state.notice = Notice(PhoneText.callbackDue(callback), kind: .info, at: state.now)
        return
    }
}
