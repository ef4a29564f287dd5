import CaseModel
import Foundation
import TerminalKit

/// What a key means in the current context: a command, or text for the focused input.
public enum KeyInput: Hashable, Sendable {
    case command(Command)
    case text(String)
    case ignored
}

/// Changes the state for one action and returns the effects to run. Pure: no I/O, no clock,
/// no randomness (ids come from the state's id source).
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .started:
        return [.loadQueues, .loadCallbacks, .loadPhoneDraft, .checkReplica]
    case .keyPressed(let event):
        if state.lock != nil { return lockedKey(&state, event) }
        state.lastKeyAt = state.now
        if state.keyInput(for: event) == .command(.lock) { return lockNow(&state) }
        var formBefore: FormState?
        if case .form(let form) = state.screen { formBefore = form }
        let effects = reduceKey(&state, state.keyInput(for: event))
        return storageAfterKey(&state, formBefore: formBefore, effects: effects)
    case .resized(let size):
        state.size = size
        clampScrolling(&state)
        return []
    case .tick(let now):
        state.now = now
        lockOnTick(&state)
        if let notice = state.notice, now.timeIntervalSince(notice.at) > Notice.lifetime {
            state.notice = nil
        }
        announceDueCallbacks(&state)
        return retryOnTick(&state)
    case .queuesLoaded(let queues, let drafts):
        return queuesLoaded(&state, queues, drafts)
    case .pageLoaded(let request, let page):
        return pageLoaded(&state, request, page)
    case .caseLoaded(let detail):
        return caseLoaded(&state, detail)
    case .caseNotFound(let id):
        if case .caseDetail(let s) = state.screen, s.caseID == id {
            state.stack.removeLast()
            state.notice = Notice(UIText.caseNotFound, kind: .error, at: state.now)
        }
        return []
    case .searchResultsArrived(let query, let hits):
        return searchResultsArrived(&state, query, hits)
    case .citizensFound(let query, let citizens):
        return citizensFound(&state, query, citizens)
    case .draftSaved(let key, let at):
        return draftSaved(&state, key: key, at: at)
    case .draftLoaded(let draft, let key):
        return draftLoaded(&state, draft, key: key)
    case .operationRecorded(let operations, let pending):
        return operationRecorded(&state, operations, pending: pending)
    case .operationsNotSaved(let operations, let failure):
        return operationsNotSaved(&state, operations, failure)
    case .draftNotSaved(let draft, let failure):
        return draftNotSaved(&state, draft, failure)
    case .lockRequested:
        return lockNow(&state)
    case .unlockChecked(let answer, let at):
        return unlockChecked(&state, answer, at: at)
    case .effectFailed(let message):
        state.notice = Notice(message, kind: .error, at: state.now)
        return []
    case .replicaDamaged(let detail):
        return damageFound(&state, detail: detail)
    case .rescueSaved(let summary):
        return rescueSaved(&state, summary)
    case .rescueFailed(let message):
        return rescueFailed(&state, message)
    case .replicaRebuilt(let damagedFile, let requeued):
        return replicaRebuilt(&state, damagedFile: damagedFile, requeued: requeued)
    case .rebuildFailed(let message):
        return rebuildFailed(&state, message)
    case .syncStatusChanged(let status):
        return syncStatusChanged(&state, status)
    case .syncCountsLoaded(let pending, let conflicts, let rejected, let lastSync):
        state.sync.pending = pending
        state.sync.conflicts = conflicts
        state.sync.rejected = rejected
        state.sync.lastSync = lastSync ?? state.sync.lastSync
        return []
    case .remoteChangesArrived:
        return reloadAfterSync(&state)
    case .reloginSucceeded:
        return reloginSucceeded(&state)
    case .reloginFailed(let message):
        return reloginFailed(&state, message)
    case .rejectedLoaded(let items):
        return rejectedLoaded(&state, items)
    case .rejectedHandled(let notice, let items):
        state.notice = Notice(notice, kind: .success, at: state.now)
        return rejectedLoaded(&state, items) + [.syncNow]
    case .callbacksLoaded(let callbacks, let today):
        state.phoneDesk.callbacks = callbacks
        state.phoneDesk.today = today
        return []
    case .phoneDraftLoaded(let draft):
        return phoneDraftLoaded(&state, draft)
    case .callRecorded:
        return [.loadCallbacks]
    }
}

/// Routes a key to the open dialog, else to the screen, after the global commands.
func reduceKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard state.fitsTerminal else {
        // Only quitting works while the terminal is too small; nothing is drawn to act on.
        if input == .command(.quit) { return requestQuit(&state) }
        return []
    }
    if state.modal != nil { return reduceModalKey(&state, input) }
    switch input {
    case .ignored:
        return []
    case .command(.quit):
        return requestQuit(&state)
    case .command(.back) where state.stack.count == 1:
        // F3 on the top screen leaves the workstation, as in ISPF.
        return requestQuit(&state)
    case .command(.redraw):
        return [.redraw]
    case .command(.help) where !state.screen.isForm && !state.screen.isPhone, .command(.menu):
        state.modal = .help(offset: 0)
        return []
    case .command(.phoneCall):
        return startPhone(&state)
    case .command(.search) where !state.screen.isSearch:
        state.stack.append(.search(SearchState()))
        return []
    case .command(.newCase) where !state.screen.isForm:
        state.stack.append(.newCase(NewCaseState()))
        return []
    case .command(.sync):
        return syncRequested(&state)
    case .command(.rejected) where state.stack.count == 1:
        return openRejected(&state)
    default:
        break
    }
    switch state.screen {
    case .queues: return queuesKey(&state, input)
    case .caseList: return listKey(&state, input)
    case .caseDetail: return caseKey(&state, input)
    case .form: return formKey(&state, input)
    case .search: return searchKey(&state, input)
    case .newCase: return newCaseKey(&state, input)
    case .conflict: return conflictKey(&state, input)
    case .rejected: return rejectedKey(&state, input)
    case .phone: return phoneKey(&state, input)
    }
}

/// Leaves the current screen; the overview is never left this way.
func goBack(_ state: inout AppState) -> [Effect] {
    guard state.stack.count > 1 else { return [] }
    state.stack.removeLast()
    return reloadCurrent(&state)
}

/// Refreshes what the screen shows after returning to it (counts and rows may have changed).
func reloadCurrent(_ state: inout AppState) -> [Effect] {
    switch state.screen {
    case .queues: return [.loadQueues]
    case .caseDetail(let s): return [.loadCase(s.caseID)]
    case .conflict(let s): return [.loadCase(s.caseID)]
    case .rejected: return [.loadRejected]
    default: return []
    }
}

/// After a sync round brought changes: the screen's data (and the overview's counts) again.
func reloadAfterSync(_ state: inout AppState) -> [Effect] {
    if case .caseList(var s) = state.screen, s.cursor == 0, !s.moreBefore, s.pending == nil {
        let effect = s.restart()
        state.screen = .caseList(s)
        return [effect]
    }
    return reloadCurrent(&state)
}

/// Quits at once, or asks first when a form holds typed text not yet saved as a case, or
/// something typed waits for space on the disk.
func requestQuit(_ state: inout AppState) -> [Effect] {
    if state.stack.contains(where: \.hasUnsavedForm) || state.storage.somethingWaits {
        state.modal = .confirmQuit
        return []
    }
    state.quitting = true
    return [.quit]
}

/// Keeps scroll positions valid after a resize.
func clampScrolling(_ state: inout AppState) {
    let visible = CaseListState.visibleRows(state)
    for index in state.stack.indices {
        if case .caseList(var s) = state.stack[index] {
            s.keepCursorVisible(visible: visible)
            state.stack[index] = .caseList(s)
        }
    }
}

extension Notice {
    /// How long a notice stays in the message line.
    static let lifetime: TimeInterval = 6
}

extension Screen {
    var isForm: Bool {
        if case .form = self { return true }
        return false
    }
    var isPhone: Bool {
        if case .phone = self { return true }
        return false
    }
    var isSearch: Bool {
        if case .search = self { return true }
        return false
    }
    /// Whether this is a form with text typed since it was opened.
    var hasUnsavedForm: Bool {
        if case .form(let f) = self { return f.edited }
        return false
    }
}

extension AppState {
    /// Applies a change to the form with this draft key, wherever it is on the stack.
    mutating func updateForm(key: String, _ change: (inout FormState) -> Void) {
        for index in stack.indices {
            if case .form(var f) = stack[index], f.draftKey == key {
                change(&f)
                stack[index] = .form(f)
            }
        }
    }

    /// A new unique id: the session's random base with a counter mixed in.
    mutating func nextID() -> UUID {
        idCounter += 1
        var bytes = idBase.uuid
        var n = idCounter
        withUnsafeMutableBytes(of: &bytes) { raw in
            for i in stride(from: 15, through: 10, by: -1) {
                raw[i] ^= UInt8(truncatingIfNeeded: n)
                n >>= 8
            }
        }
        return UUID(uuid: bytes)
    }
}
