import Foundation

/// Reading person names as typed: "Maria Huber" or "Huber, Maria".
public enum PersonNameParsing {
    /// Parses a name; the last word is the family name unless a comma separates "Family, Given".
    public static func parse(_ input: String) -> Result<PersonName, InputProblem> {
        let text = input.trimmingCharacters(in: .whitespaces)
        let name: PersonName
        if let comma = text.firstIndex(of: ",") {
            name = PersonName(
                given: text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces),
                family: text[..<comma].trimmingCharacters(in: .whitespaces))
        } else {
            let words = text.split(separator: " ")
            name = PersonName(
                given: words.dropLast().joined(separator: " "), family: words.last.map(String.init) ?? "")
        }
        if let problem = check(name) { return .failure(problem) }
        return .success(name)
    }

    /// What is wrong with `name`, or nil: both parts present, only letters, spaces, - ' and .
    public static func check(_ name: PersonName) -> InputProblem? {
        guard !name.given.isEmpty, !name.family.isEmpty else {
            return InputProblem(
                de: "Bitte Vor- und Nachnamen eingeben, z. B. „Maria Huber“ oder „Huber, Maria“.",
                en: "Please enter given and family name, e.g. 'Maria Huber' or 'Huber, Maria'.")
        }
        let allowed: (Character) -> Bool = { $0.isLetter || " -'’.".contains($0) }
        guard (name.given + name.family).allSatisfy(allowed) else {
            return InputProblem(
                de: "Ein Name enthält nur Buchstaben, Leerzeichen, Bindestriche, Apostrophe und Punkte.",
                en: "A name contains only letters, spaces, hyphens, apostrophes and dots.")
        }
        return nil
    }
}
