import CaseModel
import Foundation
import OfflineStore

extension CaseListState {
    /// Rows fetched per page.
    static let pageSize = 100
    /// The most pages kept loaded; beyond it the far end of the window is dropped.
    static let maxPages = 3
    /// When the cursor comes this close to an end of the window, the next page is fetched.
    static let prefetchDistance = 30

    /// Rows of the list that fit on the screen (the body minus the column header).
    static func visibleRows(_ state: AppState) -> Int { max(1, state.bodyRows - 1) }

    /// A request for a page of this list.
    func request(anchor: QueueCursor?, _ placement: PageRequest.Placement) -> PageRequest {
        PageRequest(
            queueID: queue.id, filter: filter, sort: sort, anchor: anchor, limit: CaseListState.pageSize,
            placement: placement)
    }

    /// Moves `top` so the cursor stays on screen.
    mutating func keepCursorVisible(visible: Int) {
        if cursor < top { top = cursor }
        if cursor >= top + visible { top = cursor - visible + 1 }
        top = max(0, min(top, max(0, rows.count - visible)))
    }

    /// Empties the window and asks for the first page again.
    mutating func restart() -> Effect {
        rows = []
        pages = []
        moreBefore = false
        cursor = 0
        top = 0
        moreAfter = false
        let request = request(anchor: nil, .replace)
        pending = request
        return .loadPage(request)
    }

    /// Asks for the next page when the cursor nears an end of the loaded window: after its last
    /// row, or before its first row (read backwards).
    mutating func prefetch() -> Effect? {
        guard pending == nil else { return nil }
        if moreAfter, let last = rows.last, cursor >= rows.count - CaseListState.prefetchDistance {
            let request = request(anchor: last.key, .append)
            pending = request
            return .loadPage(request)
        }
        if moreBefore, let first = rows.first, cursor < CaseListState.prefetchDistance {
            let request = request(anchor: first.key, .prepend)
            pending = request
            return .loadPage(request)
        }
        return nil
    }

    /// Goes to the list's first row: at once when the window starts there, otherwise by loading
    /// the first page (the rows stay on screen until it arrives).
    mutating func goToStart() -> Effect? {
        guard moreBefore else {
            cursor = 0
            return nil
        }
        let request = request(anchor: nil, .first)
        pending = request
        return .loadPage(request)
    }

    /// Goes to the list's real last row: at once when the window reaches the end, otherwise by
    /// loading the last page (the sort order read backwards, no offset).
    mutating func goToEnd() -> Effect? {
        guard moreAfter else {
            cursor = max(0, rows.count - 1)
            return nil
        }
        let request = request(anchor: nil, .last)
        pending = request
        return .loadPage(request)
    }
}

/// The filters the list's filter key offers: all, assigned to me, with conflicts, one per service.
func listFilters(_ state: AppState, base: QueueFilter) -> [(label: LocalizedText, filter: QueueFilter)] {
    var out: [(LocalizedText, QueueFilter)] = [
        (LocalizedText(de: "Alle Vorgänge des Korbs", en: "All cases of the queue"), base)
    ]
    var mine = base
    mine.assignee = state.clerk.id
    out.append((LocalizedText(de: "Mir zugewiesen", en: "Assigned to me"), mine))
    var conflicts = base
    conflicts.conflictsOnly = true
    out.append((LocalizedText(de: "Mit Konflikten", en: "With conflicts"), conflicts))
    if base.serviceID == nil {
        for service in state.services.sorted(by: { $0.title.de < $1.title.de }) {
            var only = base
            only.serviceID = service.id
            out.append(
                (LocalizedText(de: "Nur " + service.title.de, en: "Only " + service.title.en), only))
        }
    }
    return out
}

/// Keys on a case list: move smoothly (pages load before they are needed), jump to the first or
/// the last row of the whole queue, sort, filter, open.
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
        if let effect = s.goToStart() { effects.append(effect) }
    case .command(.last):
        if let effect = s.goToEnd() { effects.append(effect) }
    case .command(.sort):
        switch s.sort {
        case .dueDate: s.sort = .receivedNewestFirst
        case .receivedNewestFirst: s.sort = .receivedOldestFirst
        case .receivedOldestFirst: s.sort = .dueDate
        }
        effects.append(s.restart())
    case .command(.filter):
        state.screen = .caseList(s)
        state.modal = .filter(cursor: 0)
        return []
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
    if effects.isEmpty, let prefetch = s.prefetch() { effects.append(prefetch) }
    state.screen = .caseList(s)
    return effects
}

/// Keys in the filter choice of a case list.
func filterKey(_ state: inout AppState, _ input: KeyInput, cursor: Int) -> [Effect] {
    guard case .caseList(var s) = state.screen else {
        state.modal = nil
        return []
    }
    let options = listFilters(state, base: s.queue.filter)
    switch input {
    case .command(.down): state.modal = .filter(cursor: min(options.count - 1, cursor + 1))
    case .command(.up): state.modal = .filter(cursor: max(0, cursor - 1))
    case .command(.cancel), .command(.back), .command(.no): state.modal = nil
    case .command(.confirm), .command(.open), .command(.yes):
        state.modal = nil
        guard options.indices.contains(cursor) else { return [] }
        s.filter = options[cursor].filter
        let effect = s.restart()
        state.screen = .caseList(s)
        return [effect]
    default: break
    }
    return []
}

/// Puts a loaded page into the list it was asked for; stale answers are dropped.
func pageLoaded(_ state: inout AppState, _ request: PageRequest, _ page: CasePage) -> [Effect] {
    guard case .caseList(var s) = state.screen, s.pending == request else { return [] }
    s.pending = nil
    let visible = CaseListState.visibleRows(state)
    switch request.placement {
    case .replace:
        let keep = s.rows.indices.contains(s.cursor) ? s.rows[s.cursor].id : nil
        s.rows = page.rows
        s.pages = [page.rows.count]
        s.moreBefore = false
        s.moreAfter = page.hasMore
        s.cursor = keep.flatMap { id in s.rows.firstIndex { $0.id == id } } ?? 0
    case .first:
        s.rows = page.rows
        s.pages = [page.rows.count]
        s.moreBefore = false
        s.moreAfter = page.hasMore
        s.cursor = 0
        s.top = 0
    case .last:
        s.rows = page.rows
        s.pages = [page.rows.count]
        s.moreBefore = page.hasMore
        s.moreAfter = false
        s.cursor = page.rows.count - 1
    case .append:
        s.rows += page.rows
        s.pages.append(page.rows.count)
        s.moreAfter = page.hasMore
        if s.pages.count > CaseListState.maxPages {
            let first = s.pages.removeFirst()
            s.rows.removeFirst(first)
            s.moreBefore = true
            s.cursor -= first
            s.top -= first
        }
    case .prepend:
        s.rows = page.rows + s.rows
        s.pages.insert(page.rows.count, at: 0)
        s.moreBefore = page.hasMore
        s.cursor += page.rows.count
        s.top += page.rows.count
        if s.pages.count > CaseListState.maxPages {
            let last = s.pages.removeLast()
            s.rows.removeLast(last)
            s.moreAfter = true
        }
    }
    s.cursor = max(0, min(s.cursor, s.rows.count - 1))
    s.keepCursorVisible(visible: visible)
    var effects: [Effect] = []
    if let next = s.prefetch() { effects.append(next) }
    state.screen = .caseList(s)
    return effects
}
