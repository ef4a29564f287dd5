/// Text preparation for the full-text index and for queries typed by clerks.
///
/// The index uses `unicode61 remove_diacritics 2`, so "Muller" and "Mül" find "Müller". German
/// spellings without umlauts ("Mueller") and ß written as ss ("Gross") are covered by indexing an
/// ASCII variant next to the original words.
enum SearchText {
    /// The text stored in the index: the original plus its ae/oe/ue/ss variant when it differs.
    static func indexed(_ text: String) -> String {
        let variant = germanASCII(text)
        return variant == text.lowercased() ? text : "\(text) \(variant)"
    }

    /// "Müller Groß" → "mueller gross".
    static func germanASCII(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The words of a query: lower-cased, ß as ss, split at everything that is not a letter or digit.
    static func tokens(_ query: String) -> [String] {
        query.lowercased().replacingOccurrences(of: "ß", with: "ss")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }

    /// An FTS5 MATCH expression: every word must match; the last word, the one being typed, matches
    /// as a prefix when it has two or more characters (typing "Mül" finds "Müller"). Nil when the
    /// query has no words.
    static func matchExpression(_ query: String) -> String? {
        let words = tokens(query)
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            let quoted = "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\""
            return index == words.count - 1 && word.count >= 2 ? quoted + "*" : quoted
        }.joined(separator: " AND ")
    }
}
