import CaseModel
import Foundation

/// How long a claim holds before it is released automatically.
let claimDuration: TimeInterval = ClaimPolicy.standard.duration

/// Opens the case screen and asks for the case.
func openCase(_ state: inout AppState, _ id: UUID) -> [Effect] {
    state.stack.append(.caseDetail(CaseDetailState(caseID: id)))
    return [.loadCase(id)]
}

func caseLoaded(_ state: inout AppState, _ detail: CaseDetail) -> [Effect] {
    for index in state.stack.indices {
        switch state.stack[index] {
        case .caseDetail(var s) where s.caseID == detail.value.id:
            s.detail = detail
            state.stack[index] = .caseDetail(s)
        case .caseList(var s):
            // Keep the list's row in step with what just changed in the case.
            if let row = s.rows.firstIndex(where: { $0.id == detail.value.id }) {
                s.rows[row].state = detail.stateLabel
                s.rows[row].claimedBy = detail.value.claim.flatMap {
                    $0.isActive(at: state.now) ? $0.clerk : nil
                }
                s.rows[row].light = detail.light
                s.rows[row].workingDaysLeft = detail.workingDaysLeft
                state.stack[index] = .caseList(s)
            }
        default: break
        }
    }
    openConflictIfNeeded(&state, detail)
    return []
}

/// Keys on the case screen: claim, release, move in the workflow, comment, edit, scroll.
func caseKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .caseDetail(var s) = state.screen else { return [] }
    switch input {
    case .command(.back), .command(.left):
        return goBack(&state)
    case .command(.down): s.scroll += 1
    case .command(.up): s.scroll = max(0, s.scroll - 1)
    case .command(.pageDown): s.scroll += max(1, state.bodyRows - 2)
    case .command(.pageUp): s.scroll = max(0, s.scroll - max(1, state.bodyRows - 2))
    case .command(.first): s.scroll = 0
    case .command(.claim):
        guard let detail = s.detail else { return [] }
        if let claim = detail.value.claim, claim.isActive(at: state.now), claim.clerk != state.clerk.id {
            state.notice = Notice(Rejections.claimed(by: claim.clerk), kind: .error, at: state.now)
            return []
        }
        return recordOnOpenCase(&state, .claim(until: state.now.addingTimeInterval(claimDuration)))
    case .command(.release):
        guard let claim = s.detail?.value.claim, claim.clerk == state.clerk.id else {
            state.notice = Notice(UIText.notClaimedByYou, kind: .error, at: state.now)
            return []
        }
        return recordOnOpenCase(&state, .release)
    case .command(.transition), .command(.open):
        guard let detail = s.detail else { return [] }
        if let claim = detail.value.claim, claim.isActive(at: state.now), claim.clerk != state.clerk.id {
            // Another clerk works on it: the central service would refuse the move.
            state.notice = Notice(Rejections.claimed(by: claim.clerk), kind: .error, at: state.now)
            return []
        }
        if detail.allowedTransitions.isEmpty {
            state.notice = Notice(UIText.noTransitions, kind: .info, at: state.now)
            return []
        }
        state.modal = .transitions(cursor: 0)
        return []
    case .command(.comment):
        guard s.detail != nil else { return [] }
        state.modal = .comment(TextInput())
        return []
    case .command(.edit):
        guard let detail = s.detail, let service = detail.service else { return [] }
        if !detail.value.conflicts.isEmpty {
            // Conflicting fields are settled first, on their own screen.
            state.stack.append(.conflict(ConflictState(detail: detail)))
            return []
        }
        return openEditForm(&state, detail, service)
    default:
        return []
    }
    state.screen = .caseDetail(s)
    return []
}

/// Keys in the list of workflow moves.
func transitionsKey(_ state: inout AppState, _ input: KeyInput, cursor: Int) -> [Effect] {
    guard case .caseDetail(let s) = state.screen, let detail = s.detail else {
        state.modal = nil
        return []
    }
    let moves = detail.allowedTransitions
    switch input {
    case .command(.down): state.modal = .transitions(cursor: min(moves.count - 1, cursor + 1))
    case .command(.up): state.modal = .transitions(cursor: max(0, cursor - 1))
    case .command(.cancel), .command(.back): state.modal = nil
    case .command(.confirm), .command(.open):
        guard moves.indices.contains(cursor) else { return [] }
        let move = moves[cursor]
        if move.reasonRequired {
            state.modal = .reason(transition: move, text: TextInput())
            return []
        }
        state.modal = nil
        return recordTransition(&state, move, reason: nil)
    default: break
    }
    return []
}

/// Records a workflow move of the open case. Moving a case on is working on it: a clerk who does
/// not hold its claim takes it with the same key, recorded first, so the case screen names who
/// works on it as soon as the move is stored — except for a move that closes the case.
func recordTransition(_ state: inout AppState, _ move: Transition, reason: String?) -> [Effect] {
    guard case .caseDetail(let s) = state.screen, let detail = s.detail else { return [] }
    let held = detail.value.claim.map { $0.clerk == state.clerk.id && $0.isActive(at: state.now) } ?? false
    let closes = detail.service?.workflow.isTerminal(move.to) ?? false
    var kinds: [OperationKind] = []
    if !held && !closes { kinds.append(.claim(until: state.now.addingTimeInterval(claimDuration))) }
    kinds.append(.transition(from: move.from, to: move.to, reason: reason))
    return recordOnOpenCase(&state, kinds)
}

/// Records one operation on the case of the case screen, based on the version the clerk sees.
func recordOnOpenCase(_ state: inout AppState, _ kind: OperationKind) -> [Effect] {
    recordOnOpenCase(&state, [kind])
}

/// Records operations on the case of the case screen in order, all based on the version the
/// clerk sees.
func recordOnOpenCase(_ state: inout AppState, _ kinds: [OperationKind]) -> [Effect] {
    guard case .caseDetail(let s) = state.screen, let detail = s.detail else { return [] }
    let operations = kinds.map { kind in
        CaseModel.Operation(
            id: state.nextID(), caseID: detail.value.id, baseVersion: detail.value.version,
            clerk: state.clerk.id, device: state.clerk.device, timestamp: state.now, kind: kind)
    }
    return [.recordOperations(operations)]
}

/// After the replica took operations: confirm, refresh, and leave a saved form.
func operationRecorded(_ state: inout AppState, _ operations: [CaseModel.Operation], pending: Int) -> [Effect]
{
    state.sync.pending = pending
    guard let first = operations.first else { return [] }
    let caseID = first.caseID
    // A save that waited for space on the disk: it may land while the clerk is elsewhere.
    let landed = landWaitingSave(&state, operations)
    var effects = landed?.1 ?? []
    let notice = savedNotice(&state, operations, waited: landed != nil)
    if case .form(let form) = state.screen, form.target.caseID == caseID,
        landed.map({ $0.0.origin == .form(draftKey: form.draftKey) }) ?? true
    {
        state.stack.removeLast()
        effects.append(.deleteDraft(key: form.draftKey))
        state.notice = notice
        if case .caseDetail(let s) = state.screen, s.caseID == caseID {
            effects.append(.loadCase(caseID))
        } else {
            effects += openCase(&state, caseID)
        }
        return effects
    }
    state.notice = notice
    return effects + [.loadCase(caseID)]
}

/// "Saved"; for a save that waited, once nothing waits any more, that there is space again.
private func savedNotice(_ state: inout AppState, _ operations: [CaseModel.Operation], waited: Bool) -> Notice
{
    if waited, !state.storage.somethingWaits, state.storage.fullSince != nil {
        state.storage.fullSince = nil
        return Notice(UIText.savedAfterDiskFull(operations), kind: .success, at: state.now)
    }
    return Notice(UIText.saved(operations), kind: .success, at: state.now)
}
