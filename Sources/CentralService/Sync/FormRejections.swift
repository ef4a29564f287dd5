import CaseModel

/// The rejections of `FormOperationValidator`, naming the field and the problem (German first).
public enum FormRejections {
    /// A field id the form of this service version does not have.
    public static func unknownField(_ path: String, service: ServiceDefinition) -> Rejection {
        Rejection(
            code: "unknown_field",
            message: .init(
                de:
                    "Das Feld „\(path)“ gibt es im Formular „\(service.title.de)“ (Version \(service.version)) nicht.",
                en: "The form '\(service.title.en)' (version \(service.version)) has no field '\(path)'."))
    }

    /// A value the field does not accept (type, format, bounds, constraint, rows).
    public static func invalidValue(_ label: LocalizedText, path: String, _ problem: LocalizedText)
        -> Rejection
    {
        Rejection(
            code: "invalid_value",
            message: .init(
                de: "Feld „\(label.de)“ (\(path)): \(problem.de)",
                en: "Field '\(label.en)' (\(path)): \(problem.en)"))
    }

    /// A value for a field that is not asked with the other values.
    public static func irrelevantField(_ label: LocalizedText, path: String) -> Rejection {
        Rejection(
            code: "irrelevant_field",
            message: .init(
                de:
                    "Feld „\(label.de)“ (\(path)) wird bei diesen Angaben nicht abgefragt und darf keinen Wert haben.",
                en: "Field '\(label.en)' (\(path)) is not asked with these answers and must stay empty."))
    }

    /// A calculated field cannot be typed in.
    public static func calculatedField(_ label: LocalizedText, path: String) -> Rejection {
        Rejection(
            code: "calculated_field",
            message: .init(
                de: "Feld „\(label.de)“ (\(path)) wird berechnet und kann nicht eingegeben werden.",
                en: "Field '\(label.en)' (\(path)) is calculated and cannot be entered."))
    }

    /// A decision needs a complete, valid form.
    public static func formIncomplete(
        _ label: LocalizedText, path: String, _ problem: LocalizedText, more: Int
    )
        -> Rejection
    {
        let moreDE = more > 0 ? " (und \(more) weitere \(more == 1 ? "Angabe" : "Angaben"))" : ""
        let moreEN = more > 0 ? " (and \(more) more)" : ""
        return Rejection(
            code: "form_incomplete",
            message: .init(
                de:
                    "Vor der Entscheidung muss das Formular vollständig sein. Feld „\(label.de)“ (\(path)): \(problem.de)\(moreDE)",
                en:
                    "The form must be complete before a decision. Field '\(label.en)' (\(path)): \(problem.en)\(moreEN)"
            ))
    }

    /// A decision while a field conflict is still open.
    public static func conflictsOpen(_ label: LocalizedText, path: String) -> Rejection {
        Rejection(
            code: "conflicts_open",
            message: .init(
                de: "Vor der Entscheidung muss der Konflikt im Feld „\(label.de)“ (\(path)) geklärt sein.",
                en: "The conflict in field '\(label.en)' (\(path)) must be resolved before a decision."))
    }
}
