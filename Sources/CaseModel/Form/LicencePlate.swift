import Foundation

/// German vehicle registration plates (FZV): district code, recognition letters, number, E/H suffix.
public enum LicencePlate {
    /// Normalizes e.g. "m ab 1234", "M-AB1234" or "M AB 1234E" to "M-AB 1234E".
    ///
    /// Checks: district code 1–3 letters (umlauts allowed), 1–2 recognition letters, 1–4 digits
    /// without a leading zero, optional suffix E (electric) or H (historic), and at most eight
    /// letters and digits together (without the suffix).
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let text = input.uppercased().trimmingCharacters(in: .whitespaces)
        let problem = InputProblem(
            de: "Bitte ein Kennzeichen wie „M-AB 1234“ eingeben: Ortskürzel (1–3 Buchstaben), "
                + "1–2 Buchstaben, 1–4 Ziffern ohne führende Null, ggf. E oder H am Ende.",
            en: "Please enter a plate like 'M-AB 1234': district code (1–3 letters), "
                + "1–2 letters, 1–4 digits without a leading zero, optionally E or H at the end.")
        var parts = text.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
        // "M AB1234" or "M-AB1234": split letters from digits in the second part.
        if parts.count == 2, let firstDigit = parts[1].firstIndex(where: \.isNumber) {
            let letters = String(parts[1][..<firstDigit])
            let rest = String(parts[1][firstDigit...])
            parts = [parts[0], letters, rest]
        }
        guard parts.count == 3 else { return .failure(problem) }
        let district = parts[0]
        let letters = parts[1]
        var number = parts[2]
        var suffix = ""
        if let last = number.last, last == "E" || last == "H" {
            suffix = String(last)
            number.removeLast()
        }
        let isLetter: (Character) -> Bool = { ("A"..."Z").contains($0) || "ÄÖÜ".contains($0) }
        guard (1...3).contains(district.count), district.allSatisfy(isLetter),
            (1...2).contains(letters.count), letters.allSatisfy({ ("A"..."Z").contains($0) }),
            (1...4).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .failure(problem) }
        guard number.first != "0" else {
            return .failure(
                InputProblem(
                    de: "Die Zahl eines Kennzeichens beginnt nicht mit 0.",
                    en: "The number of a plate does not start with 0."))
        }
        guard district.count + letters.count + number.count <= 8 else {
            return .failure(
                InputProblem(
                    de: "Ein Kennzeichen hat höchstens 8 Buchstaben und Ziffern (ohne E/H).",
                    en: "A plate has at most 8 letters and digits (without E/H)."))
        }
        return .success("\(district)-\(letters) \(number)\(suffix)")
    }
}
