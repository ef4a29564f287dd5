import CaseModel
import CentralService

/// The service the benchmark cases belong to: the central service validates every operation
/// against it (unknown services and fields are refused), so it carries the fields the generated
/// cases and edits use.
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
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: [
            FieldDefinition(
                id: "name_hund", type: .text, label: .init(de: "Name des Hundes", en: "Dog's name")),
            FieldDefinition(id: "rasse", type: .text, label: .init(de: "Rasse", en: "Breed")),
            FieldDefinition(id: "farbe", type: .text, label: .init(de: "Farbe", en: "Colour")),
        ]))

    static let definitions = ServiceDefinitions([dogTax])

    /// The same service as one team's own (a new case belongs to the unit that offers its
    /// service): `hundesteuer-unit-3` of `unit-3`.
    static func team(_ unit: String) -> ServiceDefinition {
        var service = dogTax
        service.id = "hundesteuer-\(unit)"
        service.orgUnit = OrgUnitRef(id: unit, name: .init(de: unit, en: unit), directPhone: "089 233-0")
        return service
    }

    /// The service of `unit`'s cases: the bulk service of the bulk unit, else the team's own.
    static func service(of unit: String) -> ServiceDefinition {
        unit == dogTax.orgUnit.id ? dogTax : team(unit)
    }

    /// The bulk service and the services of `teams` teams (`unit-0` …).
    static func definitions(teams: Int) -> ServiceDefinitions {
        ServiceDefinitions([dogTax] + (0..<teams).map { team("unit-\($0)") })
    }
}
