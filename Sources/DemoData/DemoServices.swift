import CaseModel

/// A few services built in code, covering every field type; used when no catalogue is given.
public enum DemoServices {
    /// Change of address, dog tax, resident parking and housing benefit.
    public static let all: [ServiceDefinition] = [ummeldung, hundesteuer, bewohnerparken, wohngeld]

    static func t(_ de: String, _ en: String) -> LocalizedText { LocalizedText(de: de, en: en) }

    /// The usual workflow: received → in progress → query to citizen (pauses SLA) → decided → closed,
    /// plus withdrawn.
    public static let standardWorkflow = Workflow(
        states: [
            WorkflowState(id: "eingegangen", label: t("Eingegangen", "Received")),
            WorkflowState(id: "in_bearbeitung", label: t("In Bearbeitung", "In progress")),
            WorkflowState(
                id: "rueckfrage", label: t("Rückfrage beim Bürger", "Query to citizen"), pausesSLA: true),
            WorkflowState(id: "entschieden", label: t("Entschieden", "Decided")),
            WorkflowState(id: "abgeschlossen", label: t("Abgeschlossen", "Closed"), terminal: true),
            WorkflowState(id: "zurueckgezogen", label: t("Zurückgezogen", "Withdrawn"), terminal: true),
        ],
        initialState: "eingegangen",
        transitions: [
            Transition(from: "eingegangen", to: "in_bearbeitung", label: t("Bearbeiten", "Start")),
            Transition(from: "in_bearbeitung", to: "rueckfrage", label: t("Rückfrage", "Query")),
            Transition(from: "rueckfrage", to: "in_bearbeitung", label: t("Antwort erhalten", "Answered")),
            Transition(from: "in_bearbeitung", to: "entschieden", label: t("Entscheiden", "Decide")),
            Transition(from: "entschieden", to: "abgeschlossen", label: t("Abschließen", "Close")),
            Transition(
                from: "in_bearbeitung", to: "zurueckgezogen", label: t("Zurückgezogen", "Withdrawn"),
                reasonRequired: true),
        ])

    static let comment = FieldDefinition(
        id: FormDefinition.commentFieldID, type: .longText, label: t("Bemerkung", "Comment"), maxLength: 2000)

    static func unit(_ id: String, _ de: String, _ en: String, _ phone: String) -> OrgUnitRef {
        OrgUnitRef(id: id, name: t(de, en), directPhone: phone)
    }

    public static let ummeldung = ServiceDefinition(
        id: "ummeldung", version: 3, title: t("Ummeldung", "Change of address"), numberPrefix: "UMZ",
        orgUnit: unit("kvr-buergerbuero", "KVR Bürgerbüro", "KVR citizens' office", "+49 89 233-96000"),
        channels: [.counter, .online, .field], workflow: standardWorkflow,
        sla: SLAPolicy(workingDays: 5, stalledAfterWorkingDays: 3),
        form: FormDefinition(fields: [
            FieldDefinition(id: "name", type: .personName, label: t("Name", "Name"), required: true),
            FieldDefinition(
                id: "neue_anschrift", type: .address, label: t("Neue Anschrift", "New address"),
                required: true),
            FieldDefinition(
                id: "einzug", type: .date, label: t("Einzugsdatum", "Moving-in date"), required: true),
            FieldDefinition(
                id: "wohnungsart", type: .choice, label: t("Wohnungsart", "Kind of dwelling"), required: true,
                choices: [
                    ChoiceOption(code: "haupt", label: t("Hauptwohnung", "Main residence")),
                    ChoiceOption(code: "neben", label: t("Nebenwohnung", "Secondary residence")),
                ]),
            FieldDefinition(
                id: "mitziehende", type: .repeatGroup,
                label: t("Mitziehende Personen", "People moving along"),
                fields: [
                    FieldDefinition(id: "name", type: .personName, label: t("Name", "Name"), required: true),
                    FieldDefinition(
                        id: "geburtsdatum", type: .date, label: t("Geburtsdatum", "Date of birth")),
                ], minRows: 0, maxRows: 4),
            FieldDefinition(id: "telefon", type: .phone, label: t("Telefon", "Phone")),
            FieldDefinition(id: "email", type: .email, label: t("E-Mail", "E-mail")),
            comment,
        ]))

    public static let hundesteuer = ServiceDefinition(
        id: "hundesteuer", version: 2, title: t("Hundesteuer", "Dog tax"), numberPrefix: "HUN",
        orgUnit: unit(
            "kaemmerei-steuern", "Stadtkämmerei Steuern", "City treasury, taxes", "+49 89 233-92345"),
        channels: [.counter, .online, .phone], workflow: standardWorkflow,
        sla: SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 5),
        form: FormDefinition(fields: [
            FieldDefinition(id: "halter", type: .personName, label: t("Halter", "Keeper"), required: true),
            FieldDefinition(
                id: "anschrift", type: .address, label: t("Anschrift", "Address"), required: true),
            FieldDefinition(
                id: "rasse", type: .text, label: t("Rasse", "Breed"), required: true, maxLength: 60),
            FieldDefinition(
                id: "chip", type: .microchip, label: t("Chipnummer", "Microchip"), required: true),
            FieldDefinition(id: "seit", type: .date, label: t("Gehalten seit", "Kept since"), required: true),
            FieldDefinition(
                id: "iban", type: .iban, label: t("IBAN für Lastschrift", "IBAN for direct debit")),
            FieldDefinition(
                id: "steuer", type: .money, label: t("Jahressteuer", "Annual tax"),
                calculate: Expression(source: "100")),
            comment,
        ]))

    public static let bewohnerparken = ServiceDefinition(
        id: "bewohnerparken", version: 1, title: t("Bewohnerparkausweis", "Resident parking permit"),
        numberPrefix: "BPA",
        orgUnit: unit("kvr-parken", "KVR Bewohnerparken", "KVR resident parking", "+49 89 233-39800"),
        channels: [.counter, .online], workflow: standardWorkflow,
        sla: SLAPolicy(workingDays: 15, stalledAfterWorkingDays: 7),
        form: FormDefinition(fields: [
            FieldDefinition(
                id: "antragsteller", type: .personName, label: t("Antragsteller", "Applicant"), required: true
            ),
            FieldDefinition(
                id: "anschrift", type: .address, label: t("Anschrift", "Address"), required: true),
            FieldDefinition(
                id: "kennzeichen", type: .licencePlate, label: t("Kennzeichen", "Licence plate"),
                required: true),
            FieldDefinition(
                id: "halter_selbst", type: .yesNo, label: t("Selbst Halter", "Own vehicle"), required: true),
            FieldDefinition(
                id: "gebuehr", type: .money, label: t("Gebühr", "Fee"), minimum: "3000", maximum: "3000"),
            comment,
        ]))

    public static let wohngeld = ServiceDefinition(
        id: "wohngeld", version: 4, title: t("Wohngeld", "Housing benefit"), numberPrefix: "WOG",
        orgUnit: unit(
            "soz-wohngeld", "Sozialreferat Wohngeldstelle", "Housing benefit office", "+49 89 233-40000"),
        channels: [.counter, .online, .phone, .field], workflow: standardWorkflow,
        sla: SLAPolicy(workingDays: 30, stalledAfterWorkingDays: 10),
        form: FormDefinition(fields: [
            FieldDefinition(
                id: "antragsteller", type: .personName, label: t("Antragsteller", "Applicant"), required: true
            ),
            FieldDefinition(
                id: "anschrift", type: .address, label: t("Anschrift", "Address"), required: true),
            FieldDefinition(
                id: "haushalt", type: .repeatGroup, label: t("Haushaltsmitglieder", "Household members"),
                fields: [
                    FieldDefinition(id: "name", type: .personName, label: t("Name", "Name"), required: true),
                    FieldDefinition(
                        id: "einkommen", type: .money, label: t("Monatseinkommen", "Monthly income")),
                ], minRows: 1, maxRows: 6),
            FieldDefinition(
                id: "miete", type: .money, label: t("Bruttokaltmiete", "Rent"), required: true,
                minimum: "20000", maximum: "250000"),
            FieldDefinition(
                id: "wohnflaeche", type: .number, label: t("Wohnfläche (m²)", "Floor area (m²)"),
                required: true, minimum: "15", maximum: "200"),
            FieldDefinition(id: "telefon", type: .phone, label: t("Telefon", "Phone")),
            FieldDefinition(id: "iban", type: .iban, label: t("IBAN", "IBAN"), required: true),
            comment,
        ]))
}
