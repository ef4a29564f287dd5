extension Workflow {
    /// Every problem of this definition, in a stable order; empty when the workflow is sound.
    ///
    /// Checks: there are states, state ids are unique, the initial state exists and is not
    /// terminal, some state is terminal, transitions connect existing states, none leaves a
    /// terminal state, none loops to its own state, none is defined twice, every non-terminal
    /// state is reachable from the initial state, and from every non-terminal state some
    /// terminal state can be reached.
    public func validate() -> [WorkflowProblem] {
        guard !states.isEmpty else { return [.noStates] }
        var problems: [WorkflowProblem] = []
        var ids = Set<String>()
        for state in states where !ids.insert(state.id).inserted {
            problems.append(.duplicateState(state.id))
        }
        if !ids.contains(initialState) {
            problems.append(.unknownInitialState(initialState))
        } else if isTerminal(initialState) {
            problems.append(.terminalInitialState(initialState))
        }
        if !states.contains(where: \.terminal) {
            problems.append(.noTerminalState)
        }
        problems += transitionProblems(knownStates: ids)
        problems += reachabilityProblems(knownStates: ids)
        return problems
    }

    private func transitionProblems(knownStates ids: Set<String>) -> [WorkflowProblem] {
        var problems: [WorkflowProblem] = []
        var seen = Set<[String]>()
        for t in transitions {
            if !ids.contains(t.from) { problems.append(.unknownSource(from: t.from, to: t.to)) }
            if !ids.contains(t.to) { problems.append(.unknownTarget(from: t.from, to: t.to)) }
            if isTerminal(t.from) { problems.append(.transitionFromTerminal(from: t.from, to: t.to)) }
            if t.from == t.to { problems.append(.selfTransition(t.from)) }
            if !seen.insert([t.from, t.to]).inserted {
                problems.append(.duplicateTransition(from: t.from, to: t.to))
            }
        }
        return problems
    }

    /// Only transitions between known states that do not leave a terminal state count as moves.
    private func reachabilityProblems(knownStates ids: Set<String>) -> [WorkflowProblem] {
        let moves = transitions.filter {
            ids.contains($0.from) && ids.contains($0.to) && !isTerminal($0.from)
        }
        var forward: [String: [String]] = [:]
        var backward: [String: [String]] = [:]
        for t in moves {
            forward[t.from, default: []].append(t.to)
            backward[t.to, default: []].append(t.from)
        }
        let reachable = ids.contains(initialState) ? Self.closure(of: [initialState], along: forward) : []
        let finishing = Self.closure(of: terminalStates, along: backward)
        var problems: [WorkflowProblem] = []
        var reported = Set<String>()
        for state in states where !state.terminal && reported.insert(state.id).inserted {
            if ids.contains(initialState) && !reachable.contains(state.id) {
                problems.append(.unreachable(state.id))
            }
            if !terminalStates.isEmpty && !finishing.contains(state.id) {
                problems.append(.cannotFinish(state.id))
            }
        }
        return problems
    }

    private static func closure(of start: Set<String>, along edges: [String: [String]]) -> Set<String> {
        var seen = start
        var queue = Array(start)
        while let next = queue.popLast() {
            for neighbour in edges[next, default: []] where seen.insert(neighbour).inserted {
                queue.append(neighbour)
            }
        }
        return seen
    }
}
