extension Workflow {
    /// The terminal states that end a case without a decision (e.g. withdrawn, cancelled): those
    /// the initial state can move to directly, since such a move happens before any work is done.
    public var withdrawalStates: Set<String> {
        Set(transitions.filter { $0.from == initialState && isTerminal($0.to) }.map(\.to))
    }

    /// The states a case is in once it has been decided: every terminal state that is not a
    /// withdrawal (closed), and every other state with a move into such a closing state (e.g.
    /// granted, refused, tax assessed, collected).
    ///
    /// The catalogue has no flag for decisions; this rule derives them from the graph and fits
    /// every workflow of the shipped catalogue.
    public var decisionStates: Set<String> {
        let closing = terminalStates.subtracting(withdrawalStates)
        let decided = transitions.filter { closing.contains($0.to) && !isTerminal($0.from) }.map(\.from)
        return closing.union(decided)
    }

    /// Whether moving into `state` decides (or closes) the case, so the form must be complete.
    public func isDecision(_ state: String) -> Bool {
        decisionStates.contains(state)
    }
}
