import CaseModel
import Foundation

// MARK: - Saves the replica did not take

/// The replica did not take operations: on a full disk they wait (and what was typed stays on
/// screen); on a damaged replica they are refused and the rescue starts; a refusal is said.
func operationsNotSaved(
    _ state: inout AppState, _ operations: [CaseModel.Operation], _ failure: WriteFailure
) -> [Effect] {
    let ids = operations.map(\.id)
    let retried = state.storage.waiting.contains { $0.ids == ids }
    switch failure {
    case .diskFull:
        state.storage.fullSince = state.storage.fullSince ?? state.now
        state.storage.lastRetry = state.now
        guard !retried else { return [] }
        state.storage.waiting.append(
            WaitingSave(origin: saveOrigin(state, operations), operations: operations))
        if reopenDialog(&state, operations) { state.storage.reopenedSave = ids }
        state.notice = Notice(UIText.diskFull, kind: .error, at: state.now)
        return []
    case .damaged(let detail):
        if !retried { reopenDialog(&state, operations) }
        let effects = damageFound(&state, detail: detail)
        state.notice = Notice(UIText.changeRefusedDamaged, kind: .error, at: state.now)
        return effects
    case .refused(let message):
        if retried {
            state.storage.waiting.removeAll { $0.ids == ids }
            if state.storage.reopenedSave == ids { state.storage.reopenedSave = nil }
            if !state.storage.somethingWaits { state.storage.fullSince = nil }
        } else {
            reopenDialog(&state, operations)
        }
        state.notice = Notice(message, kind: .error, at: state.now)
        return []
    }
}

/// The replica did not take a draft: on a full disk it is kept here and saved once there is space.
func draftNotSaved(_ state: inout AppState, _ draft: UnsavedDraft, _ failure: WriteFailure) -> [Effect] {
    switch failure {
    case .diskFull:
        state.storage.fullSince = state.storage.fullSince ?? state.now
        state.storage.lastRetry = state.now
        if state.storage.unsavedDrafts[draft.key] == nil {
            state.notice = Notice(UIText.diskFull, kind: .error, at: state.now)
        }
        state.storage.unsavedDrafts[draft.key] = draft
        return []
    case .damaged(let detail):
        return damageFound(&state, detail: detail)
    case .refused(let message):
        state.notice = Notice(message, kind: .error, at: state.now)
        return []
    }
}

/// A draft landed: it no longer waits; once nothing waits, the disk is not full any more.
func draftSaved(_ state: inout AppState, key: String, at time: Date) -> [Effect] {
    state.updateForm(key: key) { $0.draftSavedAt = time }
    guard state.storage.unsavedDrafts.removeValue(forKey: key) != nil else { return [] }
    if !state.storage.somethingWaits, state.storage.fullSince != nil {
        state.storage.fullSince = nil
        state.notice = Notice(UIText.spaceAgain, kind: .success, at: state.now)
    }
    return []
}

/// Where a save was made: the form on top (if it writes to the same case), else the case screen.
func saveOrigin(_ state: AppState, _ operations: [CaseModel.Operation]) -> WaitingSave.Origin {
    if case .form(let form) = state.screen, form.target.caseID == operations.first?.caseID {
        return .form(draftKey: form.draftKey)
    }
    return .caseScreen
}

/// Shows a note or a reason that was not saved in its dialog again, so the text stays on screen;
/// true if it did.
@discardableResult
func reopenDialog(_ state: inout AppState, _ operations: [CaseModel.Operation]) -> Bool {
    guard state.modal == nil, operations.count == 1, let operation = operations.first,
        case .caseDetail(let s) = state.screen, s.caseID == operation.caseID
    else { return false }
    switch operation.kind {
    case .addComment(let text):
        state.modal = .comment(TextInput(text))
        return true
    case .transition(let from, let to, let reason?):
        guard let move = s.detail?.allowedTransitions.first(where: { $0.from == from && $0.to == to }) else {
            return false
        }
        state.modal = .reason(transition: move, text: TextInput(reason))
        return true
    default:
        return false
    }
}

/// A save that waited has landed: it leaves the waiting list (closing the dialog that showed it,
/// dropping the draft of a form no longer on top); returns it.
func landWaitingSave(_ state: inout AppState, _ operations: [CaseModel.Operation]) -> (WaitingSave, [Effect])?
{
    let ids = operations.map(\.id)
    guard let index = state.storage.waiting.firstIndex(where: { $0.ids == ids }) else { return nil }
    let save = state.storage.waiting.remove(at: index)
    var effects: [Effect] = []
    if state.storage.reopenedSave == ids {
        state.storage.reopenedSave = nil
        switch state.modal {
        case .comment?, .reason?: state.modal = nil
        default: break
        }
    }
    if case .form(let key) = save.origin {
        state.storage.unsavedDrafts[key] = nil
        var onTop = false
        if case .form(let form) = state.screen { onTop = form.draftKey == key }
        if !onTop { effects.append(.deleteDraft(key: key)) }
    }
    return (save, effects)
}

/// After a key: a form changed since its save failed no longer has that save waiting (saving it
/// now would drop what was typed since), a new save of a form replaces its waiting one, and
/// whatever waits is tried again.
func storageAfterKey(_ state: inout AppState, formBefore: FormState?, effects: [Effect]) -> [Effect] {
    guard !state.storage.waiting.isEmpty || !state.storage.unsavedDrafts.isEmpty else { return effects }
    if let before = formBefore {
        let changed = state.stack.contains { screen in
            guard case .form(let after) = screen, after.draftKey == before.draftKey else { return false }
            return after.texts != before.texts || after.rowCounts != before.rowCounts
        }
        let savedAgain = effects.contains { if case .recordOperations = $0 { true } else { false } }
        if changed || savedAgain {
            state.storage.waiting.removeAll { $0.origin == .form(draftKey: before.draftKey) }
        }
    }
    guard state.storage.damage == nil, state.storage.somethingWaits else { return effects }
    return effects + retryWaiting(&state)
}

/// The clock tries waiting saves again every `StorageState.retryInterval`.
func retryOnTick(_ state: inout AppState) -> [Effect] {
    guard state.storage.somethingWaits, state.storage.damage == nil else { return [] }
    if let last = state.storage.lastRetry, state.now.timeIntervalSince(last) < StorageState.retryInterval {
        return []
    }
    return retryWaiting(&state)
}

/// Tries every waiting save and draft again (a draft as its form shows it now, if it is open).
func retryWaiting(_ state: inout AppState) -> [Effect] {
    state.storage.lastRetry = state.now
    var effects = state.storage.waiting.map { Effect.recordOperations($0.operations) }
    let now = state.now
    for (key, unsaved) in state.storage.unsavedDrafts.sorted(by: { $0.key < $1.key }) {
        switch unsaved {
        case .form(let stored):
            let open = state.stack.lazy.compactMap { screen -> FormDraft? in
                guard case .form(let form) = screen, form.draftKey == key else { return nil }
                return form.draft(at: now)
            }.first
            effects.append(.saveDraft(open ?? stored))
        case .call(let stored):
            let open = state.stack.lazy.compactMap { screen -> PhoneCallDraft? in
                guard case .phone(let s) = screen else { return nil }
                return PhoneCallDraft(s, at: now)
            }.first
            effects.append(.savePhoneDraft(open ?? stored))
        }
    }
    return effects
}

/// Leaving the reopened dialog: its save waits on its own.
func leaveReopenedDialog(_ state: inout AppState) {
    state.storage.reopenedSave = nil
}

/// Confirming the reopened dialog: the new save replaces the one it showed.
func replaceReopenedSave(_ state: inout AppState) {
    guard let ids = state.storage.reopenedSave else { return }
    state.storage.waiting.removeAll { $0.ids == ids }
    state.storage.reopenedSave = nil
}

// MARK: - A damaged replica

/// Damage was found: no more writes go to the replica; its outbox and drafts, with what only
/// the screen holds, are saved to a file. Said once.
func damageFound(_ state: inout AppState, detail: String) -> [Effect] {
    guard state.storage.damage == nil else { return [] }
    state.storage.damage = ReplicaDamageState(detail: detail)
    state.notice = Notice(UIText.replicaDamaged, kind: .error, at: state.now)
    return [.saveRescue(openWork(state))]
}

/// What only the screen holds: the drafts of the open forms and of the call, drafts and saves that
/// wait for space.
func openWork(_ state: AppState) -> OpenWork {
    var work = OpenWork(waiting: state.storage.waiting.flatMap(\.operations))
    var keys = Set<String>()
    for screen in state.stack {
        switch screen {
        case .form(let form):
            work.forms.append(form.draft(at: state.now))
            keys.insert(form.draftKey)
        case .phone(let s):
            if let call = PhoneCallDraft(s, at: state.now) { work.call = call }
        default:
            break
        }
    }
    for (key, unsaved) in state.storage.unsavedDrafts.sorted(by: { $0.key < $1.key }) {
        switch unsaved {
        case .form(let draft) where !keys.contains(key): work.forms.append(draft)
        case .call(let call) where work.call == nil: work.call = call
        default: break
        }
    }
    return work
}

func rescueSaved(_ state: inout AppState, _ summary: RescueSummary) -> [Effect] {
    guard var damage = state.storage.damage else { return [] }
    damage.rescue = .saved(summary)
    state.storage.damage = damage
    state.notice = Notice(UIText.rescueSaved(summary), kind: .error, at: state.now)
    // The offer to rebuild; a dialog with text in it is not pushed aside (F5 offers it again).
    if state.modal == nil { state.modal = .rebuildReplica }
    return []
}

func rescueFailed(_ state: inout AppState, _ message: LocalizedText) -> [Effect] {
    guard var damage = state.storage.damage else { return [] }
    damage.rescue = .failed(message)
    state.storage.damage = damage
    state.notice = Notice(UIText.rescueFailed(message), kind: .error, at: state.now)
    return []
}

/// F5 on a damaged replica: the offer to rebuild it (or another attempt at the rescue).
func damagedReplicaSyncKey(_ state: inout AppState, _ damage: ReplicaDamageState) -> [Effect] {
    switch damage.rescue {
    case .saved:
        if !damage.rebuilding { state.modal = .rebuildReplica }
        return []
    case .failed:
        var again = damage
        again.rescue = .saving
        state.storage.damage = again
        return [.saveRescue(openWork(state))]
    case .saving:
        return []
    }
}

/// Keys in the dialog that offers the rebuild.
func rebuildDialogKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    switch confirmation(input) {
    case .yes?:
        state.modal = nil
        guard var damage = state.storage.damage, case .saved(let summary) = damage.rescue, !damage.rebuilding
        else { return [] }
        damage.rebuilding = true
        state.storage.damage = damage
        state.notice = Notice(UIText.rebuilding, kind: .info, at: state.now)
        return [.rebuildReplica(rescueFile: summary.path, openWork(state))]
    case .no?:
        state.modal = nil
        state.notice = Notice(UIText.rebuildLater, kind: .info, at: state.now)
        return []
    case nil:
        return []
    }
}

/// A fresh replica holds the rescued operations: back to the overview (open forms and the call
/// stay), and a sync round pulls the cases and sends the operations.
func replicaRebuilt(_ state: inout AppState, damagedFile: String, requeued: Int) -> [Effect] {
    state.storage = StorageState()
    if state.modal == .rebuildReplica { state.modal = nil }
    let open = state.stack.filter { $0.isForm || $0.isPhone }
    state.stack = [.queues(QueueOverviewState())] + open
    state.notice = Notice(
        UIText.rebuilt(requeued: requeued, damagedFile: damagedFile), kind: .success, at: state.now)
    return [.loadQueues, .loadCallbacks, .syncNow]
}

func rebuildFailed(_ state: inout AppState, _ message: LocalizedText) -> [Effect] {
    if var damage = state.storage.damage {
        damage.rebuilding = false
        state.storage.damage = damage
    }
    state.notice = Notice(UIText.rebuildFailed(message), kind: .error, at: state.now)
    return []
}
