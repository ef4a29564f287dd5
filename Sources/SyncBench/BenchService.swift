import CaseModel
import CentralService

/// The service the benchmark cases belong to (the central service refuses unknown services).
enum BenchService {
    static let dogTax = ServiceDefinition(
        id: "hundesteuer", version: 1, title: .init(de: "Hundesteuer", en: "Dog tax"), numberPrefix: "HUN",
        orgUnit: OrgUnitRef(
            id: "bulk", name: .init(de: "Massentest", en: "Bulk test"), directPhone: "089 233-1"),
        channels: [.counter, .phone],
        workflow: Workflow(
            states: [
                WorkflowState(id: "eingegangen", label: .init(de: "Eingegangen", en: "Received")),
                WorkflowState(id: "in_bearbeitung", label: .init(de: "In Bearbeitung", en: "In progress")),
            ],
            initialState: "eingegangen",
            transitions: [
                Transition(
                    from: "eingegangen", to: "in_bearbeitung", label: .init(de: "Bearbeiten", en: "Work"))
            ]),
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5), form: FormDefinition(fields: []))

    static let definitions = ServiceDefinitions([dogTax])
}
