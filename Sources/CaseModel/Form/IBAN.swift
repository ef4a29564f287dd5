/// International bank account numbers (ISO 13616): length per country and the mod-97 check.
public enum IBAN {
    /// IBAN lengths of the SEPA countries clerks meet most often.
    public static let lengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
        "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27,
        "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25,
        "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    ]

    /// The IBAN without spaces, in capitals, if it is well-formed and its check digits are right.
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let compact = String(input.uppercased().filter { !$0.isWhitespace })
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
        if let length = lengths[country], compact.count != length {
            let de = country == "DE" ? "Eine deutsche IBAN" : "Eine IBAN aus \(country)"
            let en = country == "DE" ? "A German IBAN" : "An IBAN from \(country)"
            return .failure(
                InputProblem(
                    de: "\(de) hat \(length) Zeichen, eingegeben wurden \(compact.count).",
                    en: "\(en) has \(length) characters; \(compact.count) were entered."))
        }
        if lengths[country] == nil, !(15...34).contains(compact.count) {
            return .failure(
                InputProblem(
                    de: "Eine IBAN hat 15 bis 34 Zeichen, eingegeben wurden \(compact.count).",
                    en: "An IBAN has 15 to 34 characters; \(compact.count) were entered."))
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
