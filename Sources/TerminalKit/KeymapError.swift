/// A problem in a keymap file, with the file and position it was found at.
public struct KeymapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (as given to the loader).
    public var file: String
    /// One-based line, when known.
    public var line: Int?
    /// One-based column, when known.
    public var column: Int?
    /// What is wrong, in German and English.
    public var message: BilingualText

    /// Creates an error.
    public init(file: String, line: Int?, column: Int?, message: BilingualText) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// "file:line:column: message" in one language.
    public func text(in language: TextLanguage) -> String {
        location + ": " + message.text(in: language)
    }

    /// "file:line:column: German / English".
    public var description: String { location + ": " + message.description }

    private var location: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column {
                text += ":\(column)"
            }
        }
        return text
    }
}
