/// The citizen on record as the phone screen may show it: masked until the caller is verified.
///
/// Before verification no personal data is shown or said: name, date of birth, address and the
/// number on record are masked. With an information block (Auskunftssperre) the address is
/// never shown in phone mode, not even after verification, so it cannot be read out.
public struct CallerDetails: Hashable, Sendable {
    /// One item of personal data as it may be shown.
    public enum Item: Hashable, Sendable {
        case shown(String)
        /// Hidden until the caller is verified.
        case masked
        /// Never given out on the phone (information block).
        case withheld(LocalizedText)

        /// The text for the screen: the value, "•••" or the reason it is withheld.
        public func text(_ language: Language = .de) -> String {
            switch self {
            case .shown(let s): s
            case .masked: CallerDetails.mask
            case .withheld(let reason): reason.text(language)
            }
        }
    }

    /// What stands in for masked data.
    public static let mask = "•••••"

    public var name: Item
    public var dateOfBirth: Item
    public var address: Item
    /// The number on record, for a callback; masked to its last two digits before verification.
    public var phoneOnRecord: Item
    public var informationBlock: Bool

    /// The notice shown instead of the address of a citizen with an information block.
    public static let informationBlockNotice = LocalizedText(
        de: "Auskunftssperre – Anschrift wird am Telefon nicht genannt",
        en: "Information block – the address is never given out by phone")

    /// How `citizen` may be shown, given whether the caller has been verified.
    public init(citizen: Citizen, verified: Bool) {
        informationBlock = citizen.informationBlock
        guard verified else {
            name = .masked
            dateOfBirth = .masked
            address = citizen.informationBlock ? .withheld(CallerDetails.informationBlockNotice) : .masked
            phoneOnRecord = citizen.phone.map { .shown(CallerDetails.lastDigits($0)) } ?? .masked
            return
        }
        name = .shown(citizen.name.spoken)
        dateOfBirth = .shown(SpokenGerman.date(citizen.dateOfBirth))
        address =
            citizen.informationBlock
            ? .withheld(CallerDetails.informationBlockNotice) : .shown(citizen.address.singleLine)
        phoneOnRecord = citizen.phone.map { .shown(SpokenGerman.phone($0)) } ?? .masked
    }

    /// "••• ••45": only the last two digits of a number.
    static func lastDigits(_ number: String) -> String {
        let digits = number.filter(\.isNumber)
        return "••• ••" + String(digits.suffix(2))
    }
}
