import CaseModel
import Testing

@Suite struct WorkflowRuleTests {
    let workflow = Sample.workflow

    @Test func transitionsFromAStateDependOnTheRole() {
        let counter = workflow.transitions(from: Sample.inBearbeitung, for: .counter).map(\.to)
        #expect(counter == [Sample.rueckfrage, Sample.entschieden, Sample.zurueckgezogen])
        let phone = workflow.transitions(from: Sample.inBearbeitung, for: .phone).map(\.to)
        #expect(phone == [Sample.rueckfrage, Sample.zurueckgezogen])
        let both = workflow.transitions(from: Sample.inBearbeitung, for: [.phone, .teamLead]).map(\.to)
        #expect(both == counter)
    }

    @Test func terminalStatesAllowNoTransitionEvenIfOneIsListed() {
        var faulty = workflow
        faulty.transitions.append(
            Transition(
                from: Sample.abgeschlossen, to: Sample.inBearbeitung,
                label: .init(de: "Wieder öffnen", en: "Reopen")))
        #expect(faulty.transitions(from: Sample.abgeschlossen, for: Set(Role.allCases)).isEmpty)
        #expect(faulty.transition(from: Sample.abgeschlossen, to: Sample.inBearbeitung) == nil)
        #expect(faulty.isTerminal(Sample.abgeschlossen))
        #expect(!faulty.isTerminal(Sample.entschieden))
        #expect(!faulty.isTerminal("unbekannt"))
    }

    @Test func reasonRequirementAndStateFacts() {
        #expect(workflow.isReasonRequired(from: Sample.inBearbeitung, to: Sample.zurueckgezogen))
        #expect(!workflow.isReasonRequired(from: Sample.inBearbeitung, to: Sample.rueckfrage))
        #expect(!workflow.isReasonRequired(from: Sample.eingegangen, to: Sample.abgeschlossen))
        #expect(workflow.slaPausingStates == [Sample.rueckfrage])
        #expect(workflow.terminalStates == [Sample.abgeschlossen, Sample.zurueckgezogen])
        #expect(workflow.pausesSLA(Sample.rueckfrage))
        #expect(workflow.state(Sample.rueckfrage)?.label.de == "Rückfrage beim Bürger")
    }

    @Test func theSampleWorkflowIsValid() {
        #expect(workflow.validate() == [])
    }

    @Test func emptyWorkflow() {
        #expect(Workflow(states: [], initialState: "a", transitions: []).validate() == [.noStates])
    }

    @Test func everyStructuralProblemIsReported() {
        let label = LocalizedText(de: "x", en: "x")
        let broken = Workflow(
            states: [
                WorkflowState(id: "neu", label: label),
                WorkflowState(id: "neu", label: label),
                WorkflowState(id: "fertig", label: label, terminal: true),
            ],
            initialState: "start",
            transitions: [
                Transition(from: "neu", to: "fertig", label: label),
                Transition(from: "neu", to: "fertig", label: label),
                Transition(from: "fertig", to: "neu", label: label),
                Transition(from: "neu", to: "neu", label: label),
                Transition(from: "geist", to: "fertig", label: label),
                Transition(from: "neu", to: "nirgendwo", label: label),
            ])
        #expect(
            broken.validate() == [
                .duplicateState("neu"),
                .unknownInitialState("start"),
                .duplicateTransition(from: "neu", to: "fertig"),
                .transitionFromTerminal(from: "fertig", to: "neu"),
                .selfTransition("neu"),
                .unknownSource(from: "geist", to: "fertig"),
                .unknownTarget(from: "neu", to: "nirgendwo"),
            ])
    }

    @Test func unreachableAndStuckStates() {
        let label = LocalizedText(de: "x", en: "x")
        let flawed = Workflow(
            states: [
                WorkflowState(id: "neu", label: label),
                WorkflowState(id: "sackgasse", label: label),
                WorkflowState(id: "insel", label: label),
                WorkflowState(id: "fertig", label: label, terminal: true),
            ],
            initialState: "neu",
            transitions: [
                Transition(from: "neu", to: "fertig", label: label),
                Transition(from: "neu", to: "sackgasse", label: label),
                Transition(from: "insel", to: "fertig", label: label),
            ])
        #expect(flawed.validate() == [.cannotFinish("sackgasse"), .unreachable("insel")])
    }

    @Test func terminalInitialStateAndMissingTerminalState() {
        let label = LocalizedText(de: "x", en: "x")
        let closedFromStart = Workflow(
            states: [WorkflowState(id: "fertig", label: label, terminal: true)], initialState: "fertig",
            transitions: [])
        #expect(closedFromStart.validate() == [.terminalInitialState("fertig")])
        let endless = Workflow(
            states: [WorkflowState(id: "a", label: label), WorkflowState(id: "b", label: label)],
            initialState: "a",
            transitions: [
                Transition(from: "a", to: "b", label: label), Transition(from: "b", to: "a", label: label),
            ])
        #expect(endless.validate() == [.noTerminalState])
    }

    @Test func problemsReadInBothLanguages() {
        let problem = WorkflowProblem.unreachable("insel")
        #expect(problem.message.de == "Der Status „insel“ ist vom Anfangsstatus aus nicht erreichbar.")
        #expect(problem.message.text(.en) == "The state 'insel' cannot be reached from the initial state.")
    }
}
