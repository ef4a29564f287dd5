import Foundation

/// The syntax tree of a form expression; it is only ever interpreted, never run as code.
public indirect enum ExpressionNode: Hashable, Sendable {
    /// A number, money, string or boolean written in the expression.
    case literal(ExpressionValue)
    /// `.` — the value of the field a constraint belongs to.
    case currentValue
    /// A field reference such as `geburtsdatum` or `personen.einkommen`.
    case reference(FieldReference)
    case not(ExpressionNode)
    case negate(ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    case call(ExpressionFunction, [ExpressionNode])

    /// Every field reference in the tree, in source order.
    public var references: [FieldReference] {
        switch self {
        case .literal, .currentValue: return []
        case .reference(let r): return [r]
        case .not(let e), .negate(let e): return e.references
        case .binary(_, let a, let b): return a.references + b.references
        case .call(_, let args): return args.flatMap(\.references)
        }
    }

    /// Whether `.` (the current value) occurs in the tree.
    public var usesCurrentValue: Bool {
        switch self {
        case .currentValue: return true
        case .literal, .reference: return false
        case .not(let e), .negate(let e): return e.usesCurrentValue
        case .binary(_, let a, let b): return a.usesCurrentValue || b.usesCurrentValue
        case .call(_, let args): return args.contains(where: \.usesCurrentValue)
        }
    }
}

/// A reference to a field by id, or to a sub-field of a repeat group (`gruppe.feld`).
public struct FieldReference: Hashable, Sendable {
    /// The dotted path, e.g. `["personen", "einkommen"]`.
    public var path: [String]
    /// 1-based column of the reference in the expression source.
    public var column: Int
    public init(path: [String], column: Int) {
        self.path = path
        self.column = column
    }
    /// The path as written, e.g. `personen.einkommen`.
    public var dotted: String { path.joined(separator: ".") }
}

/// An infix operator.
public enum BinaryOperator: String, Hashable, Sendable {
    case or, and
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

/// The functions the expression language knows, with their number of arguments.
public enum ExpressionFunction: String, Hashable, Sendable, CaseIterable {
    case `if`
    case today
    case date
    case yearsBetween = "years_between"
    case daysBetween = "days_between"
    case age
    case length
    case matches
    case selected
    case round
    case min
    case max
    case sum
    case count
    case empty
    case number
    case coalesce

    /// The allowed number of arguments.
    public var arity: ClosedRange<Int> {
        switch self {
        case .today: return 0...0
        case .date, .age, .length, .sum, .count, .empty, .number: return 1...1
        case .yearsBetween, .daysBetween, .matches, .selected, .coalesce: return 2...2
        case .round: return 1...2
        case .if: return 3...3
        case .min, .max: return 1...20
        }
    }
}
