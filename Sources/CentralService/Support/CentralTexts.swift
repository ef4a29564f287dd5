import CaseModel

/// The clerk-facing texts of the central service (German first, English alternative).
public enum CentralTexts {
    /// The same text for a case of another org unit and for an unknown case: it reveals nothing.
    public static let forbiddenCase = LocalizedText(
        de: "Kein Zugriff auf diesen Vorgang.", en: "No access to this case.")
    static let clerkMismatch = LocalizedText(
        de: "Vorgänge dürfen nur unter der eigenen Kennung übertragen werden.",
        en: "Operations may only be pushed under your own clerk id.")
    static func unknownState(_ state: String) -> LocalizedText {
        .init(de: "Unbekannter Status „\(state)“.", en: "Unknown state “\(state)”.")
    }
    static func channelNotAllowed(_ channel: Channel) -> LocalizedText {
        .init(
            de: "Diese Leistung kann nicht über den Kanal „\(channel.rawValue)“ beantragt werden.",
            en: "This service cannot be applied for through “\(channel.rawValue)”.")
    }
    static func transitionNotAllowed(_ from: String, _ to: String) -> LocalizedText {
        .init(
            de: "Der Statuswechsel von „\(from)“ nach „\(to)“ ist nicht vorgesehen.",
            en: "Moving from “\(from)” to “\(to)” is not allowed.")
    }
    static let roleNotAllowed = LocalizedText(
        de: "Ihre Rolle darf diesen Statuswechsel nicht vornehmen.",
        en: "Your role may not make this move.")
    static let reasonRequired = LocalizedText(
        de: "Für diesen Statuswechsel ist eine Begründung nötig.", en: "This move needs a reason.")
}
