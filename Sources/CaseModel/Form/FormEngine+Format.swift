import Foundation

extension FormEngine {
    /// The value as a clerk reads it: "12,50 €", "03.12.2026", "ja", the choice's label, …
    public static func format(_ value: FieldValue, for field: FieldDefinition, language: Language = .de)
        -> String
    {
        switch value {
        case .text(let s):
            switch field.type {
            case .iban: return IBAN.grouped(s)
            default: return s
            }
        case .number(let d):
            return language == .de ? NumberText.german(d) : NSDecimalNumber(decimal: d).stringValue
        case .money(let cents): return NumberText.euros(cents: cents)
        case .date(let d): return d.german
        case .bool(let b):
            switch language {
            case .de: return b ? "ja" : "nein"
            case .en: return b ? "yes" : "no"
            }
        case .choice(let code):
            return field.choices.first(where: { $0.code == code })?.label.text(language) ?? code
        case .name(let n): return n.spoken
        case .address(let a): return a.singleLine
        case .rows(let rows):
            switch language {
            case .de: return rows.count == 1 ? "1 Eintrag" : "\(rows.count) Einträge"
            case .en: return rows.count == 1 ? "1 entry" : "\(rows.count) entries"
            }
        }
    }
}
