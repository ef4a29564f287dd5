import Foundation

/// Something a caller can be asked to prove who they are.
public enum IdentityFactor: String, Hashable, Sendable, Codable, CaseIterable {
    case dateOfBirth = "date_of_birth"
    /// The postcode of the registered address.
    case postcode
    /// The name exactly as registered (given and family name).
    case registeredName = "registered_name"

    /// The question the clerk asks.
    public var question: LocalizedText {
        switch self {
        case .dateOfBirth: LocalizedText(de: "Wann sind Sie geboren?", en: "When were you born?")
        case .postcode:
            LocalizedText(
                de: "Wie lautet die Postleitzahl Ihrer gemeldeten Anschrift?",
                en: "What is the postcode of your registered address?")
        case .registeredName:
            LocalizedText(
                de: "Wie lautet Ihr Vor- und Nachname, so wie Sie gemeldet sind?",
                en: "What is your given and family name as registered?")
        }
    }

    /// The label on screen.
    public var label: LocalizedText {
        switch self {
        case .dateOfBirth: LocalizedText(de: "Geburtsdatum", en: "Date of birth")
        case .postcode: LocalizedText(de: "Postleitzahl", en: "Postcode")
        case .registeredName: LocalizedText(de: "Name wie gemeldet", en: "Name as registered")
        }
    }
}

/// What the caller said when asked to prove their identity (what was not asked stays nil).
public struct IdentityAnswers: Hashable, Sendable, Codable {
    public var dateOfBirth: String?
    public var postcode: String?
    public var registeredName: String?
    public init(dateOfBirth: String? = nil, postcode: String? = nil, registeredName: String? = nil) {
        self.dateOfBirth = dateOfBirth
        self.postcode = postcode
        self.registeredName = registeredName
    }

    /// The answer for `factor`, nil or blank when not given.
    public func answer(_ factor: IdentityFactor) -> String? {
        let text: String?
        switch factor {
        case .dateOfBirth: text = dateOfBirth
        case .postcode: text = postcode
        case .registeredName: text = registeredName
        }
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }
}

/// The result of checking a caller against the citizen on record: what matched, what did not.
///
/// A caller is verified when the date of birth and at least one more factor match and no
/// answer given contradicts the record.
public struct IdentityVerification: Hashable, Sendable, Codable {
    public var matched: [IdentityFactor]
    public var mismatched: [IdentityFactor]

    public init(matched: [IdentityFactor], mismatched: [IdentityFactor]) {
        self.matched = matched
        self.mismatched = mismatched
    }

    /// Whether the caller counts as the citizen on record.
    public var isVerified: Bool {
        mismatched.isEmpty && matched.contains(.dateOfBirth) && matched.count >= 2
    }

    /// Checks `answers` against `citizen`; names compare without regard to case, accents or spacing.
    public static func check(_ answers: IdentityAnswers, against citizen: Citizen) -> IdentityVerification {
        var matched: [IdentityFactor] = []
        var mismatched: [IdentityFactor] = []
        for factor in IdentityFactor.allCases {
            guard let answer = answers.answer(factor) else { continue }
            let matches: Bool
            switch factor {
            case .dateOfBirth:
                matches =
                    FormEngine.readDate(answer.trimmingCharacters(in: .whitespaces))
                    == .success(
                        citizen.dateOfBirth)
            case .postcode:
                matches = answer.filter(\.isNumber) == citizen.address.postcode.filter(\.isNumber)
            case .registeredName:
                let spoken = normalizedName(answer)
                matches =
                    spoken == normalizedName(citizen.name.spoken)
                    || spoken == normalizedName("\(citizen.name.family) \(citizen.name.given)")
                    || spoken == normalizedName(citizen.name.listForm)
            }
            if matches { matched.append(factor) } else { mismatched.append(factor) }
        }
        return IdentityVerification(matched: matched, mismatched: mismatched)
    }

    /// Lowercased, without accents, punctuation and repeated spaces; "ß" as "ss".
    static func normalizedName(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let letters = String(folded.map { (c: Character) -> Character in c.isLetter ? c : " " })
        return letters.split(separator: " ").map(String.init).joined(separator: " ")
    }

    /// "Geburtsdatum, Postleitzahl" — what matched, for the record and the screen.
    public var matchedText: LocalizedText {
        LocalizedText(
            de: matched.map(\.label.de).joined(separator: ", "),
            en: matched.map(\.label.en).joined(separator: ", "))
    }
}
