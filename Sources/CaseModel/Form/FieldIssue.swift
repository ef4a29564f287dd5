/// A problem with one field's value, with the path to the field and a message for the clerk.
public struct FieldIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Hashable, Sendable {
        /// A required value is missing.
        case required
        /// The text does not have the field's format (date, IBAN, plate, …).
        case invalidFormat
        /// The value is outside the field's minimum/maximum or too long.
        case outOfRange
        /// The field's constraint does not hold.
        case constraint
        /// A repeat group has too few or too many rows.
        case rowCount
        /// The stored value is of another type than the field (e.g. text in a date field).
        case wrongType
        /// A condition or calculation of the field could not be evaluated.
        case expression
    }

    /// The top-level field.
    public var fieldID: String
    /// The 0-based row of a repeat group, if the problem is in a row.
    public var row: Int?
    /// The sub-field of the row, if the problem is in a row.
    public var subfieldID: String?
    public var kind: Kind
    /// What is wrong and how to put it right; for rows it starts with "Zeile n:" (1-based).
    public var message: LocalizedText

    public init(
        fieldID: String, row: Int? = nil, subfieldID: String? = nil, kind: Kind, message: LocalizedText
    ) {
        self.fieldID = fieldID
        self.row = row
        self.subfieldID = subfieldID
        self.kind = kind
        self.message = message
    }

    /// `field`, `group[row]` or `group[row].subfield` (row 0-based).
    public var path: String {
        var p = fieldID
        if let row { p += "[\(row)]" }
        if let subfieldID { p += ".\(subfieldID)" }
        return p
    }

    public var description: String { "\(path): \(message.de)" }
}

/// A problem found while reading one typed value, before it is tied to a field path.
public struct InputProblem: Error, Hashable, Sendable {
    public var kind: FieldIssue.Kind
    public var message: LocalizedText
    public init(_ kind: FieldIssue.Kind = .invalidFormat, de: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(de: de, en: en)
    }
}
