import CaseModel
import CentralService
import Foundation

/// Org units, clerks, a service and operations shared by the tests.
enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_772_000_000)
    static let password = "Geheim-123"
    static let mitte = OrgUnitRef(
        id: "bb-mitte", name: .init(de: "Bürgerbüro Mitte", en: "Citizen office centre"),
        directPhone: "089 233-00001")
    static let kfz = OrgUnitRef(
        id: "kfz", name: .init(de: "Kfz-Zulassung", en: "Vehicle registration"), directPhone: "089 233-00002")

    /// anna (counter, Mitte), bernd (phone, Mitte), carla (counter, Kfz).
    static func seed(_ store: any CentralStore) async throws {
        try await store.createOrgUnit(mitte)
        try await store.createOrgUnit(kfz)
        let hash = Credentials.hashPassword(password, cost: 4)
        try await store.createClerk(
            ClerkRecord(
                id: "anna", name: "Anna Huber", passwordHash: hash, roles: [.counter], orgUnits: [mitte.id]))
        try await store.createClerk(
            ClerkRecord(
                id: "bernd", name: "Bernd Maier", passwordHash: hash, roles: [.phone], orgUnits: [mitte.id]))
        try await store.createClerk(
            ClerkRecord(
                id: "carla", name: "Carla Schmid", passwordHash: hash, roles: [.counter], orgUnits: [kfz.id]))
    }

    /// Dog tax: eingegangen → in_bearbeitung (counter only) → rueckfrage (pauses SLA) →
    /// entschieden (reason required); a required dog's name and an optional amount (not negative).
    static let dogTax = ServiceDefinition(
        id: "hundesteuer", version: 1, title: .init(de: "Hundesteuer", en: "Dog tax"), numberPrefix: "HUN",
        orgUnit: mitte, channels: [.counter, .phone],
        workflow: Workflow(
            states: [
                WorkflowState(id: "eingegangen", label: .init(de: "Eingegangen", en: "Received")),
                WorkflowState(id: "in_bearbeitung", label: .init(de: "In Bearbeitung", en: "In progress")),
                WorkflowState(
                    id: "rueckfrage", label: .init(de: "Rückfrage", en: "Query"), pausesSLA: true),
                WorkflowState(
                    id: "entschieden", label: .init(de: "Entschieden", en: "Decided"), terminal: true),
            ],
            initialState: "eingegangen",
            transitions: [
                Transition(
                    from: "eingegangen", to: "in_bearbeitung", label: .init(de: "Bearbeiten", en: "Work"),
                    roles: [.counter]),
                Transition(
                    from: "in_bearbeitung", to: "rueckfrage", label: .init(de: "Rückfrage", en: "Query")),
                Transition(
                    from: "in_bearbeitung", to: "entschieden", label: .init(de: "Entscheiden", en: "Decide"),
                    reasonRequired: true),
            ]),
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: [
            FieldDefinition(
                id: "name_hund", type: .text, label: .init(de: "Name des Hundes", en: "Dog's name"),
                required: true, maxLength: 60),
            FieldDefinition(
                id: "betrag", type: .money, label: .init(de: "Betrag", en: "Amount"), minimum: "0"),
        ]))

    /// Dog tax's form and workflow as a service of Kfz (so Kfz clerks have a service of their own).
    static let plates: ServiceDefinition = {
        var service = dogTax
        service.id = "kennzeichen"
        service.numberPrefix = "KEN"
        service.orgUnit = kfz
        service.channels = [.counter]
        return service
    }()

    static func citizen() -> Citizen {
        Citizen(
            id: UUID(), name: PersonName(given: "Josef", family: "Brandl"),
            dateOfBirth: LocalDate(year: 1941, month: 5, day: 17) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Sendlinger Straße", houseNumber: "7", postcode: "80331", city: "München"))
    }

    static func create(
        _ caseID: UUID = UUID(), by clerk: String = "anna", unit: String = mitte.id,
        fields: [String: FieldValue] = ["name_hund": .text("Bello")], citizen: Citizen? = nil,
        number: String? = nil
    ) -> CaseModel.Operation {
        // A case of the unit's own service, through the clerk's channel (bernd is on the phone).
        CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: clerk, device: "dev-\(clerk)", timestamp: start,
            kind: .createCase(
                NewCase(
                    number: number ?? "HUN-2026-\(caseID.uuidString.prefix(6))",
                    serviceID: unit == kfz.id ? plates.id : dogTax.id, formVersion: 1,
                    orgUnit: unit, channel: clerk == "bernd" ? .phone : .counter, initialState: "eingegangen",
                    citizen: citizen,
                    fields: fields,
                    receivedAt: start, enteredBy: clerk)))
    }

    static func op(
        _ caseID: UUID, by clerk: String = "anna", base: Int64, _ kind: OperationKind,
        at offset: TimeInterval = 60
    ) -> CaseModel.Operation {
        CaseModel.Operation(
            caseID: caseID, baseVersion: base, clerk: clerk, device: "dev-\(clerk)",
            timestamp: start.addingTimeInterval(offset), kind: kind)
    }
}
