import CaseModel
import Foundation

/// Single realistic values: phone numbers, IBANs, licence plates, microchips, addresses.
public enum DemoValues {
    /// A Munich landline ("+49 89 …") or a German mobile number ("+49 1xx …").
    public static func phone(using rng: inout DemoRandom) -> String {
        if rng.chance(0.45) {
            return "+49 89 " + rng.digits(rng.int(in: 6...8))
        }
        let prefix = rng.pick([
            "151", "152", "157", "160", "162", "163", "170", "171", "172", "175", "176", "177",
        ])
        return "+49 \(prefix) " + rng.digits(rng.int(in: 7...8))
    }

    /// An e-mail address derived from a name (transliterated to ASCII), or a neutral one.
    public static func email(for name: PersonName, using rng: inout DemoRandom) -> String {
        let domain = rng.pick(["web.de", "gmx.de", "t-online.de", "gmail.com", "posteo.de", "mail.de"])
        let given = asciiLocalPart(name.given)
        let family = asciiLocalPart(name.family)
        guard !family.isEmpty else { return "buerger\(rng.digits(5))@\(domain)" }
        switch rng.below(3) {
        case 0: return given.isEmpty ? "\(family)@\(domain)" : "\(given).\(family)@\(domain)"
        case 1: return "\(given.prefix(1))\(family)\(rng.digits(2))@\(domain)"
        default: return "\(family).\(given)@\(domain)"
        }
    }

    /// Lower-case ASCII letters of a name (ä → ae, ß → ss, accents dropped); empty for other scripts.
    static func asciiLocalPart(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case " ", "-", "’", "'": out += out.isEmpty || out.hasSuffix("-") ? "" : "-"
            default:
                let folded = String(ch).folding(options: .diacriticInsensitive, locale: nil)
                if folded.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) {
                    out += folded
                } else if folded == "ł" {
                    out += "l"
                } else if folded == "ı" {
                    out += "i"
                } else {
                    return ""
                }
            }
        }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// Bank codes of banks with branches in Munich.
    static let munichBankCodes = [
        "70150000", "70020270", "70010080", "70070010", "70040041", "70090500", "70190000", "70051540",
    ]

    /// A German IBAN with a valid ISO 7064 mod-97 check number.
    public static func iban(using rng: inout DemoRandom) -> String {
        let bban = rng.pick(munichBankCodes) + rng.digits(10)
        let check = 98 - mod97(bban + "131400")  // "DE" → 13 14, then "00"
        let checkText = check < 10 ? "0\(check)" : "\(check)"
        return "DE" + checkText + bban
    }

    /// Whether an IBAN's check digits are right (ISO 13616).
    public static func isValidIBAN(_ iban: String) -> Bool {
        let compact = iban.replacingOccurrences(of: " ", with: "").uppercased()
        guard compact.count >= 15, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var digits = ""
        for ch in rearranged {
            if let v = ch.wholeNumberValue {
                digits += String(v)
            } else if let ascii = ch.asciiValue {
                digits += String(Int(ascii) - 55)
            }
        }
        return mod97(digits) == 1
    }

    static func mod97(_ digits: String) -> Int {
        var r = 0
        for ch in digits {
            guard let v = ch.wholeNumberValue else { continue }
            r = (r * 10 + v) % 97
        }
        return r
    }

    /// A Munich licence plate such as "M-XY 1234".
    public static func licencePlate(using rng: inout DemoRandom) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPRSTUVWXYZ")
        var middle = String(letters[rng.below(letters.count)])
        if rng.chance(0.7) { middle.append(letters[rng.below(letters.count)]) }
        let number = rng.int(in: 1...(rng.chance(0.6) ? 9999 : 999))
        return "M-\(middle) \(number)"
    }

    /// A 15-digit ISO 11784 transponder number with the German country code 276.
    public static func microchip(using rng: inout DemoRandom) -> String { "276" + rng.digits(12) }

    /// An address in another German town (a common street name, one of the town's postcodes).
    public static func otherTownAddress(using rng: inout DemoRandom) -> PostalAddress {
        let town = rng.pick(DemoVocabulary.otherTowns)
        return PostalAddress(
            street: rng.pick(DemoVocabulary.commonStreets), houseNumber: String(rng.int(in: 1...80)),
            postcode: town.postcode, city: town.city)
    }

    /// A Munich address on a real street with one of its real postcodes.
    public static func munichAddress(using rng: inout DemoRandom) -> PostalAddress {
        let street = rng.pick(MunichStreets.all)
        var number = String(rng.int(in: 1...(rng.chance(0.8) ? 60 : 180)))
        if rng.chance(0.08) { number += rng.pick(["a", "b", "c"]) }
        return PostalAddress(
            street: street.name, houseNumber: number, postcode: rng.pick(street.postcodes), city: "München")
    }
}
