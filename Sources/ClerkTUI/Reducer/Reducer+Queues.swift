import CaseModel
import Foundation

func queuesLoaded(_ state: inout AppState, _ queues: [QueueSummary], _ drafts: [DraftSummary]) -> [Effect] {
    for index in state.stack.indices {
        if case .queues(var s) = state.stack[index] {
            s.queues = queues
            s.drafts = drafts
            s.loading = false
            s.cursor = min(s.cursor, max(0, s.itemCount - 1))
            state.stack[index] = .queues(s)
        }
    }
    return []
}

/// Keys on the queue overview: move, open a queue or resume a draft.
func queuesKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .queues(var s) = state.screen else { return [] }
    let last = max(0, s.itemCount - 1)
    switch input {
    case .command(.down): s.cursor = min(last, s.cursor + 1)
    case .command(.up): s.cursor = max(0, s.cursor - 1)
    case .command(.first), .command(.pageUp): s.cursor = 0
    case .command(.last), .command(.pageDown): s.cursor = last
    case .command(.open), .command(.right):
        state.screen = .queues(s)
        if s.cursor < s.queues.count {
            return openQueue(&state, s.queues[s.cursor])
        }
        let draftIndex = s.cursor - s.queues.count
        guard s.drafts.indices.contains(draftIndex) else { return [] }
        return resumeDraft(&state, s.drafts[draftIndex].draft)
    default: return []
    }
    state.screen = .queues(s)
    return []
}

/// Opens a queue's case list and asks for its first page.
func openQueue(_ state: inout AppState, _ queue: QueueSummary) -> [Effect] {
    var list = CaseListState(queue: queue)
    let effect = list.restart()
    state.stack.append(.caseList(list))
    return [effect]
}
