import Foundation

/// Reading and checking postal addresses: street, house number, postcode, city.
public enum PostalAddressCheck {
    /// The range of Munich postcodes (80331 to 81929).
    public static let munichPostcodes = 80331...81929

    /// Parses "Marienplatz 8, 80331 München" (the city may be left out for Munich-only fields).
    public static func parse(_ input: String, munichOnly: Bool) -> Result<PostalAddress, InputProblem> {
        let example = "Marienplatz 8, 80331 München"
        let problem = InputProblem(
            de: "Bitte die Anschrift als „Straße Hausnummer, PLZ Ort“ eingeben, z. B. „\(example)“.",
            en: "Please enter the address as 'street number, postcode city', e.g. '\(example)'.")
        let text = input.trimmingCharacters(in: .whitespaces)
        guard let comma = text.lastIndex(of: ",") else { return .failure(problem) }
        let streetPart = text[..<comma].trimmingCharacters(in: .whitespaces)
        let cityPart = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        guard let split = splitStreet(streetPart) else {
            return .failure(
                InputProblem(
                    de:
                        "Bitte Straße und Hausnummer angeben, z. B. „Marienplatz 8“ oder „Leopoldstraße 12a“.",
                    en: "Please give street and house number, e.g. 'Marienplatz 8' or 'Leopoldstraße 12a'."))
        }
        let postcode = String(cityPart.prefix(while: { $0.isNumber }))
        var city = cityPart.dropFirst(postcode.count).trimmingCharacters(in: .whitespaces)
        if city.isEmpty, munichOnly { city = "München" }
        let address = PostalAddress(
            street: split.street, houseNumber: split.number, postcode: postcode, city: city)
        if let issue = check(address, munichOnly: munichOnly) { return .failure(issue) }
        return .success(address)
    }

    /// What is wrong with `address`, or nil when it is fine.
    public static func check(_ address: PostalAddress, munichOnly: Bool) -> InputProblem? {
        if address.street.trimmingCharacters(in: .whitespaces).isEmpty
            || !address.street.contains(where: \.isLetter)
        {
            return InputProblem(de: "Bitte die Straße angeben.", en: "Please give the street.")
        }
        if !isHouseNumber(address.houseNumber) {
            return InputProblem(
                de: "Bitte eine Hausnummer wie „8“, „12a“ oder „3-5“ angeben.",
                en: "Please give a house number like '8', '12a' or '3-5'.")
        }
        guard address.postcode.count == 5, address.postcode.allSatisfy({ $0.isASCII && $0.isNumber }),
            let code = Int(address.postcode), code >= 1001
        else {
            return InputProblem(
                de: "Eine Postleitzahl hat fünf Ziffern, z. B. 80331.",
                en: "A postcode has five digits, e.g. 80331.")
        }
        if munichOnly {
            guard munichPostcodes.contains(code) else {
                return InputProblem(
                    de: "\(address.postcode) ist keine Münchner Postleitzahl (80331 bis 81929).",
                    en: "\(address.postcode) is not a Munich postcode (80331 to 81929).")
            }
            let city = address.city.lowercased()
            guard city == "münchen" || city == "muenchen" || city == "munich" else {
                return InputProblem(
                    de: "Die Anschrift muss in München liegen, nicht in „\(address.city)“.",
                    en: "The address must be in Munich, not in '\(address.city)'.")
            }
        } else if !address.city.contains(where: \.isLetter) {
            return InputProblem(de: "Bitte den Ort angeben.", en: "Please give the city.")
        }
        return nil
    }

    /// "8", "12a", "12 a", "3-5", "3–5", "7/1".
    static func isHouseNumber(_ text: String) -> Bool {
        let t = text.replacingOccurrences(of: " ", with: "").lowercased()
        let pieces = t.split(omittingEmptySubsequences: false, whereSeparator: { "-–/".contains($0) })
        guard (1...2).contains(pieces.count) else { return false }
        return pieces.allSatisfy { piece in
            let digits = piece.prefix(while: { $0.isASCII && $0.isNumber })
            let rest = piece.dropFirst(digits.count)
            return (1...4).contains(digits.count) && digits.first != "0"
                && (rest.isEmpty || (rest.count == 1 && rest.allSatisfy { ("a"..."z").contains($0) }))
        }
    }

    /// Splits "Leopoldstraße 12a" into street and house number.
    static func splitStreet(_ text: String) -> (street: String, number: String)? {
        let words = text.split(separator: " ")
        guard words.count >= 2 else { return nil }
        // The house number starts at the first word that begins with a digit after the street.
        guard let index = words.indices.dropFirst().first(where: { words[$0].first?.isNumber == true }) else {
            return nil
        }
        let street = words[..<index].joined(separator: " ")
        let number = words[index...].joined(separator: " ")
        return (street, number)
    }
}
