import Foundation
import Testing

@testable import CaseModel

/// Services, citizens and times shared by the phone tests.
enum PhoneFixtures {
    static func label(_ de: String) -> LocalizedText { LocalizedText(de: de, en: de) }

    static func date(_ y: Int, _ m: Int, _ d: Int) throws -> LocalDate {
        try #require(LocalDate(year: y, month: m, day: d))
    }

    static func today() throws -> LocalDate { try date(2026, 11, 30) }

    static func time(_ hour: Int, _ minute: Int = 0) throws -> TimeOfDay {
        try #require(TimeOfDay(hour: hour, minute: minute))
    }

    static func window(_ from: Int, _ to: Int) throws -> TimeWindow {
        let start = try time(from)
        let end = try time(to)
        return try #require(TimeWindow(start: start, end: end))
    }

    static let start = Date(timeIntervalSince1970: 1_796_025_600)  // 2026-11-30 08:00 UTC

    static let orgUnit = OrgUnitRef(
        id: "kr-hundesteuer", name: LocalizedText(de: "Kämmerei, Hundesteuer", en: "Treasury, dog tax"),
        directPhone: "+49 89 233-92000")

    static func workflow() -> Workflow {
        Workflow(
            states: [
                WorkflowState(id: "eingegangen", label: label("Eingegangen")),
                WorkflowState(id: "abgeschlossen", label: label("Abgeschlossen"), terminal: true),
            ],
            initialState: "eingegangen",
            transitions: [Transition(from: "eingegangen", to: "abgeschlossen", label: label("Abschließen"))])
    }

    /// A dog-tax service that may be applied for by phone: a name, a repeat group of dogs,
    /// a reduction that makes a proof relevant, a calculated fee and an optional IBAN.
    static func dogTax() throws -> ServiceDefinition {
        let form = FormDefinition(fields: [
            FieldDefinition(
                id: "name", type: .personName, label: label("Name"), required: true,
                help: LocalizedText(de: "Vor- und Familienname wie im Ausweis.", en: "As in the ID."),
                legalReference: "§ 2 HStS",
                phoneQuestion: label("Wie ist Ihr Vor- und Nachname?")),
            FieldDefinition(
                id: "beginn", type: .date, label: label("Haltung seit"), required: true,
                constraint: try CaseModel.Expression(parsing: ". <= today()"),
                constraintMessage: label("Das Datum darf nicht in der Zukunft liegen."),
                phoneQuestion: label("Seit wann halten Sie den Hund?")),
            FieldDefinition(
                id: "hunde", type: .repeatGroup, label: label("Hunde"), required: true,
                phoneQuestion: label("Jetzt nehme ich Ihre Hunde einzeln auf."),
                fields: [
                    FieldDefinition(
                        id: "rufname", type: .text, label: label("Rufname"), required: true,
                        phoneQuestion: label("Wie heißt der Hund?")),
                    FieldDefinition(
                        id: "rasse", type: .choice, label: label("Rasse"), required: true,
                        phoneQuestion: label("Ist es ein Mischling oder ein Rassehund?"),
                        choices: [
                            ChoiceOption(code: "mischling", label: label("Mischling")),
                            ChoiceOption(code: "rassehund", label: label("Rassehund")),
                        ]),
                ], minRows: 1, maxRows: 3,
                phoneMoreQuestion: label("Halten Sie noch einen weiteren Hund?")),
            FieldDefinition(
                id: "ermaessigung", type: .yesNo, label: label("Ermäßigung"), required: true,
                phoneQuestion: label("Beziehen Sie Bürgergeld oder Grundsicherung?")),
            FieldDefinition(
                id: "nachweis", type: .text, label: label("Nachweis"), required: true,
                relevant: try CaseModel.Expression(parsing: "ermaessigung = true"),
                phoneQuestion: label("Welchen Bescheid können Sie uns schicken?")),
            FieldDefinition(
                id: "gebuehr", type: .money, label: label("Steuer pro Jahr"),
                calculate: try CaseModel.Expression(
                    parsing: "if(ermaessigung, 50, 100) * count(hunde.rufname)")),
            FieldDefinition(
                id: "iban", type: .iban, label: label("IBAN"),
                phoneQuestion: label("Von welchem Konto sollen wir abbuchen?")),
        ])
        return ServiceDefinition(
            id: "hundesteuer", version: 3,
            title: LocalizedText(de: "Hund anmelden (Hundesteuer)", en: "Registering a dog"),
            numberPrefix: "HUN", orgUnit: orgUnit, channels: [.counter, .phone, .online],
            workflow: workflow(), sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5), form: form)
    }

    static let postalVoteNote = LocalizedText(
        de: "Ein Wahlschein kann nicht telefonisch beantragt werden (§ 27 Abs. 1 BWO).",
        en: "A polling card cannot be applied for by telephone (section 27(1) BWO).")

    /// The postal vote, which German law does not allow by telephone.
    static func postalVote() -> ServiceDefinition {
        ServiceDefinition(
            id: "briefwahl", version: 1, title: LocalizedText(de: "Briefwahl beantragen", en: "Postal vote"),
            numberPrefix: "WAS",
            orgUnit: OrgUnitRef(id: "kvr-wahlamt", name: label("Wahlamt"), directPhone: "+49 89 233-96233"),
            channels: [.counter, .online], channelNote: postalVoteNote, workflow: workflow(),
            sla: SLAPolicy(workingDays: 2, stalledAfterWorkingDays: 1),
            form: FormDefinition(fields: [
                FieldDefinition(
                    id: "wahl", type: .text, label: label("Wahl"), phoneQuestion: label("Welche Wahl?"))
            ]))
    }

    static func citizen(informationBlock: Bool = false) throws -> Citizen {
        Citizen(
            id: UUID(uuidString: "00000000-0000-0000-0000-00000000C171") ?? UUID(),
            name: PersonName(given: "Anneliese", family: "Weißgerber"), dateOfBirth: try date(1941, 3, 7),
            address: PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"),
            phone: "089 1234567", informationBlock: informationBlock)
    }

    /// A call with the citizen verified by date of birth and postcode.
    static func verifiedCall(informationBlock: Bool = false) throws -> PhoneCall {
        var call = PhoneCall(
            clerk: "mueller.k", callerNumber: "089 7654321", startedAt: start,
            citizen: try citizen(informationBlock: informationBlock))
        try call.verify(IdentityAnswers(dateOfBirth: "07.03.1941", postcode: "80802"))
        return call
    }
}
