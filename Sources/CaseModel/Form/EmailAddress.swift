import Foundation

/// E-mail addresses: one "@", a local part and a domain with at least one dot.
public enum EmailAddress {
    /// The trimmed address if it has the form name@domain.tld.
    public static func normalize(_ input: String) -> Result<String, InputProblem> {
        let text = input.trimmingCharacters(in: .whitespaces)
        let problem = InputProblem(
            de: "Bitte eine E-Mail-Adresse wie „name@beispiel.de“ eingeben.",
            en: "Please enter an e-mail address like 'name@example.com'.")
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else {
            return .failure(problem)
        }
        let localAllowed = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard parts[0].allSatisfy({ localAllowed.contains($0) }), !parts[0].hasPrefix("."),
            !parts[0].hasSuffix("."), !parts[0].contains("..")
        else { return .failure(problem) }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0 == "-" || $0.isLetter || $0.isNumber }
            }),
            let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return .failure(problem) }
        return .success(text)
    }
}
