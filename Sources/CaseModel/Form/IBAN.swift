/// International bank account numbers (ISO 13616): length per country and the mod-97 check.
public enum IBAN {
    /// The IBAN length of every country in the IBAN registry (ISO 13616, as published by SWIFT,
    /// release 2024: 89 countries and territories). An IBAN of any other country code is refused.
    public static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
        "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
        "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
        "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
        "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// The IBAN without spaces, in capitals, if it is well-formed and its check digits are right.
    /// Spaces and hyphens between the characters are allowed, as IBANs are often written.
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let compact = String(input.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        let example = "DE89 3704 0044 0532 0130 00"
        guard compact.count >= 4, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            compact.prefix(2).allSatisfy(\.isLetter), compact.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else {
            return .failure(
                InputProblem(
                    de:
                        "Bitte eine IBAN eingeben: Ländercode, zwei Prüfziffern, Kontonummer, z. B. \(example).",
                    en:
                        "Please enter an IBAN: country code, two check digits, account number, e.g. \(example)."
                ))
        }
        let country = String(compact.prefix(2))
        guard let length = lengths[country] else {
            return .failure(
                InputProblem(
                    de:
                        "„\(country)“ ist kein Ländercode einer IBAN. Bitte die ersten beiden Buchstaben prüfen.",
                    en: "'\(country)' is not the country code of an IBAN. Please check the first two letters."
                ))
        }
        if compact.count != length {
            let de = country == "DE" ? "Eine deutsche IBAN" : "Eine IBAN aus \(country)"
            let en = country == "DE" ? "A German IBAN" : "An IBAN from \(country)"
            return .failure(
                InputProblem(
                    de: "\(de) hat \(length) Zeichen, eingegeben wurden \(compact.count).",
                    en: "\(en) has \(length) characters; \(compact.count) were entered."))
        }
        if country == "DE", !compact.dropFirst(4).allSatisfy(\.isNumber) {
            return .failure(
                InputProblem(
                    de: "Nach „DE“ und den Prüfziffern hat eine deutsche IBAN nur Ziffern.",
                    en: "After 'DE' and the check digits a German IBAN has digits only."))
        }
        guard hasValidChecksum(compact) else {
            return .failure(
                InputProblem(
                    de: "Die Prüfziffer der IBAN stimmt nicht. Bitte jede Stelle noch einmal prüfen.",
                    en: "The IBAN's check digits do not match. Please check every character again."))
        }
        return .success(compact)
    }

    /// Whether the ISO 7064 mod-97-10 check of a compact IBAN gives 1.
    public static func hasValidChecksum(_ compact: String) -> Bool {
        guard compact.count >= 5 else { return false }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for ch in rearranged {
            guard ch.isASCII, let ascii = ch.asciiValue else { return false }
            let value: Int
            switch ascii {
            case 48...57: value = Int(ascii - 48)
            case 65...90: value = Int(ascii - 55)
            default: return false
            }
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97
        }
        return remainder == 1
    }

    /// "DE89 3704 0044 0532 0130 00": groups of four, as printed.
    public static func grouped(_ compact: String) -> String {
        var out = ""
        for (i, ch) in compact.enumerated() {
            if i > 0, i % 4 == 0 { out.append(" ") }
            out.append(ch)
        }
        return out
    }
}
