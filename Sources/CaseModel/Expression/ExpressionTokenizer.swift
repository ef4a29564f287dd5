import Foundation

/// One token of an expression with its 1-based column.
struct ExpressionToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case number(Decimal, text: String)
        case money(cents: Int64)
        case string(String)
        case identifier(String)
        case keyword(String)
        case symbol(String)
        case dot
        case leftParen, rightParen, comma
        case end
    }
    var kind: Kind
    var column: Int
}

/// Splits an expression into tokens.
enum ExpressionTokenizer {
    static let keywords: Set<String> = ["and", "or", "not", "true", "false"]

    static func tokenize(_ source: String) throws(ExpressionParseError) -> [ExpressionToken] {
        let chars = Array(source)
        var tokens: [ExpressionToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace {
                i += 1
                continue
            }
            if c.isASCII, c.isNumber {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j + 1 < chars.count, chars[j] == ".", chars[j + 1].isASCII, chars[j + 1].isNumber {
                    j += 1
                    while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                }
                let text = String(chars[i..<j])
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw ExpressionParseError(
                        column: column,
                        message: LocalizedText(
                            de: "Ungültige Zahl „\(text)“.", en: "Invalid number '\(text)'."))
                }
                var k = j
                while k < chars.count, chars[k] == " " { k += 1 }
                if k < chars.count, chars[k] == "€" {
                    tokens.append(
                        ExpressionToken(kind: .money(cents: try cents(text, column: column)), column: column))
                    i = k + 1
                } else {
                    tokens.append(ExpressionToken(kind: .number(value, text: text), column: column))
                    i = j
                }
                continue
            }
            if c == "'" || c == "\"" {
                var j = i + 1
                var text = ""
                while j < chars.count, chars[j] != c {
                    text.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw ExpressionParseError(
                        column: column,
                        message: LocalizedText(
                            de: "Der Text wird nicht mit \(c) abgeschlossen.",
                            en: "The string is not closed with \(c)."))
                }
                tokens.append(ExpressionToken(kind: .string(text), column: column))
                i = j + 1
                continue
            }
            if c == "_" || (c.isASCII && c.isLetter) {
                var j = i
                while j < chars.count,
                    chars[j] == "_" || (chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber))
                {
                    j += 1
                }
                let word = String(chars[i..<j])
                let kind: ExpressionToken.Kind =
                    keywords.contains(word) ? .keyword(word) : .identifier(word)
                tokens.append(ExpressionToken(kind: kind, column: column))
                i = j
                continue
            }
            switch c {
            case "(": tokens.append(ExpressionToken(kind: .leftParen, column: column))
            case ")": tokens.append(ExpressionToken(kind: .rightParen, column: column))
            case ",": tokens.append(ExpressionToken(kind: .comma, column: column))
            case ".": tokens.append(ExpressionToken(kind: .dot, column: column))
            case "+", "-", "*", "/":
                tokens.append(ExpressionToken(kind: .symbol(String(c)), column: column))
            case "=", "!", "<", ">":
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                var op = String(c)
                if next == "=" || (c == "<" && next == ">") {
                    op.append(next ?? "=")
                    i += 1
                }
                switch op {
                case "=", "==": op = "="
                case "!=", "<>": op = "!="
                case "!":
                    throw ExpressionParseError(
                        column: column,
                        message: LocalizedText(
                            de: "„!“ allein gibt es nicht; für die Verneinung „not“ schreiben.",
                            en: "'!' alone does not exist; write 'not' for negation."))
                default: break
                }
                tokens.append(ExpressionToken(kind: .symbol(op), column: column))
            default:
                throw ExpressionParseError(
                    column: column,
                    message: LocalizedText(
                        de: "Unerwartetes Zeichen „\(c)“.", en: "Unexpected character '\(c)'."))
            }
            i += 1
        }
        tokens.append(ExpressionToken(kind: .end, column: chars.count + 1))
        return tokens
    }

    /// Euro text like `12.5` as cents; more than two decimals is an error.
    private static func cents(_ text: String, column: Int) throws(ExpressionParseError) -> Int64 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= 2, let euros = Int64(parts[0]),
            let cents = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))
        else {
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(
                    de: "Ein Geldbetrag hat höchstens zwei Nachkommastellen: „\(text) €“.",
                    en: "An amount of money has at most two decimals: '\(text) €'."))
        }
        let (product, overflow) = euros.multipliedReportingOverflow(by: 100)
        guard !overflow else {
            throw ExpressionParseError(
                column: column,
                message: LocalizedText(de: "Der Betrag ist zu groß.", en: "The amount is too large."))
        }
        return product + cents
    }
}
