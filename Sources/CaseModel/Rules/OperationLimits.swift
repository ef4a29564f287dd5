import Foundation

/// Bounds on what one operation may carry, so that what a case stores grows with what was
/// said, never without limit: checked by the central service (and the workstation) on every
/// operation, before the form rules.
///
/// The limits are documented in the sync API (`docs/openapi.yaml`). A text counts Unicode
/// characters (grapheme clusters), as a clerk would.
public struct OperationLimits: Hashable, Sendable {
    /// The longest comment.
    public var commentCharacters: Int
    /// The most comments one case keeps.
    public var commentsPerCase: Int
    /// The longest reason given for a state change.
    public var reasonCharacters: Int
    /// The longest text in a form value (a text field, a choice code, a part of a name).
    public var valueCharacters: Int
    /// The most rows of one repeat group.
    public var repeatRows: Int
    /// The longest part of a citizen's name or address.
    public var citizenTextCharacters: Int

    public init(
        commentCharacters: Int = 10_000, commentsPerCase: Int = 200, reasonCharacters: Int = 2_000,
        valueCharacters: Int = 10_000, repeatRows: Int = 50, citizenTextCharacters: Int = 200
    ) {
        self.commentCharacters = commentCharacters
        self.commentsPerCase = commentsPerCase
        self.reasonCharacters = reasonCharacters
        self.valueCharacters = valueCharacters
        self.repeatRows = repeatRows
        self.citizenTextCharacters = citizenTextCharacters
    }

    /// 10,000 characters a comment, 200 comments a case, 2,000 a reason, 10,000 a value,
    /// 50 rows a repeat group, 200 characters a part of a name or an address.
    public static let standard = OperationLimits()

    /// Why `operation` breaks a limit on `current` (nil for a new case), checked on `today`;
    /// nil when it keeps them all.
    public func check(_ operation: Operation, on current: Case?, today: LocalDate) -> Rejection? {
        switch operation.kind {
        case .createCase(let new):
            for (field, value) in new.fields.sorted(by: { $0.key < $1.key }) {
                if let rejection = check(value, field: field) { return rejection }
            }
            return new.citizen.flatMap { CitizenCheck(limits: self).check($0, today: today) }
        case .setField(let field, _, let new), .resolveConflict(let field, let new):
            return new.flatMap { check($0, field: field) }
        case .transition(_, _, let reason):
            guard let reason else { return nil }
            if reason.count > reasonCharacters { return LimitRejections.reasonTooLong(reasonCharacters) }
            return TextCheck.hasForbiddenCharacters(reason, multiline: true)
                ? LimitRejections.invisibleCharacters(.init(de: "Begründung", en: "reason")) : nil
        case .addComment(let text):
            if text.count > commentCharacters { return LimitRejections.commentTooLong(commentCharacters) }
            if TextCheck.hasForbiddenCharacters(text, multiline: true) {
                return LimitRejections.invisibleCharacters(.init(de: "Kommentar", en: "comment"))
            }
            if !TextCheck.isVisible(text) { return RuleRejections.emptyComment }
            if let current, current.comments.count >= commentsPerCase,
                !current.comments.contains(where: { $0.id == operation.id })
            {
                return LimitRejections.tooManyComments(commentsPerCase)
            }
            return nil
        case .updateCitizen(let citizen):
            return CitizenCheck(limits: self).check(citizen, today: today)
        case .claim, .release, .assign:
            return nil
        }
    }

    /// Why `value` of `field` breaks a limit; nil when it keeps them.
    public func check(_ value: FieldValue, field: String) -> Rejection? {
        switch value {
        case .text(let text), .choice(let text):
            if text.count > valueCharacters { return LimitRejections.valueTooLong(field, valueCharacters) }
            return TextCheck.hasForbiddenCharacters(text, multiline: true)
                ? LimitRejections.invisibleCharacters(.init(de: "Feld „\(field)“", en: "field '\(field)'"))
                : nil
        case .name(let name):
            return [name.given, name.family].lazy.compactMap { self.checkLine($0, field: field) }.first
        case .address(let address):
            return [address.street, address.houseNumber, address.postcode, address.city].lazy
                .compactMap { self.checkLine($0, field: field) }.first
        case .rows(let rows):
            if rows.count > repeatRows { return LimitRejections.tooManyRows(field, repeatRows) }
            for row in rows {
                for (sub, value) in row.sorted(by: { $0.key < $1.key }) {
                    if let rejection = check(value, field: "\(field).\(sub)") { return rejection }
                }
            }
            return nil
        case .number, .money, .date, .bool:
            return nil
        }
    }

    private func checkLine(_ text: String, field: String) -> Rejection? {
        if text.count > citizenTextCharacters {
            return LimitRejections.valueTooLong(field, citizenTextCharacters)
        }
        return TextCheck.hasForbiddenCharacters(text, multiline: false)
            ? LimitRejections.invisibleCharacters(.init(de: "Feld „\(field)“", en: "field '\(field)'")) : nil
    }
}

/// Checks of free text: control characters, direction overrides, text that shows nothing.
public enum TextCheck {
    /// Whether `text` holds a control character (other than line breaks and tabs where
    /// `multiline`) or a bidirectional override, which could make a text read other than it is.
    public static func hasForbiddenCharacters(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: return !multiline
            case 0x00...0x1F, 0x7F...0x9F: return true
            case 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    /// Whether `text` shows anything: not only white space and invisible characters (zero-width
    /// spaces and joiners, the byte-order mark, format characters).
    public static func isVisible(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            if scalar.properties.isWhitespace { return false }
            switch scalar.properties.generalCategory {
            case .format, .control, .unassigned, .surrogate, .privateUse: return false
            case .nonspacingMark, .enclosingMark, .spacingMark: return false
            default: break
            }
            // Characters that render as nothing though their category says otherwise.
            return ![0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800].contains(scalar.value)
        }
    }
}

/// Checks of a citizen's data as a clerk entered it.
public struct CitizenCheck: Sendable {
    public var limits: OperationLimits

    public init(limits: OperationLimits = .standard) {
        self.limits = limits
    }

    /// The earliest birth date accepted.
    public static let earliestBirth = LocalDate(year: 1900, month: 1, day: 1) ?? LocalDate(dayNumber: -25_567)

    /// Why `citizen` cannot be stored as entered on `today`; nil when it can.
    public func check(_ citizen: Citizen, today: LocalDate) -> Rejection? {
        let lines: [(String, LocalizedText, Bool)] = [
            (citizen.name.given, .init(de: "Vorname", en: "given name"), false),
            (citizen.name.family, .init(de: "Familienname", en: "family name"), true),
            (citizen.address.street, .init(de: "Straße", en: "street"), true),
            (citizen.address.houseNumber, .init(de: "Hausnummer", en: "house number"), false),
            (citizen.address.postcode, .init(de: "Postleitzahl", en: "postcode"), true),
            (citizen.address.city, .init(de: "Ort", en: "city"), true),
        ]
        for (text, label, required) in lines {
            if text.count > limits.citizenTextCharacters {
                return LimitRejections.citizenValue(label, .tooLong(limits.citizenTextCharacters))
            }
            if TextCheck.hasForbiddenCharacters(text, multiline: false) {
                return LimitRejections.citizenValue(label, .invisible)
            }
            if required && !TextCheck.isVisible(text) { return LimitRejections.citizenValue(label, .missing) }
        }
        let postcode = citizen.address.postcode
        if !(postcode.count == 5 && postcode.allSatisfy { $0.isASCII && $0.isNumber }) {
            return LimitRejections.citizenValue(.init(de: "Postleitzahl", en: "postcode"), .format)
        }
        if citizen.dateOfBirth < Self.earliestBirth || citizen.dateOfBirth > today {
            return LimitRejections.citizenValue(.init(de: "Geburtsdatum", en: "date of birth"), .birthDate)
        }
        if let phone = citizen.phone, !Self.isPhone(phone) {
            return LimitRejections.citizenValue(.init(de: "Telefon", en: "phone"), .format)
        }
        if let email = citizen.email, !Self.isEmail(email) {
            return LimitRejections.citizenValue(.init(de: "E-Mail", en: "e-mail"), .format)
        }
        return nil
    }

    /// A phone number as people write it: an optional leading `+`, then digits with spaces,
    /// `-`, `/`, `(` and `)`; 3 to 20 digits.
    public static func isPhone(_ text: String) -> Bool {
        guard text.count <= 40 else { return false }
        var digits = 0
        for (index, character) in text.enumerated() {
            if character.isASCII && character.isNumber {
                digits += 1
            } else if character == "+" {
                if index != 0 { return false }
            } else if !" -/()".contains(character) {
                return false
            }
        }
        return (3...20).contains(digits)
    }

    /// An e-mail address of the form `local@domain.tld`, without spaces or control
    /// characters, at most 254 characters.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace }),
            !TextCheck.hasForbiddenCharacters(text, multiline: false)
        else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && (labels.last?.count ?? 0) >= 2
    }
}
