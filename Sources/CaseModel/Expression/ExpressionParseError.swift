/// Why an expression could not be parsed, and where (1-based column in the source).
public struct ExpressionParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based column (in characters) where the problem starts.
    public var column: Int
    /// What is wrong, without the column.
    public var message: LocalizedText
    public init(column: Int, message: LocalizedText) {
        self.column = column
        self.message = message
    }

    /// The message with its column, in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .de: return "Spalte \(column): \(message.de)"
        case .en: return "column \(column): \(message.en)"
        }
    }

    public var description: String { text(.en) }
}
