import CaseModel
import Foundation

/// The sync operation (Foundation also has a type named `Operation`).
typealias CaseOperation = CaseModel.Operation

/// A realistic service (change of address) with a workflow that pauses while waiting for the citizen.
enum Sample {
    static let eingegangen = "eingegangen"
    static let inBearbeitung = "in_bearbeitung"
    static let rueckfrage = "rueckfrage"
    static let entschieden = "entschieden"
    static let abgeschlossen = "abgeschlossen"
    static let zurueckgezogen = "zurueckgezogen"

    static let workflow = Workflow(
        states: [
            WorkflowState(id: eingegangen, label: .init(de: "Eingegangen", en: "Received")),
            WorkflowState(id: inBearbeitung, label: .init(de: "In Bearbeitung", en: "In progress")),
            WorkflowState(
                id: rueckfrage, label: .init(de: "Rückfrage beim Bürger", en: "Waiting for citizen"),
                pausesSLA: true),
            WorkflowState(id: entschieden, label: .init(de: "Entschieden", en: "Decided")),
            WorkflowState(id: abgeschlossen, label: .init(de: "Abgeschlossen", en: "Closed"), terminal: true),
            WorkflowState(
                id: zurueckgezogen, label: .init(de: "Zurückgezogen", en: "Withdrawn"), terminal: true),
        ],
        initialState: eingegangen,
        transitions: [
            Transition(from: eingegangen, to: inBearbeitung, label: .init(de: "Annehmen", en: "Start")),
            Transition(from: inBearbeitung, to: rueckfrage, label: .init(de: "Rückfrage", en: "Ask citizen")),
            Transition(from: rueckfrage, to: inBearbeitung, label: .init(de: "Antwort da", en: "Answered")),
            Transition(
                from: inBearbeitung, to: entschieden, label: .init(de: "Entscheiden", en: "Decide"),
                roles: [.counter, .teamLead]),
            Transition(from: entschieden, to: abgeschlossen, label: .init(de: "Abschließen", en: "Close")),
            Transition(
                from: eingegangen, to: zurueckgezogen, label: .init(de: "Zurückziehen", en: "Withdraw"),
                reasonRequired: true),
            Transition(
                from: inBearbeitung, to: zurueckgezogen, label: .init(de: "Zurückziehen", en: "Withdraw"),
                reasonRequired: true),
            Transition(
                from: rueckfrage, to: zurueckgezogen, label: .init(de: "Zurückziehen", en: "Withdraw"),
                reasonRequired: true),
        ])

    static let service = ServiceDefinition(
        id: "wohnsitz", version: 3, title: .init(de: "Ummeldung", en: "Change of address"),
        numberPrefix: "WOH",
        orgUnit: OrgUnitRef(
            id: "kvr-bb-mitte", name: .init(de: "Bürgerbüro Mitte", en: "Citizens' office centre"),
            directPhone: "+49 89 233-96000"),
        channels: [.counter, .online, .field],
        channelNote: .init(
            de: "Die Anmeldung erfordert die persönliche Vorsprache.",
            en: "Registration requires appearing in person."),
        workflow: workflow, sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: []))

    static let context = ApplyContext(service: service)

    /// The instant of a Munich wall-clock time.
    static func at(_ iso: String, _ hour: Int = 10, _ minute: Int = 0) -> Date {
        MunichClock.date(day(iso), hour: hour, minute: minute)
    }

    /// A Munich day written `yyyy-MM-dd`; a malformed literal gives 1970-01-01 and fails the test that uses it.
    static func day(_ iso: String) -> LocalDate {
        LocalDate(parsing: iso) ?? LocalDate(dayNumber: 0)
    }

    static let caseID = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF") ?? UUID()

    static func newCase(receivedAt: Date, initialState: String = eingegangen, channel: Channel = .counter)
        -> NewCase
    {
        NewCase(
            number: "WOH-2026-0000042", serviceID: service.id, formVersion: 3, orgUnit: "kvr-bb-mitte",
            channel: channel, initialState: initialState, citizen: nil,
            fields: ["nachname": .text("Huber"), "strasse": .text("Sendlinger Straße")],
            receivedAt: receivedAt, enteredBy: "mmeier")
    }

    /// A case received at `receivedAt`, in its initial state, created through the operation.
    static func receivedCase(at receivedAt: Date) -> Case? {
        let op = CaseOperation(
            caseID: caseID, baseVersion: 0, clerk: "mmeier", device: "ws-1", timestamp: receivedAt,
            kind: .createCase(newCase(receivedAt: receivedAt)))
        if case .applied(let c) = op.apply(to: nil, mode: .central, context: context) { return c }
        return nil
    }

    static func operation(
        _ kind: OperationKind, by clerk: String = "mmeier", at timestamp: Date, id: UUID = UUID()
    ) -> CaseOperation {
        CaseOperation(
            id: id, caseID: caseID, baseVersion: 1, clerk: clerk, device: "ws-1", timestamp: timestamp,
            kind: kind)
    }

    /// The case after `op`, or nil if it was rejected.
    static func applying(_ op: CaseOperation, to c: Case?, mode: ApplyMode = .central) -> Case? {
        switch op.apply(to: c, mode: mode, context: context) {
        case .applied(let next), .conflict(let next, _): return next
        case .rejected: return nil
        }
    }
}
