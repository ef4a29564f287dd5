/// Animal transponder numbers (ISO 11784, 15 digits), e.g. for dogs.
public enum Microchip {
    /// The 15 digits without spaces, if the number is well-formed.
    ///
    /// Checks exactly this: 15 digits; the first three are either a manufacturer code (900–998)
    /// or lie in the range of ISO 3166-1 numeric country codes (004–894, e.g. 276 for Germany).
    /// 999 (test transponders), 000–003 and 895–899 are rejected. ISO 11784 has no check digit.
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let digits = String(input.filter { !$0.isWhitespace })
        guard digits.count == 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(
                InputProblem(
                    de: "Eine Chipnummer hat genau 15 Ziffern, z. B. 276 09 8100123456; "
                        + "eingegeben wurden \(digits.count) Zeichen.",
                    en: "A microchip number has exactly 15 digits, e.g. 276 09 8100123456; "
                        + "\(digits.count) characters were entered."))
        }
        let prefix = Int(digits.prefix(3)) ?? 0
        guard (4...894).contains(prefix) || (900...998).contains(prefix) else {
            return .failure(
                InputProblem(
                    de: "Die ersten drei Ziffern (\(digits.prefix(3))) sind weder ein Ländercode (004–894, "
                        + "z. B. 276 für Deutschland) noch ein Herstellercode (900–998).",
                    en: "The first three digits (\(digits.prefix(3))) are neither a country code (004–894, "
                        + "e.g. 276 for Germany) nor a manufacturer code (900–998)."))
        }
        return .success(digits)
    }
}
