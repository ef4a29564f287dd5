extension Workflow {
    /// The state with `id`, if the workflow has one.
    public func state(_ id: String) -> WorkflowState? {
        states.first { $0.id == id }
    }

    /// Whether `state` is terminal (decided, closed, withdrawn); unknown states are not.
    public func isTerminal(_ state: String) -> Bool {
        self.state(state)?.terminal ?? false
    }

    /// Whether the SLA clock stands still in `state` (e.g. waiting for the citizen).
    public func pausesSLA(_ state: String) -> Bool {
        self.state(state)?.pausesSLA ?? false
    }

    /// The ids of the states in which the SLA clock stands still.
    public var slaPausingStates: Set<String> {
        Set(states.filter(\.pausesSLA).map(\.id))
    }

    /// The ids of the terminal states.
    public var terminalStates: Set<String> {
        Set(states.filter(\.terminal).map(\.id))
    }

    /// The transition from `from` to `to`, if the workflow defines one.
    ///
    /// No transition leaves a terminal state, even if a (faulty) definition lists one.
    public func transition(from: String, to: String) -> Transition? {
        guard !isTerminal(from) else { return nil }
        return transitions.first { $0.from == from && $0.to == to }
    }

    /// The moves a clerk holding any of `roles` may make from `state`, in definition order.
    ///
    /// A transition with no roles is open to every role; a terminal state allows none.
    public func transitions(from state: String, for roles: Set<Role>) -> [Transition] {
        guard !isTerminal(state) else { return [] }
        return transitions.filter { $0.from == state && $0.isAllowed(for: roles) }
    }

    /// The moves a clerk with `role` may make from `state`.
    public func transitions(from state: String, for role: Role) -> [Transition] {
        transitions(from: state, for: [role])
    }

    /// Whether the move from `from` to `to` needs a reason (false if there is no such move).
    public func isReasonRequired(from: String, to: String) -> Bool {
        transition(from: from, to: to)?.reasonRequired ?? false
    }
}

extension Transition {
    /// Whether a clerk holding any of `roles` may make this move (no roles listed: everyone).
    public func isAllowed(for roles: Set<Role>) -> Bool {
        self.roles.isEmpty || !self.roles.isDisjoint(with: roles)
    }
}
