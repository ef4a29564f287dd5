import Foundation

extension FormEngine {
    /// What is wrong with a present value of `field` (type, format, bounds, length), or nil.
    ///
    /// Required, relevance and constraints are handled by `validate`.
    public static func check(_ value: FieldValue, _ field: FieldDefinition) -> InputProblem? {
        switch (field.type, value) {
        case (.text, .text(let s)), (.longText, .text(let s)):
            if let max = field.maxLength, s.count > max {
                return InputProblem(
                    .outOfRange, de: "Bitte höchstens \(max) Zeichen eingeben (jetzt \(s.count)).",
                    en: "Please enter at most \(max) characters (now \(s.count)).")
            }
            return nil
        case (.number, .number(let d)):
            return checkBounds(
                d, field, parse: { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
            ) {
                NumberText.german($0)
            }
        case (.money, .money(let cents)):
            return checkBounds(cents, field, parse: { Int64($0) }) { NumberText.euros(cents: $0) }
        case (.date, .date(let d)):
            return checkDateBounds(d, field)
        case (.yesNo, .bool):
            return nil
        case (.choice, .choice(let code)):
            return field.choices.contains(where: { $0.code == code }) ? nil : choiceProblem(field)
        case (.personName, .name(let n)):
            return PersonNameParsing.check(n)
        case (.address, .address(let a)):
            return PostalAddressCheck.check(a, munichOnly: field.requiresMunichAddress)
        case (.phone, .text(let s)):
            return problem(PhoneNumber.normalize(s))
        case (.email, .text(let s)):
            return problem(EmailAddress.normalize(s))
        case (.iban, .text(let s)):
            return problem(IBAN.normalize(s))
        case (.licencePlate, .text(let s)):
            return problem(LicencePlate.normalize(s))
        case (.microchip, .text(let s)):
            return problem(Microchip.normalize(s))
        case (.repeatGroup, .rows):
            return nil
        default:
            let stored = ExpressionValue(value).typeName
            return InputProblem(
                .wrongType,
                de: "Der gespeicherte Wert (\(stored.de)) passt nicht zum Feldtyp „\(field.type.rawValue)“.",
                en: "The stored value (\(stored.en)) does not fit the field type '\(field.type.rawValue)'.")
        }
    }

    private static func problem(_ result: Result<String, InputProblem>) -> InputProblem? {
        if case .failure(let p) = result { return p }
        return nil
    }

    private static func checkBounds<T: Comparable>(
        _ value: T, _ field: FieldDefinition, parse: (String) -> T?, show: (T) -> String
    ) -> InputProblem? {
        if let text = field.minimum, let min = parse(text), value < min {
            return InputProblem(
                .outOfRange, de: "Bitte einen Wert von mindestens \(show(min)) eingeben.",
                en: "Please enter a value of at least \(show(min)).")
        }
        if let text = field.maximum, let max = parse(text), value > max {
            return InputProblem(
                .outOfRange, de: "Bitte einen Wert von höchstens \(show(max)) eingeben.",
                en: "Please enter a value of at most \(show(max)).")
        }
        return nil
    }

    private static func checkDateBounds(_ date: LocalDate, _ field: FieldDefinition) -> InputProblem? {
        if let text = field.minimum, let min = LocalDate(parsing: text), date < min {
            return InputProblem(
                .outOfRange, de: "Das Datum darf nicht vor dem \(min.german) liegen.",
                en: "The date must not be before \(min.german).")
        }
        if let text = field.maximum, let max = LocalDate(parsing: text), date > max {
            return InputProblem(
                .outOfRange, de: "Das Datum darf nicht nach dem \(max.german) liegen.",
                en: "The date must not be after \(max.german).")
        }
        return nil
    }
}
