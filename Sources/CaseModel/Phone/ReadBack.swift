/// One line of the read-back: a field (or a row of a repeat group) in plain German, to be
/// read aloud and ticked once the caller has confirmed it.
public struct ReadBackLine: Hashable, Sendable, Identifiable {
    /// The field id, or `group[row]` for a row (row 0-based).
    public var id: String
    /// The question to go back to for a correction.
    public var step: InterviewStep
    public var label: String
    /// The value as read aloud: "3. Dezember 2026", "120 Euro", …
    public var text: String
    /// Names and words the caller may want spelled (DIN 5009 on a key).
    public var spellable: [String]
    /// False when the line must not be read out (an address under an information block).
    public var readAloud: Bool
    /// What the clerk does instead of reading the line out.
    public var notice: LocalizedText?
    public var confirmed: Bool

    public init(
        id: String, step: InterviewStep, label: String, text: String, spellable: [String] = [],
        readAloud: Bool = true, notice: LocalizedText? = nil, confirmed: Bool = false
    ) {
        self.id = id
        self.step = step
        self.label = label
        self.text = text
        self.spellable = spellable
        self.readAloud = readAloud
        self.notice = notice
        self.confirmed = confirmed
    }

    /// "Geburtsdatum: 3. Dezember 2026".
    public var spoken: String { "\(label): \(text)" }

    /// The spelling aid for the line's names: "Huber: H wie Hamburg – U wie Unna – …".
    public var spelling: [String] {
        spellable.map { "\($0): \(SpellingAlphabet.spelledLine($0))" }
    }
}

/// Builds the read-back of an interview's answers.
public enum ReadBack {
    /// The notice for an address of a citizen with an information block.
    public static let withheldAddressNotice = LocalizedText(
        de:
            "Auskunftssperre: Anschrift nicht vorlesen – den Anrufer die Anschrift nennen lassen und vergleichen.",
        en: "Information block: do not read the address out – let the caller say it and compare.")

    /// The lines for the submitted values of `interview`, in form order; empty answers are left out.
    public static func lines(for interview: PhoneInterview, informationBlock: Bool) -> [ReadBackLine] {
        let values = interview.submittedValues
        var lines: [ReadBackLine] = []
        for field in interview.form.fields {
            guard let value = values[field.id], !FormEngine.isEmpty(value) else { continue }
            if case .rows(let rows) = value {
                for (index, row) in rows.enumerated() {
                    var parts: [String] = []
                    var spellable: [String] = []
                    var hasAddress = false
                    for sub in field.fields {
                        guard let v = row[sub.id], !FormEngine.isEmpty(v) else { continue }
                        if case .address = v { hasAddress = true }
                        parts.append("\(sub.label.de) \(SpokenGerman.value(v, for: sub))")
                        spellable += spellableWords(v, sub)
                    }
                    let withheld = informationBlock && hasAddress
                    let first = field.fields.first { $0.calculate == nil }?.id ?? ""
                    lines.append(
                        ReadBackLine(
                            id: "\(field.id)[\(index)]",
                            step: .subfield(group: field.id, row: index, field: first),
                            label: "\(field.label.de), Eintrag \(index + 1)",
                            text: parts.joined(separator: "; "),
                            spellable: spellable, readAloud: !withheld,
                            notice: withheld ? withheldAddressNotice : nil))
                }
                continue
            }
            let withheld = informationBlock && field.type == .address
            lines.append(
                ReadBackLine(
                    id: field.id, step: .field(field.id), label: field.label.de,
                    text: SpokenGerman.value(value, for: field),
                    spellable: spellableWords(value, field), readAloud: !withheld,
                    notice: withheld ? withheldAddressNotice : nil))
        }
        return lines
    }

    /// Names, streets and codes worth spelling.
    static func spellableWords(_ value: FieldValue, _ field: FieldDefinition) -> [String] {
        switch value {
        case .name(let n): return [n.given, n.family].filter { !$0.isEmpty }
        case .address(let a): return [a.street].filter { !$0.isEmpty }
        case .text(let s):
            switch field.type {
            case .email, .licencePlate: return [s]
            case .text: return s.count <= 40 ? [s] : []
            default: return []
            }
        default: return []
        }
    }
}
