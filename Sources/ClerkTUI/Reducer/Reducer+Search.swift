import CaseModel
import Foundation

/// Queries shorter than this are not sent (a single letter matches half the city).
let minimumQueryLength = 2

/// Keys on the search screen: typing searches at once; up/down/Enter pick a result.
func searchKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .search(var s) = state.screen else { return [] }
    switch input {
    case .command(.back), .command(.cancel):
        return goBack(&state)
    case .command(.down): s.cursor = min(max(0, s.results.count - 1), s.cursor + 1)
    case .command(.up): s.cursor = max(0, s.cursor - 1)
    case .command(.pageDown): s.cursor = min(max(0, s.results.count - 1), s.cursor + state.bodyRows - 4)
    case .command(.pageUp): s.cursor = max(0, s.cursor - (state.bodyRows - 4))
    case .command(.open), .command(.confirm):
        guard s.results.indices.contains(s.cursor) else { return [] }
        state.screen = .search(s)
        return openCase(&state, s.results[s.cursor].id)
    default:
        let before = s.query.text
        guard edit(&s.query, input) else { return [] }
        state.screen = .search(s)
        return s.query.text == before ? [] : searchQueryChanged(&state)
    }
    state.screen = .search(s)
    return []
}

/// Sends the new query, or clears the results when it is too short.
private func searchQueryChanged(_ state: inout AppState) -> [Effect] {
    guard case .search(var s) = state.screen else { return [] }
    let query = s.query.text.trimmingCharacters(in: .whitespaces)
    if query.count < minimumQueryLength {
        s.results = []
        s.resultsFor = query
        s.cursor = 0
        state.screen = .search(s)
        return []
    }
    return [.search(query: query)]
}

func searchResultsArrived(_ state: inout AppState, _ query: String, _ hits: [SearchHit]) -> [Effect] {
    for index in state.stack.indices {
        if case .search(var s) = state.stack[index],
            s.query.text.trimmingCharacters(in: .whitespaces) == query
        {
            s.results = hits
            s.resultsFor = query
            s.cursor = min(s.cursor, max(0, hits.count - 1))
            state.stack[index] = .search(s)
        }
    }
    return []
}
