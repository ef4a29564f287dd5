import CaseModel
import Foundation
import OfflineStore
import SyncClient

/// A new status from the scheduler: counts, connection, a calm notice for a new failure or for a
/// pull that started over (the central service was reset or replaced), and the password dialog
/// when the login expired.
func syncStatusChanged(_ state: inout AppState, _ status: SyncStatus) -> [Effect] {
    let previous = state.sync
    state.sync = status
    if status.connection == .deviceRevoked {
        // The replica's key is deleted: nothing of it may stay on screen. The workstation ends,
        // and `clerk` says why on the terminal (and again at the next start).
        state.notice = Notice(SyncError.deviceRevokedMessage, kind: .info, at: state.now)
        state.modal = nil
        state.quitting = true
        return [.quit]
    }
    if let restart = status.restart, restart != previous.restart {
        state.notice = Notice(restart.message, kind: .info, at: state.now)
    } else if let error = status.error, error != previous.error, status.connection != .loginRequired {
        state.notice = Notice(error.message, kind: .info, at: state.now)
    }
    if status.connection == .loginRequired {
        if previous.connection != .loginRequired { state.reloginPostponed = false }
        askForPassword(&state)
    } else if case .relogin = state.modal {
        state.modal = nil
    }
    return []
}

/// Opens the password dialog if re-login is possible, not postponed, and no other dialog is open.
func askForPassword(_ state: inout AppState) {
    guard state.canRelogin, !state.reloginPostponed, state.modal == nil else { return }
    state.modal = .relogin(password: TextInput(), problem: nil, busy: false)
}

/// Keys in the password dialog: type (masked), Enter logs in, Esc postpones.
func reloginKey(
    _ state: inout AppState, _ input: KeyInput, password: TextInput, problem: LocalizedText?, busy: Bool
) -> [Effect] {
    var password = password
    switch input {
    case .command(.cancel), .command(.back):
        state.modal = nil
        state.reloginPostponed = true
        state.notice = Notice(UIText.reloginPostponed, kind: .info, at: state.now)
        return []
    case .command(.confirm), .command(.open), .command(.save), .command(.nextField):
        guard !busy else { return [] }
        guard !password.text.isEmpty else {
            state.modal = .relogin(password: password, problem: UIText.passwordRequired, busy: false)
            return []
        }
        state.modal = .relogin(password: password, problem: nil, busy: true)
        return [.relogin(password: password.text)]
    default:
        // The last problem stays in view while the clerk types again.
        if !busy, edit(&password, input) {
            state.modal = .relogin(password: password, problem: problem, busy: false)
        }
        return []
    }
}

/// The login worked: close the dialog and confirm.
func reloginSucceeded(_ state: inout AppState) -> [Effect] {
    if case .relogin = state.modal { state.modal = nil }
    state.reloginPostponed = false
    if state.sync.connection == .loginRequired { state.sync.connection = .syncing }
    state.notice = Notice(UIText.reloginDone, kind: .success, at: state.now)
    return []
}

/// The login failed: say why and let the clerk try again (the typed password is cleared).
func reloginFailed(_ state: inout AppState, _ message: LocalizedText) -> [Effect] {
    guard case .relogin = state.modal else {
        state.notice = Notice(message, kind: .error, at: state.now)
        return []
    }
    state.modal = .relogin(password: TextInput(), problem: message, busy: false)
    return []
}

/// F5: reopens a postponed login, else asks for a round now.
func syncRequested(_ state: inout AppState) -> [Effect] {
    if let damage = state.storage.damage { return damagedReplicaSyncKey(&state, damage) }
    if state.sync.connection == .loginRequired, state.canRelogin {
        state.reloginPostponed = false
        askForPassword(&state)
        return []
    }
    state.notice = Notice(UIText.syncRequested, kind: .info, at: state.now)
    return [.syncNow] + reloadCurrent(&state)
}

// MARK: - Rejected operations

/// Opens the list of refused operations.
func openRejected(_ state: inout AppState) -> [Effect] {
    state.stack.append(.rejected(RejectedListState()))
    return [.loadRejected]
}

func rejectedLoaded(_ state: inout AppState, _ items: [RejectedItem]) -> [Effect] {
    for index in state.stack.indices {
        if case .rejected(var s) = state.stack[index] {
            s.items = items
            s.loading = false
            s.cursor = min(s.cursor, max(0, items.count - 1))
            state.stack[index] = .rejected(s)
        }
    }
    return []
}

/// Keys on the rejected list: move, open the case, send a change again or drop it, back.
func rejectedKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .rejected(var s) = state.screen else { return [] }
    let last = max(0, s.items.count - 1)
    switch input {
    case .command(.back), .command(.cancel), .command(.left): return goBack(&state)
    case .command(.down): s.cursor = min(last, s.cursor + 1)
    case .command(.up): s.cursor = max(0, s.cursor - 1)
    case .command(.first), .command(.pageUp): s.cursor = 0
    case .command(.last), .command(.pageDown): s.cursor = last
    case .command(.open):
        guard s.items.indices.contains(s.cursor) else { return [] }
        return openCase(&state, s.items[s.cursor].operation.caseID)
    case .command(.retryRejected):
        guard s.items.indices.contains(s.cursor) else { return [] }
        return [.retryRejected(s.items[s.cursor].operation.id, as: state.nextID())]
    case .command(.discardRejected):
        guard s.items.indices.contains(s.cursor) else { return [] }
        state.modal = .confirmDiscardRejected(s.items[s.cursor].operation.id)
        return []
    default: return []
    }
    state.screen = .rejected(s)
    return []
}

// MARK: - Conflicts

/// A case with open conflicts was loaded onto a fresh case screen: show the resolution screen.
func openConflictIfNeeded(_ state: inout AppState, _ detail: CaseDetail) {
    if case .conflict(var s) = state.screen, s.caseID == detail.value.id {
        guard !detail.value.conflicts.isEmpty else {
            state.stack.removeLast()
            return
        }
        s.detail = detail
        s.cursor = min(s.cursor, detail.value.conflicts.count - 1)
        state.screen = .conflict(s)
        return
    }
    guard !detail.value.conflicts.isEmpty, case .caseDetail(let s) = state.screen,
        s.caseID == detail.value.id, s.showedConflicts == false
    else { return }
    var shown = s
    shown.showedConflicts = true
    state.screen = .caseDetail(shown)
    state.stack.append(.conflict(ConflictState(detail: detail)))
}

/// Keys on the conflict screen: choose a field, keep mine, keep theirs, or type a new value.
/// Mine is the value this clerk wrote, whichever side of the conflict it is on.
func conflictKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .conflict(var s) = state.screen else { return [] }
    if var text = s.editing {
        switch input {
        case .command(.cancel), .command(.back):
            s.editing = nil
            s.problem = nil
        case .command(.confirm), .command(.open), .command(.save), .command(.nextField):
            guard let conflict = s.selected else { return [] }
            switch parsedValue(text.text, field: conflict.field, in: s.detail) {
            case .success(let value):
                s.editing = nil
                s.problem = nil
                state.screen = .conflict(s)
                return resolve(&state, s, conflict, value)
            case .failure(let problem):
                s.problem = problem.message
            }
        default:
            guard edit(&text, input) else { return [] }
            s.editing = text
            s.problem = nil
        }
        state.screen = .conflict(s)
        return []
    }
    let last = max(0, s.conflicts.count - 1)
    switch input {
    case .command(.back), .command(.cancel), .command(.left): return goBack(&state)
    case .command(.down): s.cursor = min(last, s.cursor + 1)
    case .command(.up): s.cursor = max(0, s.cursor - 1)
    case .command(.keepMine):
        guard let conflict = s.selected else { return [] }
        return resolve(&state, s, conflict, conflict.seen(by: state.clerk.id).own.value)
    case .command(.keepTheirs):
        guard let conflict = s.selected else { return [] }
        return resolve(&state, s, conflict, conflict.seen(by: state.clerk.id).other.value)
    case .command(.newValue), .command(.edit):
        guard let conflict = s.selected else { return [] }
        let sides = conflict.seen(by: state.clerk.id)
        let shown = (sides.own.value ?? sides.other.value).map {
            formatted($0, conflict.field, s.detail, state.language)
        }
        var text = TextInput()
        text.insert(shown ?? "")
        s.editing = text
    default: return []
    }
    state.screen = .conflict(s)
    return []
}

/// Records the resolution of one conflicting field, based on the version the clerk sees.
func resolve(_ state: inout AppState, _ s: ConflictState, _ conflict: FieldConflict, _ value: FieldValue?)
    -> [Effect]
{
    let operation = CaseModel.Operation(
        id: state.nextID(), caseID: s.caseID, baseVersion: s.detail.value.version, clerk: state.clerk.id,
        device: state.clerk.device, timestamp: state.now,
        kind: .resolveConflict(field: conflict.field, value: value))
    return [.recordOperations([operation])]
}

/// Reads a typed value with the form engine's rules for the field.
func parsedValue(_ text: String, field: String, in detail: CaseDetail) -> Result<FieldValue?, ParseProblem> {
    guard let definition = detail.service?.form.field(field) else {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return .success(trimmed.isEmpty ? nil : .text(trimmed))
    }
    switch FormEngine.parseOptional(input: text, for: definition) {
    case .success(let value): return .success(value)
    case .failure(let issue): return .failure(ParseProblem(message: issue.message))
    }
}

/// Why a typed value was not taken.
struct ParseProblem: Error {
    var message: LocalizedText
}

/// A value as the form shows it (the raw text when the field is unknown).
func formatted(_ value: FieldValue, _ field: String, _ detail: CaseDetail, _ language: Language) -> String {
    guard let definition = detail.service?.form.field(field) else { return "\(value)" }
    return FormEngine.format(value, for: definition, language: language)
}
