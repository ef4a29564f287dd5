/// Another name for `Expression`, for modules where Foundation's `Expression` makes the name ambiguous.
public typealias FormExpression = Expression

extension Expression {
    /// Parses `source`, throwing the first syntax error with its column.
    public init(parsing source: String) throws(ExpressionParseError) {
        let node = try ExpressionParser.parse(source)
        self.init(source: source, syntax: .success(node))
    }

    /// The syntax tree, or the parse error when the source is not a valid expression.
    public var parsed: Result<ExpressionNode, ExpressionParseError> { syntax }

    /// The parse error, if the source does not parse.
    public var parseError: ExpressionParseError? {
        if case .failure(let e) = syntax { return e }
        return nil
    }

    /// Every field reference of the expression (empty when it does not parse).
    public var references: [FieldReference] {
        if case .success(let node) = syntax { return node.references }
        return []
    }

    static func parse(_ source: String) -> Result<ExpressionNode, ExpressionParseError> {
        do {
            return .success(try ExpressionParser.parse(source))
        } catch {
            return .failure(error)
        }
    }
}
