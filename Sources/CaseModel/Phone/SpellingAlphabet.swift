/// The German spelling alphabet of DIN 5009 (2022, city names), for spelling names on the phone.
///
/// "M wie München, A wie Aachen, …"; umlauts are "Umlaut Aachen" and so on, ß is "Eszett".
/// The 2022 table has no words for "Ch" and "Sch": they are spelled letter by letter.
public enum SpellingAlphabet {
    /// The word for each letter, in the order of the table.
    public static let table: [(letter: Character, word: String)] = [
        ("A", "Aachen"), ("Ä", "Umlaut Aachen"), ("B", "Berlin"), ("C", "Chemnitz"), ("D", "Düsseldorf"),
        ("E", "Essen"), ("F", "Frankfurt"), ("G", "Goslar"), ("H", "Hamburg"), ("I", "Ingelheim"),
        ("J", "Jena"), ("K", "Köln"), ("L", "Leipzig"), ("M", "München"), ("N", "Nürnberg"),
        ("O", "Offenbach"), ("Ö", "Umlaut Offenbach"), ("P", "Potsdam"), ("Q", "Quickborn"),
        ("R", "Rostock"), ("S", "Salzwedel"), ("ß", "Eszett"), ("T", "Tübingen"), ("U", "Unna"),
        ("Ü", "Umlaut Unna"), ("V", "Völklingen"), ("W", "Wuppertal"), ("X", "Xanten"), ("Y", "Ypsilon"),
        ("Z", "Zwickau"),
    ]

    private static let words: [Character: String] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.letter, $0.word) })

    /// The word for one letter ("Aachen" for "a" or "A"), nil for other characters.
    public static func word(for letter: Character) -> String? {
        if letter == "ß" || letter == "ẞ" { return "Eszett" }
        return String(letter).uppercased().first.flatMap { words[$0] }
    }

    /// How one character is said when spelling: "M wie München", "Bindestrich", "Leerzeichen".
    ///
    /// Letters with other accents are said as their base letter with the accent named
    /// ("E wie Essen mit Akzent"); digits are said as digits.
    public static func spoken(_ character: Character) -> String {
        if character == "ß" || character == "ẞ" { return "Eszett" }
        if let word = word(for: character) { return "\(String(character).uppercased()) wie \(word)" }
        switch character {
        case " ": return "Leerzeichen"
        case "-", "‐", "–": return "Bindestrich"
        case "'", "’": return "Apostroph"
        case ".": return "Punkt"
        case ",": return "Komma"
        case "/": return "Schrägstrich"
        case "@": return "At-Zeichen"
        default: break
        }
        if character.isNumber { return String(character) }
        let folded = String(character).folding(options: .diacriticInsensitive, locale: nil)
        if let base = folded.first, folded.count == 1, base != character, let word = word(for: base) {
            return "\(String(base).uppercased()) wie \(word) mit Akzent"
        }
        return String(character)
    }

    /// A name or word spelled character by character, one spoken item per character.
    public static func spell(_ text: String) -> [String] {
        text.trimmingCharacters(in: .whitespaces).map(spoken)
    }

    /// The spelling as one line to read out: "M wie München – A wie Aachen – …".
    public static func spelledLine(_ text: String) -> String {
        spell(text).joined(separator: " – ")
    }
}
