/// Text in German and English; German is the default.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var de: String
    public var en: String
    public init(de: String, en: String) {
        self.de = de
        self.en = en
    }
    /// The text in `language`, falling back to German.
    public func text(_ language: Language) -> String { language == .en && !en.isEmpty ? en : de }
}

/// The interface language.
public enum Language: String, Sendable, Codable, CaseIterable {
    case de, en
}

/// How an application reached the city.
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    case counter, phone, field, online
}

/// What a clerk is allowed to do.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case counter, phone, field
    case teamLead = "team_lead"
}
