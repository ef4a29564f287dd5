/// The form of a service: its fields in order, always ending with the free-text comment field.
///
/// The comment field cannot be defined, changed, hidden or removed: whatever `fields` is set to,
/// any field with the id `commentFieldID` is dropped and the standard comment field is appended.
public struct FormDefinition: Hashable, Sendable {
    /// The id of the comment field every form has; no definition can remove it.
    public static let commentFieldID = "bemerkung"

    /// The fields in order; the last one is always the comment field.
    public var fields: [FieldDefinition] {
        didSet { fields = FormDefinition.normalized(fields) }
    }
    public init(fields: [FieldDefinition]) { self.fields = FormDefinition.normalized(fields) }

    /// The free-text comment field for special cases: long text, optional, always relevant, last.
    public static let commentField = FieldDefinition(
        id: commentFieldID, type: .longText,
        label: LocalizedText(de: "Bemerkung", en: "Comment"),
        help: LocalizedText(
            de: "Freitext für Besonderheiten, die in keines der anderen Felder passen.",
            en: "Free text for special circumstances that fit none of the other fields."),
        phoneQuestion: LocalizedText(
            de: "Gibt es noch etwas, das wir zu Ihrem Antrag wissen sollten?",
            en: "Is there anything else we should know about your application?"),
        maxLength: 4000)

    /// `fields` without any field named like the comment field, followed by the comment field.
    public static func normalized(_ fields: [FieldDefinition]) -> [FieldDefinition] {
        fields.filter { $0.id != commentFieldID } + [commentField]
    }

    /// The fields a definition declares, i.e. all but the comment field.
    public var definedFields: ArraySlice<FieldDefinition> { fields.dropLast() }

    /// The top-level field with `id`.
    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }
}

/// The kind of value a field holds and how it is entered and checked.
public enum FieldType: String, Hashable, Sendable, Codable, CaseIterable {
    case text
    /// Several lines of free text (e.g. the comment field).
    case longText = "long_text"
    case number
    /// Euro amounts, stored as cents.
    case money
    case date
    case yesNo = "yes_no"
    /// One code from the field's code list.
    case choice
    case personName = "person_name"
    case address
    case phone
    case email
    case iban
    case licencePlate = "licence_plate"
    /// A 15-digit ISO 11784 transponder number.
    case microchip
    /// Rows of sub-fields (e.g. household members).
    case repeatGroup = "repeat"
}

/// One entry of a code list.
public struct ChoiceOption: Hashable, Sendable, Codable {
    public var code: String
    public var label: LocalizedText
    public init(code: String, label: LocalizedText) {
        self.code = code
        self.label = label
    }
}

/// An expression of the form language (conditions and calculations), kept with its source text.
///
/// Fields are referenced by their bare id (`geburtsdatum`), sub-fields of a repeat group by
/// `gruppe.feld` (inside aggregates such as `sum(personen.einkommen)`); inside a repeat group a
/// bare id means the sibling field of the current row. `.` is the value being checked (constraints).
/// The source is parsed once into a syntax tree and only ever interpreted, never run as code.
public struct Expression: Hashable, Sendable {
    /// The expression as written; setting it parses it again.
    public var source: String {
        didSet { syntax = Expression.parse(source) }
    }
    /// The syntax tree or the reason the source does not parse.
    public private(set) var syntax: Result<ExpressionNode, ExpressionParseError>

    /// Keeps `source` even when it does not parse; evaluating it then throws the parse error.
    /// Use `init(parsing:)` to be told at once.
    public init(source: String) {
        self.source = source
        self.syntax = Expression.parse(source)
    }

    init(source: String, syntax: Result<ExpressionNode, ExpressionParseError>) {
        self.source = source
        self.syntax = syntax
    }
}

/// One field of a form.
public struct FieldDefinition: Hashable, Sendable {
    public var id: String
    public var type: FieldType
    public var label: LocalizedText
    public var required: Bool
    /// Required only when this holds (in addition to `required`).
    public var requiredIf: Expression?
    /// The field is asked (and validated) only when this holds.
    public var relevant: Expression?
    /// Must hold for a valid value; `constraintMessage` says what is wrong.
    public var constraint: Expression?
    public var constraintMessage: LocalizedText?
    /// A calculated field's value (e.g. a fee); such fields are not typed in.
    public var calculate: Expression?
    public var help: LocalizedText?
    /// The legal basis, e.g. "§ 17 BMG".
    public var legalReference: String?
    /// The plain-language question for the phone, e.g. "Wie lautet Ihre neue Anschrift?".
    public var phoneQuestion: LocalizedText?
    /// For repeat groups on the phone: the question whether another row follows,
    /// e.g. "Zieht noch jemand mit um?".
    public var phoneMoreQuestion: LocalizedText?
    public var choices: [ChoiceOption]
    /// The sub-fields of a repeat group.
    public var fields: [FieldDefinition]
    public var minRows: Int?
    public var maxRows: Int?
    /// Bounds for numbers (as decimal text), money (cents) and dates (ISO) — by type.
    public var minimum: String?
    public var maximum: String?
    public var maxLength: Int?
    /// For addresses: the postcode must be a Munich one (80331–81929) and the city München.
    public var requiresMunichAddress: Bool

    public init(
        id: String, type: FieldType, label: LocalizedText, required: Bool = false,
        requiredIf: Expression? = nil, relevant: Expression? = nil, constraint: Expression? = nil,
        constraintMessage: LocalizedText? = nil, calculate: Expression? = nil, help: LocalizedText? = nil,
        legalReference: String? = nil, phoneQuestion: LocalizedText? = nil, choices: [ChoiceOption] = [],
        fields: [FieldDefinition] = [], minRows: Int? = nil, maxRows: Int? = nil, minimum: String? = nil,
        maximum: String? = nil, maxLength: Int? = nil, requiresMunichAddress: Bool = false,
        phoneMoreQuestion: LocalizedText? = nil
    ) {
        self.id = id
        self.type = type
        self.label = label
        self.required = required
        self.requiredIf = requiredIf
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.calculate = calculate
        self.help = help
        self.legalReference = legalReference
        self.phoneQuestion = phoneQuestion
        self.choices = choices
        self.fields = fields
        self.minRows = minRows
        self.maxRows = maxRows
        self.minimum = minimum
        self.maximum = maximum
        self.maxLength = maxLength
        self.requiresMunichAddress = requiresMunichAddress
        self.phoneMoreQuestion = phoneMoreQuestion
    }

    /// The sub-field of a repeat group with `id`.
    public func subfield(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }
}
