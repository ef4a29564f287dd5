import CaseModel
import Foundation
import OfflineStore
import TerminalKit

@testable import ClerkTUI

/// Shared test data: a clerk, a small service with every kind of field, a fixed clock.
enum Fixtures {
    static let clerk = ClerkIdentity(
        id: "m.huber", displayName: "M. Huber", orgUnit: "KVR Bürgerbüro", role: .counter, device: "ws-01")

    /// Monday 30 November 2026, 10:15 in Munich.
    static let now = Date(timeIntervalSince1970: 1_796_030_100)

    static let idBase = UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0, 0, 0, 0))

    static let workflow = Workflow(
        states: [
            WorkflowState(id: "eingegangen", label: LocalizedText(de: "Eingegangen", en: "Received")),
            WorkflowState(
                id: "in_bearbeitung", label: LocalizedText(de: "In Bearbeitung", en: "In progress")),
            WorkflowState(
                id: "rueckfrage", label: LocalizedText(de: "Rückfrage", en: "Query"), pausesSLA: true),
            WorkflowState(id: "entschieden", label: LocalizedText(de: "Entschieden", en: "Decided")),
            WorkflowState(
                id: "zurueckgezogen", label: LocalizedText(de: "Zurückgezogen", en: "Withdrawn"),
                terminal: true),
        ],
        initialState: "eingegangen",
        transitions: [
            Transition(
                from: "eingegangen", to: "in_bearbeitung", label: LocalizedText(de: "Bearbeiten", en: "Start")
            ),
            Transition(
                from: "eingegangen", to: "zurueckgezogen",
                label: LocalizedText(de: "Zurückziehen", en: "Withdraw"), reasonRequired: true),
            Transition(
                from: "in_bearbeitung", to: "entschieden",
                label: LocalizedText(de: "Entscheiden", en: "Decide")),
        ])

    static let dogTax = ServiceDefinition(
        id: "hundesteuer", version: 3, title: LocalizedText(de: "Hundesteuer", en: "Dog tax"),
        numberPrefix: "HUN",
        orgUnit: OrgUnitRef(
            id: "stk", name: LocalizedText(de: "Stadtkämmerei", en: "Treasury"), directPhone: "+49 89 233-0"),
        channels: [.counter, .phone], channelNote: nil, workflow: workflow,
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: [
            FieldDefinition(
                id: "hundename", type: .text, label: LocalizedText(de: "Name des Hundes", en: "Dog's name"),
                required: true, help: LocalizedText(de: "Rufname des Hundes.", en: "The dog's call name."),
                legalReference: "§ 1 HStS"),
            FieldDefinition(
                id: "geburtsdatum", type: .date,
                label: LocalizedText(de: "Geburtsdatum des Hundes", en: "Dog's birth date"),
                required: true),
            FieldDefinition(
                id: "kampfhund", type: .yesNo, label: LocalizedText(de: "Kampfhund", en: "Fighting dog"),
                required: true),
            FieldDefinition(
                id: "gebuehr", type: .money, label: LocalizedText(de: "Jahressteuer", en: "Annual tax"),
                calculate: Expression(source: "if(kampfhund, 800, 100)")),
            FieldDefinition(
                id: "halter", type: .repeatGroup,
                label: LocalizedText(de: "Weitere Halter", en: "Further keepers"),
                fields: [
                    FieldDefinition(
                        id: "name", type: .text, label: LocalizedText(de: "Name", en: "Name"), required: true)
                ]),
        ]))

    static var keymap: Keymap { KeymapSupplement.applied(to: KeymapLoader.builtIn(.default)) }

    /// The same clerk working on the phone hotline.
    static let phoneClerk = ClerkIdentity(
        id: clerk.id, displayName: clerk.displayName, orgUnit: clerk.orgUnit, role: .phone,
        device: clerk.device)

    static func state(
        size: TerminalSize = TerminalSize(rows: 24, columns: 80), language: Language = .de,
        clerk: ClerkIdentity = clerk
    ) -> AppState {
        AppState(
            clerk: clerk, language: language, size: size, now: now, services: [dogTax], keymap: keymap,
            idBase: idBase)
    }

    /// A key event from its textual form ("F9", "Enter", "x").
    static func key(_ text: String) -> Action {
        guard let chord = KeyChord(text) else { return .keyPressed(.paste("")) }
        return .keyPressed(.key(chord))
    }

    static func row(_ n: Int, light: SLALight = .green) -> CaseRow {
        CaseRow(
            id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(n / 256), UInt8(n % 256))),
            number: "HUN-2026-\(String(format: "%07d", n))", service: dogTax.title, citizen: "Müller, Jürgen",
            received: LocalDate(year: 2026, month: 11, day: 2) ?? LocalDate(dayNumber: 0),
            due: LocalDate(year: 2026, month: 12, day: 4), workingDaysLeft: 4, light: light,
            state: LocalizedText(de: "Eingegangen", en: "Received"), claimedBy: nil, version: 1,
            key: QueueCursor(key: Int64(n), seq: Int64(n)))
    }

    static let queue = QueueSummary(
        id: "open", title: LocalizedText(de: "Alle offenen Vorgänge", en: "All open cases"),
        filter: QueueFilter(),
        count: 1_000_000, red: 12, yellow: 30)
}
