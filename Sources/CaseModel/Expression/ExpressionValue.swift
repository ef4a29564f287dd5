import Foundation

/// A value while an expression is evaluated. Money stays in cents, numbers are decimal.
public enum ExpressionValue: Hashable, Sendable {
    /// An unanswered field or an undefined result.
    case null
    case number(Decimal)
    case money(cents: Int64)
    case string(String)
    case bool(Bool)
    case date(LocalDate)
    /// The values of one sub-field over all rows of a repeat group (`personen.einkommen`).
    case list([ExpressionValue])
    /// The rows of a repeat group (`personen`).
    case rows([[String: FieldValue]])

    /// The expression value of a stored field value (names and addresses become their text).
    public init(_ value: FieldValue?) {
        switch value {
        case nil: self = .null
        case .text(let s): self = s.isEmpty ? .null : .string(s)
        case .number(let d): self = .number(d)
        case .money(let c): self = .money(cents: c)
        case .date(let d): self = .date(d)
        case .bool(let b): self = .bool(b)
        case .choice(let c): self = .string(c)
        case .name(let n): self = .string(n.spoken)
        case .address(let a): self = .string(a.singleLine)
        case .rows(let r): self = .rows(r)
        }
    }

    /// What kind of value this is, for error messages.
    public var typeName: LocalizedText {
        switch self {
        case .null: return LocalizedText(de: "leer", en: "empty")
        case .number: return LocalizedText(de: "Zahl", en: "number")
        case .money: return LocalizedText(de: "Geldbetrag", en: "amount of money")
        case .string: return LocalizedText(de: "Text", en: "text")
        case .bool: return LocalizedText(de: "Ja/Nein-Wert", en: "yes/no value")
        case .date: return LocalizedText(de: "Datum", en: "date")
        case .list: return LocalizedText(de: "Liste", en: "list")
        case .rows: return LocalizedText(de: "Wiederholungsgruppe", en: "repeat group")
        }
    }

    /// True only for `.bool(true)`; an empty value counts as false in conditions.
    public var isTrue: Bool { self == .bool(true) }
}
