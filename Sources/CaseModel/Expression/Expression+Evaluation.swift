import Foundation

extension Expression {
    /// Evaluates the expression against `scope`; an unanswered field reads as `.null`.
    public func evaluate(
        in scope: EvaluationScope, context: EvaluationContext
    ) throws(ExpressionError) -> ExpressionValue {
        switch syntax {
        case .failure(let error):
            throw ExpressionError(
                .syntax,
                LocalizedText(
                    de: "Der Ausdruck „\(source)“ ist fehlerhaft (\(error.text(.de))).",
                    en: "The expression '\(source)' is invalid (\(error.text(.en)))."))
        case .success(let node):
            return try ExpressionEvaluator(scope: scope, context: context).evaluate(node)
        }
    }

    /// Evaluates a condition: true only for `true`; an empty result counts as false.
    public func holds(in scope: EvaluationScope, context: EvaluationContext) throws(ExpressionError) -> Bool {
        let value = try evaluate(in: scope, context: context)
        switch value {
        case .bool(let b): return b
        case .null: return false
        default:
            throw ExpressionError(
                .typeMismatch,
                LocalizedText(
                    de: "Die Bedingung „\(source)“ ergibt \(value.typeName.de) statt Ja/Nein.",
                    en: "The condition '\(source)' yields a \(value.typeName.en) instead of yes/no."))
        }
    }
}

/// Interprets a syntax tree.
struct ExpressionEvaluator {
    let scope: EvaluationScope
    let context: EvaluationContext

    func evaluate(_ node: ExpressionNode) throws(ExpressionError) -> ExpressionValue {
        switch node {
        case .literal(let v): return v
        case .currentValue: return ExpressionValue(scope.current)
        case .reference(let ref): return try resolve(ref)
        case .not(let inner):
            return .bool(!(try condition(try evaluate(inner), "not")))
        case .negate(let inner):
            switch try evaluate(inner) {
            case .null: return .null
            case .number(let d): return .number(-d)
            case .money(let c): return .money(cents: -c)
            case let other: throw mismatch("-", other)
            }
        case .binary(.and, let a, let b):
            guard try condition(try evaluate(a), "and") else { return .bool(false) }
            return .bool(try condition(try evaluate(b), "and"))
        case .binary(.or, let a, let b):
            if try condition(try evaluate(a), "or") { return .bool(true) }
            return .bool(try condition(try evaluate(b), "or"))
        case .binary(let op, let a, let b):
            let left = try evaluate(a)
            let right = try evaluate(b)
            switch op {
            case .add, .subtract, .multiply, .divide: return try arithmetic(op, left, right)
            default: return .bool(try compare(op, left, right))
            }
        case .call(let function, let args):
            return try call(function, args)
        }
    }

    // MARK: References

    private func resolve(_ ref: FieldReference) throws(ExpressionError) -> ExpressionValue {
        if ref.path.count == 1 {
            let name = ref.path[0]
            if let row = scope.row, row[name] != nil || scope.rowFieldIDs.contains(name) {
                return ExpressionValue(row[name])
            }
            return ExpressionValue(scope.values[name])
        }
        guard ref.path.count == 2 else {
            throw ExpressionError(
                .unknownPath,
                LocalizedText(
                    de: "„\(ref.dotted)“: Nur eine Ebene (gruppe.feld) ist möglich.",
                    en: "'\(ref.dotted)': only one level (group.field) is possible."))
        }
        switch scope.values[ref.path[0]] {
        case nil: return .list([])
        case .rows(let rows): return .list(rows.map { ExpressionValue($0[ref.path[1]]) })
        default:
            throw ExpressionError(
                .unknownPath,
                LocalizedText(
                    de: "„\(ref.path[0])“ ist keine Wiederholungsgruppe.",
                    en: "'\(ref.path[0])' is not a repeat group."))
        }
    }

    // MARK: Logic and comparison

    private func condition(_ value: ExpressionValue, _ op: String) throws(ExpressionError) -> Bool {
        switch value {
        case .bool(let b): return b
        case .null: return false
        default: throw mismatch(op, value)
        }
    }

    private func compare(_ op: BinaryOperator, _ a: ExpressionValue, _ b: ExpressionValue)
        throws(ExpressionError)
        -> Bool
    {
        if op == .equal || op == .notEqual {
            let equal: Bool
            switch (a, b) {
            case (.null, .null): equal = true
            case (.null, _), (_, .null): equal = false
            default: equal = try order(a, b, op) == .orderedSame
            }
            return op == .equal ? equal : !equal
        }
        if a == .null || b == .null { return false }
        let result = try order(a, b, op)
        switch op {
        case .less: return result == .orderedAscending
        case .lessOrEqual: return result != .orderedDescending
        case .greater: return result == .orderedDescending
        default: return result != .orderedAscending
        }
    }

    private func order(_ a: ExpressionValue, _ b: ExpressionValue, _ op: BinaryOperator)
        throws(ExpressionError)
        -> ComparisonResult
    {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : (x == y ? .orderedSame : .orderedDescending)
        }
        switch (a, b) {
        case (.number(let x), .number(let y)): return cmp(x, y)
        case (.money(let x), .money(let y)): return cmp(x, y)
        case (.money(let x), .number(let y)): return cmp(Decimal(x), y * 100)
        case (.number(let x), .money(let y)): return cmp(x * 100, Decimal(y))
        case (.string(let x), .string(let y)): return cmp(x, y)
        case (.date(let x), .date(let y)): return cmp(x, y)
        case (.bool(let x), .bool(let y)) where op == .equal || op == .notEqual:
            return x == y ? .orderedSame : .orderedAscending
        default: throw mismatch(op.rawValue, a, b)
        }
    }

    // MARK: Arithmetic

    private func arithmetic(_ op: BinaryOperator, _ a: ExpressionValue, _ b: ExpressionValue)
        throws(ExpressionError)
        -> ExpressionValue
    {
        switch (op, a, b) {
        case (_, .null, _), (_, _, .null): return .null
        case (.add, .number(let x), .number(let y)): return .number(x + y)
        case (.subtract, .number(let x), .number(let y)): return .number(x - y)
        case (.multiply, .number(let x), .number(let y)): return .number(x * y)
        case (.divide, .number(let x), .number(let y)):
            guard !y.isZero else { throw divisionByZero() }
            return .number(x / y)
        case (.add, .money(let x), .money(let y)):
            return .money(cents: try checked(x.addingReportingOverflow(y)))
        case (.subtract, .money(let x), .money(let y)):
            return .money(cents: try checked(x.subtractingReportingOverflow(y)))
        case (.add, .money(let x), .number(let y)), (.add, .number(let y), .money(let x)):
            return .money(cents: try checked(x.addingReportingOverflow(try MoneyMath.cents(euros: y))))
        case (.subtract, .money(let x), .number(let y)):
            return .money(cents: try checked(x.subtractingReportingOverflow(try MoneyMath.cents(euros: y))))
        case (.subtract, .number(let x), .money(let y)):
            return .money(cents: try checked((try MoneyMath.cents(euros: x)).subtractingReportingOverflow(y)))
        case (.multiply, .money(let x), .number(let y)), (.multiply, .number(let y), .money(let x)):
            return .money(cents: try MoneyMath.rounded(Decimal(x) * y))
        case (.divide, .money(let x), .number(let y)):
            guard !y.isZero else { throw divisionByZero() }
            return .money(cents: try MoneyMath.rounded(Decimal(x) / y))
        case (.divide, .money(let x), .money(let y)):
            guard y != 0 else { throw divisionByZero() }
            return .number(Decimal(x) / Decimal(y))
        case (.add, .date(let d), .number(let n)), (.add, .number(let n), .date(let d)):
            return .date(d.adding(days: try wholeDays(n)))
        case (.subtract, .date(let d), .number(let n)): return .date(d.adding(days: -(try wholeDays(n))))
        case (.subtract, .date(let x), .date(let y)): return .number(Decimal(x.dayNumber - y.dayNumber))
        case (.add, .string(let x), .string(let y)): return .string(x + y)
        default: throw mismatch(op.rawValue, a, b)
        }
    }

    private func wholeDays(_ n: Decimal) throws(ExpressionError) -> Int {
        guard let days = MoneyMath.exactInt(n) else {
            throw ExpressionError(
                .invalidArgument,
                LocalizedText(
                    de: "Zu einem Datum lassen sich nur ganze Tage addieren, nicht \(n).",
                    en: "Only whole days can be added to a date, not \(n)."))
        }
        return days
    }

    private func checked(_ result: (partialValue: Int64, overflow: Bool)) throws(ExpressionError) -> Int64 {
        guard !result.overflow else { throw MoneyMath.overflowError }
        return result.partialValue
    }

    private func divisionByZero() -> ExpressionError {
        ExpressionError(.divisionByZero, LocalizedText(de: "Division durch null.", en: "Division by zero."))
    }

    // MARK: Functions

    private func call(_ function: ExpressionFunction, _ args: [ExpressionNode]) throws(ExpressionError)
        -> ExpressionValue
    {
        if function == .if {
            return try condition(try evaluate(args[0]), "if") ? try evaluate(args[1]) : try evaluate(args[2])
        }
        var values: [ExpressionValue] = []
        for arg in args { values.append(try evaluate(arg)) }
        let name = function.rawValue
        switch function {
        case .if: return .null
        case .today: return .date(context.today)
        case .date:
            switch values[0] {
            case .null: return .null
            case .date: return values[0]
            case .string(let s):
                guard let d = LocalDate(parsing: s) else {
                    throw ExpressionError(
                        .invalidArgument,
                        LocalizedText(
                            de: "„\(s)“ ist kein gültiges Datum.", en: "'\(s)' is not a valid date."))
                }
                return .date(d)
            default: throw mismatch(name, values[0])
            }
        case .yearsBetween, .daysBetween, .age:
            let pair =
                function == .age ? (values[0], ExpressionValue.date(context.today)) : (values[0], values[1])
            switch pair {
            case (.null, _), (_, .null): return .null
            case (.date(let a), .date(let b)):
                if function == .daysBetween { return .number(Decimal(b.dayNumber - a.dayNumber)) }
                return .number(Decimal(Self.fullYears(from: a, to: b)))
            default: throw mismatch(name, pair.0, pair.1)
            }
        case .length:
            switch values[0] {
            case .null: return .number(0)
            case .string(let s): return .number(Decimal(s.count))
            default: throw mismatch(name, values[0])
            }
        case .matches:
            switch (values[0], values[1]) {
            case (.null, .string): return .bool(false)
            case (.string(let s), .string(let pattern)):
                guard let regex = try? Regex(pattern) else {
                    throw ExpressionError(
                        .invalidArgument,
                        LocalizedText(
                            de: "„\(pattern)“ ist kein gültiger regulärer Ausdruck.",
                            en: "'\(pattern)' is not a valid regular expression."))
                }
                return .bool((try? regex.wholeMatch(in: s)) != nil)
            default: throw mismatch(name, values[0], values[1])
            }
        case .selected:
            switch (values[0], values[1]) {
            case (.null, _): return .bool(false)
            case (.string(let s), .string(let code)): return .bool(s == code)
            case (.list(let items), .string): return .bool(items.contains(values[1]))
            default: throw mismatch(name, values[0], values[1])
            }
        case .round:
            var digits = 0
            if values.count == 2 {
                guard case .number(let d) = values[1], let n = MoneyMath.exactInt(d), (0...10).contains(n)
                else {
                    throw ExpressionError(
                        .invalidArgument,
                        LocalizedText(
                            de: "round(): Die Stellenzahl muss eine ganze Zahl von 0 bis 10 sein.",
                            en: "round(): the number of digits must be a whole number from 0 to 10."))
                }
                digits = n
            }
            switch values[0] {
            case .null: return .null
            case .number(let d): return .number(MoneyMath.round(d, scale: digits))
            case .money(let c):
                let euros = MoneyMath.round(Decimal(c) / 100, scale: min(digits, 2))
                return .money(cents: try MoneyMath.cents(euros: euros))
            default: throw mismatch(name, values[0])
            }
        case .min, .max:
            var items = values
            if values.count == 1, case .list(let list) = values[0] { items = list }
            items = items.filter { $0 != .null }
            guard var best = items.first else { return .null }
            for item in items.dropFirst() {
                let o = try order(item, best, .less)
                if (function == .min && o == .orderedAscending)
                    || (function == .max && o == .orderedDescending)
                {
                    best = item
                }
            }
            return best
        case .sum:
            guard case .list(let items) = values[0] else { throw mismatch(name, values[0]) }
            var total = ExpressionValue.number(0)
            for item in items where item != .null {
                if total == .number(0), case .money = item { total = .money(cents: 0) }
                total = try arithmetic(.add, total, item)
            }
            return total
        case .count:
            switch values[0] {
            case .rows(let rows): return .number(Decimal(rows.count))
            case .list(let items): return .number(Decimal(items.filter { $0 != .null }.count))
            case .null: return .number(0)
            default: throw mismatch(name, values[0])
            }
        case .empty:
            switch values[0] {
            case .null: return .bool(true)
            case .string(let s): return .bool(s.isEmpty)
            case .list(let l): return .bool(l.allSatisfy { $0 == .null })
            case .rows(let r): return .bool(r.isEmpty)
            default: return .bool(false)
            }
        case .number:
            switch values[0] {
            case .null: return .null
            case .number: return values[0]
            case .money(let c): return .number(Decimal(c) / 100)
            case .string(let s):
                guard let d = NumberText.parseDecimal(s) else {
                    throw ExpressionError(
                        .invalidArgument,
                        LocalizedText(de: "„\(s)“ ist keine Zahl.", en: "'\(s)' is not a number."))
                }
                return .number(d)
            default: throw mismatch(name, values[0])
            }
        case .coalesce:
            return values[0] == .null ? values[1] : values[0]
        }
    }

    /// Full years from `a` to `b` (an age on day `b` for a birth on day `a`).
    static func fullYears(from a: LocalDate, to b: LocalDate) -> Int {
        var years = b.year - a.year
        if (b.month, b.day) < (a.month, a.day) { years -= 1 }
        return years
    }

    private func mismatch(_ op: String, _ values: ExpressionValue...) -> ExpressionError {
        let de = values.map(\.typeName.de).joined(separator: " und ")
        let en = values.map(\.typeName.en).joined(separator: " and ")
        return ExpressionError(
            .typeMismatch,
            LocalizedText(
                de: "„\(op)“ ist für \(de) nicht möglich.",
                en: "'\(op)' is not possible for \(en)."))
    }
}
