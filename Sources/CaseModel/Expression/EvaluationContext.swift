/// What an expression may know besides the form's values: the day it is evaluated on.
public struct EvaluationContext: Hashable, Sendable {
    /// The day `today()` returns (a day in Munich); passed in so evaluation stays pure.
    public var today: LocalDate
    public init(today: LocalDate) { self.today = today }
}

/// The values an expression sees: the whole form, the current repeat-group row and `.`.
public struct EvaluationScope: Hashable, Sendable {
    /// The form's top-level values by field id.
    public var values: [String: FieldValue]
    /// The current row when the expression belongs to a sub-field of a repeat group.
    public var row: [String: FieldValue]?
    /// The ids of the sub-fields of the current row's group, so an unanswered sibling reads as empty.
    public var rowFieldIDs: Set<String>
    /// The value of the field a constraint belongs to (`.`).
    public var current: FieldValue?

    public init(
        values: [String: FieldValue], row: [String: FieldValue]? = nil, rowFieldIDs: Set<String> = [],
        current: FieldValue? = nil
    ) {
        self.values = values
        self.row = row
        self.rowFieldIDs = rowFieldIDs
        self.current = current
    }
}

/// Why evaluating an expression failed.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Hashable, Sendable {
        case syntax, typeMismatch, divisionByZero, invalidArgument, overflow, unknownPath
    }
    public var kind: Kind
    public var message: LocalizedText
    public init(_ kind: Kind, _ message: LocalizedText) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message.en }
}
