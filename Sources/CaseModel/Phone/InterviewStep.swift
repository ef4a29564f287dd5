/// One question position of a phone interview.
public enum InterviewStep: Hashable, Sendable, Codable {
    /// A top-level field of the form.
    case field(String)
    /// A sub-field of row `row` (0-based) of a repeat group.
    case subfield(group: String, row: Int, field: String)
    /// Whether another row follows the first `rows` rows of a repeat group ("Zieht noch jemand mit um?").
    case moreRows(group: String, rows: Int)

    /// The top-level field the step belongs to.
    public var fieldID: String {
        switch self {
        case .field(let id): id
        case .subfield(let group, _, _): group
        case .moreRows(let group, _): group
        }
    }
}

/// A question as the phone screen shows it.
public struct InterviewQuestion: Hashable, Sendable {
    public var step: InterviewStep
    /// The field asked (for `moreRows`, the repeat group).
    public var field: FieldDefinition
    /// The plain-language question to ask.
    public var text: LocalizedText
    /// Said before the question, e.g. the repeat group's own question before its first row.
    public var lead: LocalizedText?
    /// Where in a repeat group the question is, e.g. "Umziehende Personen – Eintrag 2".
    public var context: LocalizedText?

    /// The help text for F1, with the legal reference.
    public var help: LocalizedText? {
        guard let help = field.help else {
            return field.legalReference.map { LocalizedText(de: $0, en: $0) }
        }
        guard let reference = field.legalReference else { return help }
        return LocalizedText(de: "\(help.de) (\(reference))", en: "\(help.en) (\(reference))")
    }
}
