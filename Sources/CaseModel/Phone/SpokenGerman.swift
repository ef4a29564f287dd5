import Foundation

/// Values written the way a clerk reads them aloud on the phone, in plain German.
///
/// Dates as words ("3. Dezember 2026"), amounts as "120 Euro" or "12 Euro 50", long numbers in
/// groups, IBANs in groups of four read character by character, phone numbers in groups.
public enum SpokenGerman {
    /// The German month names, January first.
    public static let monthNames = [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember",
    ]

    /// "3. Dezember 2026".
    public static func date(_ date: LocalDate) -> String {
        "\(date.day). \(monthNames[date.month - 1]) \(date.year)"
    }

    /// "120 Euro", "12 Euro 50", "1.500 Euro", "50 Cent", "minus 5 Euro".
    public static func amount(cents: Int64) -> String {
        let sign = cents < 0 ? "minus " : ""
        let magnitude = cents.magnitude
        let euros = magnitude / 100
        let rest = magnitude % 100
        if euros == 0 && rest > 0 { return "\(sign)\(rest) Cent" }
        let euroText = "\(NumberText.german(Decimal(euros))) Euro"
        if rest == 0 { return sign + euroText }
        return "\(sign)\(euroText) \(rest < 10 ? "0\(rest)" : "\(rest)")"
    }

    /// A number with German digit grouping and decimal comma: "1.234,5".
    public static func number(_ value: Decimal) -> String { NumberText.german(value) }

    /// A string of characters split into groups of `size` from the left: "276 098 106 235 148".
    public static func grouped(_ text: String, size: Int, separator: String = " ") -> String {
        guard size > 0 else { return text }
        var groups: [String] = []
        var current = ""
        for character in text where !character.isWhitespace {
            current.append(character)
            if current.count == size {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: separator)
    }

    /// An IBAN in groups of four, each read character by character: "D E 8 9 – 3 7 0 4 – …".
    public static func iban(_ iban: String) -> String {
        let compact = iban.uppercased().filter { !$0.isWhitespace }
        return grouped(compact, size: 4, separator: "\u{0}").split(separator: "\u{0}")
            .map { $0.map(String.init).joined(separator: " ") }
            .joined(separator: " – ")
    }

    /// A phone number in the blocks it was written in, long blocks in pairs:
    /// "+49 89 233-12345" → "+49 – 89 – 233 – 12 345".
    ///
    /// A block of more than four digits is split into pairs from the left; a single digit left
    /// over joins the last pair, so no digit stands alone.
    public static func phone(_ number: String) -> String {
        let blocks = number.replacingOccurrences(of: "(0)", with: "")
            .split(whereSeparator: { " -/()\u{00A0}".contains($0) })
            .map(String.init)
        return blocks.map { block in
            guard block.count > 4, block.allSatisfy(\.isNumber) else { return block }
            var pairs: [String] = []
            var rest = Substring(block)
            while rest.count > 3 {
                pairs.append(String(rest.prefix(2)))
                rest = rest.dropFirst(2)
            }
            pairs.append(String(rest))
            return pairs.joined(separator: " ")
        }.joined(separator: " – ")
    }

    /// "Leopoldstraße 12, 80802 München".
    public static func address(_ address: PostalAddress) -> String { address.singleLine }

    /// One field's value as read aloud.
    public static func value(_ value: FieldValue, for field: FieldDefinition) -> String {
        switch value {
        case .date(let d): return date(d)
        case .money(let cents): return amount(cents: cents)
        case .number(let d): return number(d)
        case .bool(let b): return b ? "ja" : "nein"
        case .name(let n): return n.spoken
        case .address(let a): return address(a)
        case .choice: return FormEngine.format(value, for: field)
        case .rows(let rows): return rows.count == 1 ? "1 Eintrag" : "\(rows.count) Einträge"
        case .text(let s):
            switch field.type {
            case .iban: return iban(s)
            case .phone: return phone(s)
            case .microchip: return grouped(s, size: 3)
            default: return s
            }
        }
    }
}
