import Foundation

extension FormEngine {
    /// Reads what a clerk typed into a field of type `field.type`; empty input is a missing value.
    ///
    /// Calculated fields and repeat groups cannot be typed in and always fail.
    public static func parse(input: String, for field: FieldDefinition) -> Result<FieldValue, FieldIssue> {
        switch parseOptional(input: input, for: field) {
        case .success(let value?): return .success(value)
        case .success(nil):
            return .failure(
                FieldIssue(fieldID: field.id, kind: .required, message: requiredMessage(field)))
        case .failure(let issue): return .failure(issue)
        }
    }

    /// Like `parse(input:for:)`, but empty input (only spaces) gives `nil` — the field is cleared.
    public static func parseOptional(input: String, for field: FieldDefinition) -> Result<
        FieldValue?, FieldIssue
    > {
        let isBlank = input.allSatisfy(\.isWhitespace)
        if isBlank, field.type != .repeatGroup, field.calculate == nil { return .success(nil) }
        switch read(input, field) {
        case .success(let value):
            if let problem = check(value, field) {
                return .failure(FieldIssue(fieldID: field.id, kind: problem.kind, message: problem.message))
            }
            return .success(value)
        case .failure(let problem):
            return .failure(FieldIssue(fieldID: field.id, kind: problem.kind, message: problem.message))
        }
    }

    /// Turns text into a value of the field's type (format only; bounds come from `check`).
    static func read(_ input: String, _ field: FieldDefinition) -> Result<FieldValue, InputProblem> {
        if field.calculate != nil {
            return .failure(
                InputProblem(
                    .invalidFormat, de: "Dieses Feld wird berechnet und kann nicht eingegeben werden.",
                    en: "This field is calculated and cannot be entered."))
        }
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field.type {
        case .text:
            guard !trimmed.contains(where: \.isNewline) else {
                return .failure(
                    InputProblem(de: "Bitte nur eine Zeile eingeben.", en: "Please enter a single line only.")
                )
            }
            return .success(.text(trimmed))
        case .longText:
            return .success(.text(trimmed))
        case .number:
            guard let value = NumberText.parseDecimal(trimmed) else {
                return .failure(
                    InputProblem(
                        de: "Bitte eine Zahl eingeben, z. B. 12 oder 12,5.",
                        en: "Please enter a number, e.g. 12 or 12.5."))
            }
            return .success(.number(value))
        case .money:
            return readMoney(trimmed).map { .money(cents: $0) }
        case .date:
            return readDate(trimmed).map { .date($0) }
        case .yesNo:
            switch trimmed.lowercased() {
            case "ja", "j", "yes", "y": return .success(.bool(true))
            case "nein", "n", "no": return .success(.bool(false))
            default:
                return .failure(
                    InputProblem(de: "Bitte „ja“ oder „nein“ eingeben.", en: "Please enter 'yes' or 'no'."))
            }
        case .choice:
            let lower = trimmed.lowercased()
            if let option = field.choices.first(where: { $0.code == trimmed })
                ?? field.choices.first(where: {
                    $0.code.lowercased() == lower || $0.label.de.lowercased() == lower
                        || $0.label.en.lowercased() == lower
                })
            {
                return .success(.choice(option.code))
            }
            return .failure(choiceProblem(field))
        case .personName:
            return PersonNameParsing.parse(trimmed).map { .name($0) }
        case .address:
            return PostalAddressCheck.parse(trimmed, munichOnly: field.requiresMunichAddress).map {
                .address($0)
            }
        case .phone:
            return PhoneNumber.normalize(trimmed).map { .text($0) }
        case .email:
            return EmailAddress.normalize(trimmed).map { .text($0) }
        case .iban:
            return IBAN.normalize(trimmed).map { .text($0) }
        case .licencePlate:
            return LicencePlate.normalize(trimmed).map { .text($0) }
        case .microchip:
            return Microchip.normalize(trimmed).map { .text($0) }
        case .repeatGroup:
            return .failure(
                InputProblem(
                    de: "Eine Wiederholungsgruppe wird zeilenweise ausgefüllt, nicht als Text.",
                    en: "A repeat group is filled in row by row, not as text."))
        }
    }

    /// Reads a euro amount like "12,50", "12,50 €" or "1.500" as cents (at most two decimals).
    public static func parseAmount(_ text: String) -> Result<Int64, InputProblem> {
        readMoney(text.trimmingCharacters(in: .whitespaces))
    }

    static func readMoney(_ text: String) -> Result<Int64, InputProblem> {
        var t = text
        for unit in ["€", "EUR", "Euro", "eur", "euro"] where t.hasSuffix(unit) {
            t = String(t.dropLast(unit.count))
            break
        }
        let problem = InputProblem(
            de: "Bitte einen Betrag in Euro eingeben, z. B. 12,50 oder 12,50 €.",
            en: "Please enter an amount in euros, e.g. 12.50 or 12,50 €.")
        guard let euros = NumberText.parseDecimal(t) else { return .failure(problem) }
        guard MoneyMath.round(euros, scale: 2) == euros else {
            return .failure(
                InputProblem(
                    de: "Ein Betrag hat höchstens zwei Nachkommastellen (Cent), z. B. 12,50 €.",
                    en: "An amount has at most two decimals (cents), e.g. 12.50 €."))
        }
        guard let cents = try? MoneyMath.cents(euros: euros) else {
            return .failure(
                InputProblem(.outOfRange, de: "Der Betrag ist zu groß.", en: "The amount is too large."))
        }
        return .success(cents)
    }

    static func readDate(_ text: String) -> Result<LocalDate, InputProblem> {
        if let date = LocalDate(parsing: text) { return .success(date) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let looksLikeDate =
            (parts.count == 3 && parts[2].count == 4
                && parts.allSatisfy { $0.allSatisfy(\.isNumber) && !$0.isEmpty })
            || (iso.count == 3 && iso[0].count == 4
                && iso.allSatisfy { $0.allSatisfy(\.isNumber) && !$0.isEmpty })
        if looksLikeDate {
            return .failure(
                InputProblem(
                    de: "Den \(text) gibt es nicht im Kalender. Bitte Tag und Monat prüfen.",
                    en: "\(text) is not a day of the calendar. Please check day and month."))
        }
        return .failure(
            InputProblem(
                de: "Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 03.12.2026.",
                en: "Please enter a date as DD.MM.YYYY, e.g. 03.12.2026."))
    }

    static func choiceProblem(_ field: FieldDefinition) -> InputProblem {
        let de = field.choices.map { "\($0.code) (\($0.label.de))" }.joined(separator: ", ")
        let en = field.choices.map { "\($0.code) (\($0.label.en))" }.joined(separator: ", ")
        return InputProblem(
            de: "Bitte eine der Möglichkeiten wählen: \(de).", en: "Please choose one of: \(en).")
    }

    static func requiredMessage(_ field: FieldDefinition) -> LocalizedText {
        LocalizedText(
            de: "„\(field.label.de)“ ist ein Pflichtfeld. Bitte ausfüllen.",
            en: "'\(field.label.en)' is required. Please fill it in.")
    }
}
