import CaseModel
import Foundation

extension CaseListState {
    /// Rows fetched per page.
    static let pageSize = 100
    /// The most rows kept loaded; beyond it the far end of the window is dropped.
    static let maxWindow = 300
    /// When the cursor comes this close to the end of the window, the next page is fetched.
    static let prefetchDistance = 30

    /// Rows of the list that fit on the screen (the body minus the title and the header).
    static func visibleRows(_ state: AppState) -> Int { max(1, state.bodyRows - 2) }

    /// A request for this list's rows in a direction.
    func request(_ direction: PageRequest.Direction, limit: Int) -> PageRequest {
        PageRequest(queueID: queue.id, filter: filter, sort: sort, direction: direction, limit: limit)
    }

    /// Moves `top` so the cursor stays on screen.
    mutating func keepCursorVisible(visible: Int) {
        if cursor < top { top = cursor }
        if cursor >= top + visible { top = cursor - visible + 1 }
        top = max(0, min(top, max(0, rows.count - visible)))
    }
}

/// Keys on a case list: move smoothly (pages load before they are needed), sort, filter, open.
func listKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .caseList(var s) = state.screen else { return [] }
    let visible = CaseListState.visibleRows(state)
    var effects: [Effect] = []
    switch input {
    case .command(.back), .command(.left):
        return goBack(&state)
    case .command(.down): s.cursor = min(max(0, s.rows.count - 1), s.cursor + 1)
    case .command(.up): s.cursor = max(0, s.cursor - 1)
    case .command(.pageDown): s.cursor = min(max(0, s.rows.count - 1), s.cursor + visible)
    case .command(.pageUp): s.cursor = max(0, s.cursor - visible)
    case .command(.first):
        if s.moreBefore {
            effects.append(restart(&s, .first))
        } else {
            s.cursor = 0
        }
    case .command(.last):
        if s.moreAfter {
            effects.append(restart(&s, .last))
        } else {
            s.cursor = max(0, s.rows.count - 1)
        }
    case .command(.sort):
        s.sort = s.sort == .due ? .received : .due
        effects.append(restart(&s, .first))
    case .command(.filter):
        s.filter.light = nextLight(s.filter.light)
        effects.append(restart(&s, .first))
    case .command(.refresh):
        effects.append(restart(&s, .first))
    case .command(.claim):
        guard s.rows.indices.contains(s.cursor) else { return [] }
        let row = s.rows[s.cursor]
        if let holder = row.claimedBy, holder != state.clerk.id {
            state.notice = Notice(Rejections.claimed(by: holder), kind: .error, at: state.now)
            return []
        }
        let operation = CaseModel.Operation(
            id: state.nextID(), caseID: row.id, baseVersion: row.version, clerk: state.clerk.id,
            device: state.clerk.device, timestamp: state.now,
            kind: .claim(until: state.now.addingTimeInterval(claimDuration)))
        return [.recordOperations([operation])]
    case .command(.open), .command(.right):
        guard s.rows.indices.contains(s.cursor) else { return [] }
        state.screen = .caseList(s)
        return openCase(&state, s.rows[s.cursor].id)
    default:
        return []
    }
    s.keepCursorVisible(visible: visible)
    if effects.isEmpty, let prefetch = prefetch(&s) { effects.append(prefetch) }
    state.screen = .caseList(s)
    return effects
}

/// The light filter cycles: all → red → yellow → green → all.
private func nextLight(_ light: SLALight?) -> SLALight? {
    switch light {
    case nil: .red
    case .red?: .yellow
    case .yellow?: .green
    default: nil
    }
}

/// Empties the window and asks for the first (or last) page again.
private func restart(_ s: inout CaseListState, _ direction: PageRequest.Direction) -> Effect {
    s.rows = []
    s.cursor = 0
    s.top = 0
    s.moreBefore = false
    s.moreAfter = false
    let request = s.request(direction, limit: CaseListState.pageSize)
    s.pending = request
    return .loadPage(request)
}

/// Asks for the next page when the cursor nears an end of the loaded window.
private func prefetch(_ s: inout CaseListState) -> Effect? {
    guard s.pending == nil else { return nil }
    if s.moreAfter, let last = s.rows.last, s.cursor >= s.rows.count - CaseListState.prefetchDistance {
        let request = s.request(.after(last.key), limit: CaseListState.pageSize)
        s.pending = request
        return .loadPage(request)
    }
    if s.moreBefore, let first = s.rows.first, s.cursor < CaseListState.prefetchDistance {
        let request = s.request(.before(first.key), limit: CaseListState.pageSize)
        s.pending = request
        return .loadPage(request)
    }
    return nil
}

/// Puts a loaded page into the list it was asked for; stale answers are dropped.
func pageLoaded(_ state: inout AppState, _ request: PageRequest, _ page: CasePage) -> [Effect] {
    guard case .caseList(var s) = state.screen, s.pending == request else { return [] }
    s.pending = nil
    let visible = CaseListState.visibleRows(state)
    switch request.direction {
    case .first:
        let keep = s.rows.indices.contains(s.cursor) ? s.rows[s.cursor].id : nil
        s.rows = page.rows
        s.moreBefore = false
        s.moreAfter = page.hasMore
        s.cursor = keep.flatMap { id in s.rows.firstIndex { $0.id == id } } ?? min(s.cursor, max(0, s.rows.count - 1))
    case .last:
        s.rows = page.rows
        s.moreBefore = page.hasMore
        s.moreAfter = false
        s.cursor = max(0, s.rows.count - 1)
        s.top = max(0, s.rows.count - visible)
    case .after:
        s.rows += page.rows
        s.moreAfter = page.hasMore
        let excess = s.rows.count - CaseListState.maxWindow
        if excess > 0 {
            s.rows.removeFirst(excess)
            s.cursor -= excess
            s.top -= excess
            s.moreBefore = true
        }
    case .before:
        s.rows = page.rows + s.rows
        s.cursor += page.rows.count
        s.top += page.rows.count
        s.moreBefore = page.hasMore
        let excess = s.rows.count - CaseListState.maxWindow
        if excess > 0 {
            s.rows.removeLast(excess)
            s.moreAfter = true
        }
    }
    s.cursor = max(0, min(s.cursor, s.rows.count - 1))
    s.keepCursorVisible(visible: visible)
    var effects: [Effect] = []
    if let next = prefetch(&s) { effects.append(next) }
    state.screen = .caseList(s)
    return effects
}
