/// The rejections of `OperationLimits` and `CitizenCheck`, each with a stable code.
public enum LimitRejections {
    /// What is wrong with a citizen's value.
    public enum CitizenProblem: Sendable {
        case missing, tooLong(Int), invisible, format, birthDate
    }

    public static func commentTooLong(_ limit: Int) -> Rejection {
        .init(
            code: "comment_too_long",
            message: .init(
                de: "Der Kommentar ist zu lang (höchstens \(limit) Zeichen).",
                en: "The comment is too long (at most \(limit) characters)."))
    }

    public static func tooManyComments(_ limit: Int) -> Rejection {
        .init(
            code: "too_many_comments",
            message: .init(
                de: "Der Vorgang hat schon \(limit) Kommentare; mehr sind nicht möglich.",
                en: "The case already has \(limit) comments; no more can be added."))
    }

    public static func reasonTooLong(_ limit: Int) -> Rejection {
        .init(
            code: "reason_too_long",
            message: .init(
                de: "Die Begründung ist zu lang (höchstens \(limit) Zeichen).",
                en: "The reason is too long (at most \(limit) characters)."))
    }

    public static func valueTooLong(_ field: String, _ limit: Int) -> Rejection {
        .init(
            code: "value_too_long",
            message: .init(
                de: "Der Wert von „\(field)“ ist zu lang (höchstens \(limit) Zeichen).",
                en: "The value of '\(field)' is too long (at most \(limit) characters)."))
    }

    public static func tooManyRows(_ field: String, _ limit: Int) -> Rejection {
        .init(
            code: "too_many_rows",
            message: .init(
                de: "„\(field)“ hat zu viele Zeilen (höchstens \(limit)).",
                en: "'\(field)' has too many rows (at most \(limit))."))
    }

    public static func invisibleCharacters(_ what: LocalizedText) -> Rejection {
        .init(
            code: "control_characters",
            message: .init(
                de: "\(what.de) enthält Steuerzeichen, die nicht gespeichert werden.",
                en: "The \(what.text(.en)) contains control characters, which are not stored."))
    }

    public static func citizenValue(_ label: LocalizedText, _ problem: CitizenProblem) -> Rejection {
        let (de, en): (String, String)
        switch problem {
        case .missing: (de, en) = ("fehlt", "is missing")
        case .tooLong(let limit):
            (de, en) = (
                "ist zu lang (höchstens \(limit) Zeichen)", "is too long (at most \(limit) characters)"
            )
        case .invisible: (de, en) = ("enthält Steuerzeichen", "contains control characters")
        case .format: (de, en) = ("hat kein gültiges Format", "is not in a valid format")
        case .birthDate:
            (de, en) = ("muss zwischen 01.01.1900 und heute liegen", "must lie between 1900-01-01 and today")
        }
        return .init(
            code: "invalid_citizen",
            message: .init(
                de: "Bürgerdaten: \(label.de) \(de).", en: "Citizen data: the \(label.text(.en)) \(en)."))
    }
}
