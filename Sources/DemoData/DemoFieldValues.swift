import CaseModel
import Foundation

/// Values for form fields, chosen by field type so that any catalogue can be filled.
public enum DemoFieldValues {
    /// Everything a value may depend on besides the field itself.
    public struct Context {
        public var citizen: Citizen
        /// The day the application was received.
        public var receivedDay: LocalDate
        public init(citizen: Citizen, receivedDay: LocalDate) {
            self.citizen = citizen
            self.receivedDay = receivedDay
        }
    }

    /// Values for all fields of a form: required ones always, optional ones mostly, the comment
    /// field rarely; calculated fields are left to the form engine.
    public static func values(
        for form: FormDefinition, context: Context, using rng: inout DemoRandom
    ) -> [String: FieldValue] {
        values(for: form.fields, context: context, using: &rng)
    }

    static func values(
        for fields: [FieldDefinition], context: Context, using rng: inout DemoRandom
    ) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for field in fields where field.calculate == nil {
            let share = field.id == FormDefinition.commentFieldID ? 0.1 : (field.required ? 1 : 0.65)
            guard rng.chance(share), let value = value(for: field, context: context, using: &rng) else {
                continue
            }
            result[field.id] = value
        }
        return result
    }

    /// One value of the field's type (nil for a choice field without options).
    public static func value(
        for field: FieldDefinition, context: Context, using rng: inout DemoRandom
    ) -> FieldValue? {
        switch field.type {
        case .text:
            return .text(limit(rng.pick(shortTexts), field.maxLength))
        case .longText:
            let count = rng.int(in: 1...3)
            let text = (0..<count).map { _ in rng.pick(sentences) }.joined(separator: " ")
            return .text(limit(text, field.maxLength))
        case .number:
            let low = field.minimum.flatMap { Int($0) } ?? 1
            let high = max(low, field.maximum.flatMap { Int($0) } ?? max(low, 10))
            return .number(Decimal(rng.int(in: low...high)))
        case .money:
            let low = field.minimum.flatMap { Int($0) } ?? 500
            let high = max(low, field.maximum.flatMap { Int($0) } ?? 250_000)
            return .money(cents: Int64(rng.int(in: low...high)))
        case .date:
            let low = field.minimum.flatMap { LocalDate(parsing: $0) }?.dayNumber
            let high = field.maximum.flatMap { LocalDate(parsing: $0) }?.dayNumber
            let from = low ?? context.receivedDay.dayNumber - 365
            let to = max(from, high ?? context.receivedDay.dayNumber + 60)
            return .date(LocalDate(dayNumber: rng.int(in: from...to)))
        case .yesNo:
            return .bool(rng.chance(0.5))
        case .choice:
            guard !field.choices.isEmpty else { return nil }
            return .choice(rng.pick(field.choices).code)
        case .personName:
            return .name(rng.chance(0.6) ? context.citizen.name : DemoNames.name(using: &rng))
        case .address:
            return .address(rng.chance(0.5) ? context.citizen.address : DemoValues.munichAddress(using: &rng))
        case .phone:
            return .text(context.citizen.phone ?? DemoValues.phone(using: &rng))
        case .email:
            return .text(context.citizen.email ?? DemoValues.email(for: context.citizen.name, using: &rng))
        case .iban:
            return .text(DemoValues.iban(using: &rng))
        case .licencePlate:
            return .text(DemoValues.licencePlate(using: &rng))
        case .microchip:
            return .text(DemoValues.microchip(using: &rng))
        case .repeatGroup:
            let low = max(0, field.minRows ?? 0)
            let high = max(low, min(field.maxRows ?? 4, low + 4))
            let count = rng.int(in: low...high)
            var rows: [[String: FieldValue]] = []
            for _ in 0..<count {
                var row: [String: FieldValue] = [:]
                for sub in field.fields where sub.calculate == nil {
                    guard sub.required || rng.chance(0.7),
                        let v = value(for: sub, context: context, using: &rng)
                    else { continue }
                    row[sub.id] = v
                }
                rows.append(row)
            }
            return .rows(rows)
        }
    }

    private static func limit(_ text: String, _ maxLength: Int?) -> String {
        guard let maxLength, text.count > maxLength else { return text }
        return String(text.prefix(max(0, maxLength)))
    }

    static let shortTexts = [
        "Umzug innerhalb Münchens", "Zuzug aus dem Ausland", "Familiennachzug", "Elternzeit",
        "Studium an der LMU", "Neue Arbeitsstelle", "Hauptwohnung", "Nebenwohnung", "Mischling",
        "Dackel", "Labrador", "Schäferhund", "Sperrmüll: Sofa, zwei Stühle", "Gastronomie",
        "Einzelhandel", "Handwerksbetrieb", "Übergabe an der Haustür", "Größe ca. 3 m³",
    ]

    static let sentences = [
        "Die Bürgerin bittet um Rückruf am Vormittag.",
        "Unterlagen wurden am Schalter vorgelegt und geprüft.",
        "Der Antragsteller ist schwerhörig, bitte langsam sprechen.",
        "Nachweis über die Wohnungsgeberbestätigung folgt per Post.",
        "Telefonisch aufgenommen, Einverständnis mündlich erteilt.",
        "Hund wurde aus dem Tierheim Riem übernommen.",
        "Zugang zum Hinterhof über die Einfahrt links.",
        "Antrag bitte mit dem Vorgang vom Vorjahr zusammenführen.",
    ]
}
