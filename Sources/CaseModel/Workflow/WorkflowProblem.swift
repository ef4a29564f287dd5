/// A mistake in a workflow definition, found by `Workflow.validate()`.
public enum WorkflowProblem: Hashable, Sendable {
    /// The workflow has no states at all.
    case noStates
    /// Two states share an id.
    case duplicateState(String)
    /// The initial state is not one of the states.
    case unknownInitialState(String)
    /// The initial state is terminal, so no case could ever be worked on.
    case terminalInitialState(String)
    /// No state is terminal, so no case could ever be finished.
    case noTerminalState
    /// A transition starts in a state that does not exist.
    case unknownSource(from: String, to: String)
    /// A transition ends in a state that does not exist.
    case unknownTarget(from: String, to: String)
    /// A transition leaves a terminal state.
    case transitionFromTerminal(from: String, to: String)
    /// A transition leads from a state to itself.
    case selfTransition(String)
    /// The same move is defined twice.
    case duplicateTransition(from: String, to: String)
    /// A non-terminal state cannot be reached from the initial state.
    case unreachable(String)
    /// No terminal state can be reached from a non-terminal state: its cases would be stuck.
    case cannotFinish(String)

    /// The problem described for the person maintaining the catalogue.
    public var message: LocalizedText {
        switch self {
        case .noStates:
            .init(de: "Der Ablauf hat keine Status.", en: "The workflow has no states.")
        case .duplicateState(let id):
            .init(de: "Der Status „\(id)“ ist mehrfach definiert.", en: "The state '\(id)' is defined twice.")
        case .unknownInitialState(let id):
            .init(
                de: "Der Anfangsstatus „\(id)“ ist nicht definiert.",
                en: "The initial state '\(id)' is not defined.")
        case .terminalInitialState(let id):
            .init(
                de: "Der Anfangsstatus „\(id)“ ist ein Endstatus.",
                en: "The initial state '\(id)' is terminal.")
        case .noTerminalState:
            .init(de: "Der Ablauf hat keinen Endstatus.", en: "The workflow has no terminal state.")
        case .unknownSource(let from, let to):
            .init(
                de: "Der Übergang „\(from)“ → „\(to)“ beginnt in einem unbekannten Status.",
                en: "The transition '\(from)' → '\(to)' starts in an unknown state.")
        case .unknownTarget(let from, let to):
            .init(
                de: "Der Übergang „\(from)“ → „\(to)“ führt in einen unbekannten Status.",
                en: "The transition '\(from)' → '\(to)' leads to an unknown state.")
        case .transitionFromTerminal(let from, let to):
            .init(
                de: "Der Übergang „\(from)“ → „\(to)“ verlässt einen Endstatus.",
                en: "The transition '\(from)' → '\(to)' leaves a terminal state.")
        case .selfTransition(let id):
            .init(
                de: "Der Übergang „\(id)“ → „\(id)“ führt in denselben Status.",
                en: "The transition '\(id)' → '\(id)' leads to the same state.")
        case .duplicateTransition(let from, let to):
            .init(
                de: "Der Übergang „\(from)“ → „\(to)“ ist mehrfach definiert.",
                en: "The transition '\(from)' → '\(to)' is defined twice.")
        case .unreachable(let id):
            .init(
                de: "Der Status „\(id)“ ist vom Anfangsstatus aus nicht erreichbar.",
                en: "The state '\(id)' cannot be reached from the initial state.")
        case .cannotFinish(let id):
            .init(
                de: "Vom Status „\(id)“ aus ist kein Endstatus erreichbar.",
                en: "No terminal state can be reached from the state '\(id)'.")
        }
    }
}
