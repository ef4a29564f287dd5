import Foundation

/// Telephone numbers as written in Germany: "089 233-12345", "+49 89 233 12345", "0171 1234567".
public enum PhoneNumber {
    /// The number as typed (trimmed) if it is a plausible German or international number.
    ///
    /// Separators (space, "-", "/", parentheses) are ignored, and "+49 (0) 89" is read as "+49 89".
    /// National numbers start with 0 and a non-zero digit, 6 to 14 digits in all; international
    /// ones start with + or 00 and a country code, at most 15 digits (ITU E.164).
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        let problem = InputProblem(
            de: "Bitte eine Telefonnummer mit Vorwahl eingeben, z. B. 089 233-12345 oder +49 89 233-12345.",
            en: "Please enter a phone number with area code, e.g. 089 233-12345 or +49 89 233-12345.")
        var text = trimmed.replacingOccurrences(of: "(0)", with: "")
        text = String(text.filter { !" -/()\u{00A0}".contains($0) })
        guard !text.isEmpty else { return .failure(problem) }
        var digits: Substring
        var international = false
        if text.hasPrefix("+") {
            digits = text.dropFirst()
            international = true
        } else if text.hasPrefix("00") {
            digits = text.dropFirst(2)
            international = true
        } else {
            digits = Substring(text)
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(problem) }
        if international {
            guard let first = digits.first, first != "0", (7...15).contains(digits.count) else {
                return .failure(problem)
            }
            if digits.hasPrefix("49") {
                guard digits.dropFirst(2).first != "0", (9...14).contains(digits.count) else {
                    return .failure(problem)
                }
            }
        } else {
            guard digits.first == "0", digits.dropFirst().first != "0", (6...14).contains(digits.count) else {
                return .failure(problem)
            }
        }
        return .success(trimmed)
    }
}
