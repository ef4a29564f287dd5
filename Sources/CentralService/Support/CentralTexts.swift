import CaseModel

/// The clerk-facing texts of the central service (German first, English alternative).
public enum CentralTexts {
    /// The same text for a case of another org unit and for an unknown case: it reveals nothing.
    public static let forbiddenCase = LocalizedText(
        de: "Kein Zugriff auf diesen Vorgang.", en: "No access to this case.")
    static let clerkMismatch = LocalizedText(
        de: "Vorgänge dürfen nur unter der eigenen Kennung übertragen werden.",
        en: "Operations may only be pushed under your own clerk id.")
    static func unknownService(_ service: String) -> LocalizedText {
        .init(
            de: "Die Leistung „\(service)“ steht nicht im Katalog.",
            en: "The service '\(service)' is not in the catalogue.")
    }
    static func unknownFormVersion(_ service: String, _ version: Int) -> LocalizedText {
        .init(
            de:
                "Die Formularversion \(version) der Leistung „\(service)“ ist dem Dienst nicht bekannt. Bitte den Katalog aktualisieren.",
            en:
                "Version \(version) of the form of '\(service)' is not known to the service. Please update the catalogue."
        )
    }
}
