import CaseModel
import Yams

extension NodeReader {
    /// Reads `workflow:` with `initial`, `states` and `transitions`, and checks that they fit together.
    mutating func workflow(_ node: Node) -> Workflow? {
        let keys = ["initial", "states", "transitions"]
        guard let entries = mapping(node, what: "workflow", allowed: keys, required: keys) else { return nil }
        let before = problems.count
        var states: [WorkflowState] = []
        for (index, item) in (entries["states"].flatMap { sequence($0, what: "workflow.states") } ?? [])
            .enumerated()
        {
            let what = "workflow.states[\(index + 1)]"
            guard
                let e = mapping(
                    item, what: what, allowed: ["id", "label", "terminal", "pauses_sla"],
                    required: ["id", "label"]),
                let id = string(e["id"], what: "\(what).id"),
                let label = localized(e["label"], what: "\(what).label")
            else { continue }
            if states.contains(where: { $0.id == id }) {
                report(
                    at: e["id"], de: "\(what): der Zustand „\(id)“ steht doppelt.",
                    en: "\(what): state '\(id)' is listed twice.")
            }
            states.append(
                WorkflowState(
                    id: id, label: label, terminal: bool(e["terminal"], what: "\(what).terminal") ?? false,
                    pausesSLA: bool(e["pauses_sla"], what: "\(what).pauses_sla") ?? false))
        }
        let stateIDs = Set(states.map(\.id))
        let initial = string(entries["initial"], what: "workflow.initial")
        if let initial, !stateIDs.contains(initial) {
            report(
                at: entries["initial"], de: "workflow.initial: unbekannter Zustand „\(initial)“.",
                en: "workflow.initial: unknown state '\(initial)'.")
        }
        if !states.isEmpty, !states.contains(where: \.terminal) {
            report(
                at: entries["states"], de: "workflow.states: mindestens ein Zustand muss terminal sein.",
                en: "workflow.states: at least one state must be terminal.")
        }
        var transitions: [Transition] = []
        let items = entries["transitions"].flatMap { sequence($0, what: "workflow.transitions") } ?? []
        for (index, item) in items.enumerated() {
            transitions += transition(item, what: "workflow.transitions[\(index + 1)]", states: states)
        }
        guard problems.count == before, let initial else { return nil }
        return Workflow(states: states, initialState: initial, transitions: transitions)
    }

    private mutating func transition(_ node: Node, what: String, states: [WorkflowState]) -> [Transition] {
        guard
            let e = mapping(
                node, what: what, allowed: ["from", "to", "label", "roles", "reason_required"],
                required: ["from", "to", "label"])
        else { return [] }
        var sources: [(String, Node)] = []
        if let from = e["from"] {
            if case .sequence(let list) = from {
                for item in list {
                    if let s = string(item, what: "\(what).from") { sources.append((s, item)) }
                }
            } else if let s = string(from, what: "\(what).from") {
                sources.append((s, from))
            }
        }
        let to = string(e["to"], what: "\(what).to")
        let label = localized(e["label"], what: "\(what).label")
        var roles = Set<Role>()
        if let rolesNode = e["roles"], let list = sequence(rolesNode, what: "\(what).roles") {
            for item in list {
                guard let text = string(item, what: "\(what).roles") else { continue }
                if let role = Role(rawValue: text) {
                    roles.insert(role)
                } else {
                    let all = Role.allCases.map(\.rawValue).joined(separator: ", ")
                    report(
                        at: item, de: "\(what).roles: unbekannte Rolle „\(text)“. Erlaubt sind: \(all).",
                        en: "\(what).roles: unknown role '\(text)'. Allowed are: \(all).")
                }
            }
        }
        let reason = bool(e["reason_required"], what: "\(what).reason_required") ?? false
        let byID = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if let to, byID[to] == nil {
            report(
                at: e["to"], de: "\(what).to: Übergang zu unbekanntem Zustand „\(to)“.",
                en: "\(what).to: transition to unknown state '\(to)'.")
        }
        for (from, fromNode) in sources {
            guard let state = byID[from] else {
                report(
                    at: fromNode, de: "\(what).from: Übergang aus unbekanntem Zustand „\(from)“.",
                    en: "\(what).from: transition from unknown state '\(from)'.")
                continue
            }
            if state.terminal {
                report(
                    at: fromNode,
                    de: "\(what).from: aus dem Endzustand „\(from)“ führt kein Übergang heraus.",
                    en: "\(what).from: no transition may leave the terminal state '\(from)'.")
            }
        }
        guard let to, let label else { return [] }
        return sources.map {
            Transition(from: $0.0, to: to, label: label, roles: roles, reasonRequired: reason)
        }
    }
}
