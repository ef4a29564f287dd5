import CaseModel

/// The body of every 4xx and 5xx answer: a stable code and a message for people.
public struct ErrorBody: Hashable, Sendable, Codable {
    /// A stable machine code, e.g. `unknown_field` or `token_expired`.
    public var code: String
    public var message: LocalizedText

    public init(code: String, message: LocalizedText) {
        self.code = code
        self.message = message
    }
}
