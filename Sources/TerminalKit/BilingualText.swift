/// A language the terminal layer can show text in.
public enum TextLanguage: String, Sendable, Hashable, CaseIterable {
    /// German, the default.
    case german = "de"
    /// English.
    case english = "en"
}

/// A short text in German (default) and English, e.g. a key label or an error message.
public struct BilingualText: Sendable, Hashable, CustomStringConvertible {
    /// German text.
    public var de: String
    /// English text.
    public var en: String

    /// Creates a text in both languages.
    public init(de: String, en: String) {
        self.de = de
        self.en = en
    }

    /// The text in one language.
    public func text(in language: TextLanguage) -> String {
        switch language {
        case .german: de
        case .english: en
        }
    }

    /// "German / English".
    public var description: String { de == en ? de : "\(de) / \(en)" }
}
