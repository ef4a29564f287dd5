import CaseModel
import Foundation

extension NewCaseState {
    /// The services whose name (German or English) or id contains the query.
    func matchingServices(_ services: [ServiceDefinition], _ language: Language) -> [ServiceDefinition] {
        let query = serviceQuery.text.trimmingCharacters(in: .whitespaces).lowercased()
        let sorted = services.sorted { $0.title.text(language) < $1.title.text(language) }
        guard !query.isEmpty else { return sorted }
        return sorted.filter {
            $0.title.de.lowercased().contains(query) || $0.title.en.lowercased().contains(query)
                || $0.id.lowercased().contains(query)
        }
    }
}

/// Keys while starting a new case: service, then channel, then citizen.
func newCaseKey(_ state: inout AppState, _ input: KeyInput) -> [Effect] {
    guard case .newCase(var s) = state.screen else { return [] }
    switch s.step {
    case .service:
        let matches = s.matchingServices(state.services, state.language)
        switch input {
        case .command(.back), .command(.cancel): return goBack(&state)
        case .command(.down): s.serviceCursor = min(max(0, matches.count - 1), s.serviceCursor + 1)
        case .command(.up): s.serviceCursor = max(0, s.serviceCursor - 1)
        case .command(.open), .command(.confirm), .command(.nextField):
            guard matches.indices.contains(s.serviceCursor) else { return [] }
            s.serviceID = matches[s.serviceCursor].id
            s.step = .channel
            s.channelCursor = 0
        default:
            guard edit(&s.serviceQuery, input) else { return [] }
            s.serviceCursor = 0
        }
    case .channel:
        switch input {
        case .command(.back), .command(.cancel), .command(.previousField): s.step = .service
        case .command(.down): s.channelCursor = min(NewCaseState.channels.count - 1, s.channelCursor + 1)
        case .command(.up): s.channelCursor = max(0, s.channelCursor - 1)
        case .text(let t) where Int(t).map { (1...NewCaseState.channels.count).contains($0) } ?? false:
            s.channelCursor = (Int(t) ?? 1) - 1
        case .command(.open), .command(.confirm), .command(.nextField):
            let channel = NewCaseState.channels[s.channelCursor]
            guard let service = s.serviceID.flatMap(state.service), service.channels.contains(channel) else {
                let note = s.serviceID.flatMap(state.service)?.channelNote
                state.notice = Notice(note ?? UIText.channelNotOffered, kind: .error, at: state.now)
                return []
            }
            guard state.clerk.role.channels.contains(channel) else {
                state.notice = Notice(UIText.channelNotForRole, kind: .error, at: state.now)
                return []
            }
            s.channel = channel
            s.step = .citizen
        default: return []
        }
    case .citizen:
        switch input {
        case .command(.back), .command(.cancel), .command(.previousField): s.step = .channel
        case .command(.down): s.citizenCursor = min(s.citizens.count, s.citizenCursor + 1)
        case .command(.up): s.citizenCursor = max(0, s.citizenCursor - 1)
        case .command(.open), .command(.confirm), .command(.nextField):
            guard let serviceID = s.serviceID, let service = state.service(serviceID), let channel = s.channel
            else { return [] }
            let citizen = s.citizenCursor == 0 ? nil : s.citizens[s.citizenCursor - 1]
            state.stack.removeLast()
            return openNewCaseForm(&state, service, channel: channel, citizen: citizen)
        default:
            let before = s.citizenQuery.text
            guard edit(&s.citizenQuery, input) else { return [] }
            state.screen = .newCase(s)
            let query = s.citizenQuery.text.trimmingCharacters(in: .whitespaces)
            guard s.citizenQuery.text != before else { return [] }
            if query.count < minimumQueryLength {
                s.citizens = []
                s.citizensFor = query
                s.citizenCursor = 0
                state.screen = .newCase(s)
                return []
            }
            return [.searchCitizens(query: query)]
        }
    }
    state.screen = .newCase(s)
    return []
}

func citizensFound(_ state: inout AppState, _ query: String, _ citizens: [Citizen]) -> [Effect] {
    if case .phone = state.screen { return phoneCitizensFound(&state, query, citizens) }
    guard case .newCase(var s) = state.screen,
        s.citizenQuery.text.trimmingCharacters(in: .whitespaces) == query
    else { return [] }
    s.citizens = citizens
    s.citizensFor = query
    s.citizenCursor = min(s.citizenCursor, citizens.count)
    state.screen = .newCase(s)
    return []
}
