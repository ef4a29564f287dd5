import Foundation

/// Recursive-descent parser of the form expression language.
///
/// Grammar (lowest precedence first):
/// ```
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := sum (("=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=") sum)?
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | primary
/// primary    := number ["€"] | string | "true" | "false" | "." | name ("." name)*
///             | function "(" [or ("," or)*] ")" | "(" or ")"
/// ```
struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var position = 0

    /// Parses `source` into a syntax tree.
    static func parse(_ source: String) throws(ExpressionParseError) -> ExpressionNode {
        var parser = ExpressionParser(tokens: try ExpressionTokenizer.tokenize(source))
        if case .end = parser.current.kind {
            throw ExpressionParseError(
                column: 1,
                message: LocalizedText(de: "Der Ausdruck ist leer.", en: "The expression is empty."))
        }
        let node = try parser.parseOr()
        guard case .end = parser.current.kind else {
            throw parser.unexpected(
                expected: LocalizedText(de: "das Ende des Ausdrucks", en: "the end of the expression"))
        }
        return node
    }

    private init(tokens: [ExpressionToken]) { self.tokens = tokens }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isKeyword(_ word: String) -> Bool {
        if case .keyword(let w) = current.kind, w == word { return true }
        return false
    }

    private func isSymbol(_ symbols: Set<String>) -> String? {
        if case .symbol(let s) = current.kind, symbols.contains(s) { return s }
        return nil
    }

    private mutating func parseOr() throws(ExpressionParseError) -> ExpressionNode {
        var left = try parseAnd()
        while isKeyword("or") {
            advance()
            left = .binary(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionParseError) -> ExpressionNode {
        var left = try parseNot()
        while isKeyword("and") {
            advance()
            left = .binary(.and, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionParseError) -> ExpressionNode {
        if isKeyword("not") {
            advance()
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionParseError) -> ExpressionNode {
        let left = try parseSum()
        if let symbol = isSymbol(["=", "!=", "<", "<=", ">", ">="]), let op = BinaryOperator(rawValue: symbol)
        {
            advance()
            let right = try parseSum()
            if isSymbol(["=", "!=", "<", "<=", ">", ">="]) != nil {
                throw ExpressionParseError(
                    column: current.column,
                    message: LocalizedText(
                        de: "Vergleiche lassen sich nicht verketten; „and“ verwenden.",
                        en: "Comparisons cannot be chained; use 'and'."))
            }
            return .binary(op, left, right)
        }
        return left
    }

    private mutating func parseSum() throws(ExpressionParseError) -> ExpressionNode {
        var left = try parseProduct()
        while let symbol = isSymbol(["+", "-"]), let op = BinaryOperator(rawValue: symbol) {
            advance()
            left = .binary(op, left, try parseProduct())
        }
        return left
    }

    private mutating func parseProduct() throws(ExpressionParseError) -> ExpressionNode {
        var left = try parseUnary()
        while let symbol = isSymbol(["*", "/"]), let op = BinaryOperator(rawValue: symbol) {
            advance()
            left = .binary(op, left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionParseError) -> ExpressionNode {
        if isSymbol(["-"]) != nil {
            advance()
            return .negate(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionParseError) -> ExpressionNode {
        let token = current
        switch token.kind {
        case .number(let value, _):
            advance()
            return .literal(.number(value))
        case .money(let cents):
            advance()
            return .literal(.money(cents: cents))
        case .string(let s):
            advance()
            return .literal(.string(s))
        case .keyword("true"):
            advance()
            return .literal(.bool(true))
        case .keyword("false"):
            advance()
            return .literal(.bool(false))
        case .dot:
            advance()
            return .currentValue
        case .leftParen:
            advance()
            let inner = try parseOr()
            try expect(.rightParen, LocalizedText(de: "„)“", en: "')'"))
            return inner
        case .identifier(let name):
            advance()
            if case .leftParen = current.kind {
                return try parseCall(name: name, column: token.column)
            }
            var path = [name]
            while case .dot = current.kind {
                advance()
                guard case .identifier(let part) = current.kind else {
                    throw unexpected(
                        expected: LocalizedText(de: "einen Feldnamen nach „.“", en: "a field name after '.'"))
                }
                path.append(part)
                advance()
            }
            return .reference(FieldReference(path: path, column: token.column))
        default:
            throw unexpected(expected: LocalizedText(de: "einen Wert", en: "a value"))
        }
    }

    private mutating func parseCall(name: String, column: Int) throws(ExpressionParseError) -> ExpressionNode
    {
        guard let function = ExpressionFunction(rawValue: name) else {
            let known = ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "Unbekannte Funktion „\(name)“. Bekannt sind: \(known).",
                    en: "Unknown function '\(name)'. Known are: \(known)."))
        }
        advance()  // (
        var arguments: [ExpressionNode] = []
        if case .rightParen = current.kind {
            advance()
        } else {
            arguments.append(try parseOr())
            while case .comma = current.kind {
                advance()
                arguments.append(try parseOr())
            }
            try expect(.rightParen, LocalizedText(de: "„,“ oder „)“", en: "',' or ')'"))
        }
        guard function.arity.contains(arguments.count) else {
            let range = function.arity
            let expected =
                range.lowerBound == range.upperBound
                ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "\(name)() erwartet \(expected) Argument(e), nicht \(arguments.count).",
                    en: "\(name)() expects \(expected) argument(s), not \(arguments.count)."))
        }
        if function == .date, case .literal(.string(let text)) = arguments[0], LocalDate(parsing: text) == nil
        {
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "„\(text)“ ist kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ).",
                    en: "'\(text)' is not a valid date (YYYY-MM-DD or DD.MM.YYYY)."))
        }
        if function == .sum || function == .count, !(arguments[0].isReference) {
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "\(name)() erwartet eine Wiederholungsgruppe, z. B. \(name)(personen.einkommen).",
                    en: "\(name)() expects a repeat group, e.g. \(name)(personen.einkommen)."))
        }
        if function == .matches, case .literal(.string(let pattern)) = arguments[1],
            (try? Regex(pattern)) == nil
        {
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "„\(pattern)“ ist kein gültiger regulärer Ausdruck.",
                    en: "'\(pattern)' is not a valid regular expression."))
        }
        return .call(function, arguments)
    }

    private mutating func expect(_ kind: ExpressionToken.Kind, _ what: LocalizedText)
        throws(ExpressionParseError)
    {
        guard current.kind == kind else { throw unexpected(expected: what) }
        advance()
    }

    private func unexpected(expected: LocalizedText) -> ExpressionParseError {
        let found: LocalizedText
        switch current.kind {
        case .end: found = LocalizedText(de: "das Ende", en: "the end")
        case .number(_, let text): found = LocalizedText(de: "„\(text)“", en: "'\(text)'")
        case .money(let cents): found = LocalizedText(de: "„\(cents) ct“", en: "'\(cents) ct'")
        case .string(let s): found = LocalizedText(de: "„'\(s)'“", en: "''\(s)''")
        case .identifier(let s), .keyword(let s), .symbol(let s):
            found = LocalizedText(de: "„\(s)“", en: "'\(s)'")
        case .dot: found = LocalizedText(de: "„.“", en: "'.'")
        case .leftParen: found = LocalizedText(de: "„(“", en: "'('")
        case .rightParen: found = LocalizedText(de: "„)“", en: "')'")
        case .comma: found = LocalizedText(de: "„,“", en: "','")
        }
        return ExpressionParseError(
            column: current.column,
            message: LocalizedText(
                de: "Erwartet: \(expected.de), gefunden: \(found.de).",
                en: "Expected \(expected.en), found \(found.en)."))
    }
}

extension ExpressionNode {
    fileprivate var isReference: Bool {
        if case .reference = self { return true }
        return false
    }
}
