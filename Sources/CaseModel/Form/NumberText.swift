import Foundation

/// Reads numbers and euro amounts as clerks type them (German style, decimal comma).
enum NumberText {
    /// Parses "1234,5", "1.234,50", "-3", "12.5" and "1.500" (a dot followed by exactly three
    /// digits is a thousands separator; otherwise a lone dot is a decimal point).
    static func parseDecimal(_ text: String) -> Decimal? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{00A0}", with: "")
        t = t.replacingOccurrences(of: " ", with: "")
        var negative = false
        if t.hasPrefix("-") || t.hasPrefix("−") {
            negative = true
            t.removeFirst()
        } else if t.hasPrefix("+") {
            t.removeFirst()
        }
        guard !t.isEmpty else { return nil }
        let integer: Substring
        let fraction: Substring
        let commaParts = t.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            integer = commaParts[0]
            fraction = commaParts[1]
            guard !fraction.isEmpty else { return nil }
        } else if commaParts.count == 1 {
            let dotParts = t.split(separator: ".", omittingEmptySubsequences: false)
            if dotParts.count == 2, dotParts[1].count != 3 || dotParts[0] == "0" || dotParts[0].isEmpty {
                integer = dotParts[0]
                fraction = dotParts[1]
                guard !fraction.isEmpty else { return nil }
            } else {
                integer = Substring(t)
                fraction = ""
            }
        } else {
            return nil
        }
        guard let digits = groupedDigits(integer), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let plain = fraction.isEmpty ? digits : "\(digits).\(fraction)"
        guard let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        return negative ? -value : value
    }

    /// "1.234.567" or "1234567" → "1234567"; nil for misplaced separators or non-digits.
    private static func groupedDigits(_ text: Substring) -> String? {
        guard !text.isEmpty else { return "0" }
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        return groups.joined()
    }

    /// "1.234,5" style text of a decimal (German: decimal comma, dot for thousands).
    static func german(_ value: Decimal, minimumFractionDigits: Int = 0) -> String {
        let plain = NSDecimalNumber(decimal: value).stringValue
        var negative = false
        var body = Substring(plain)
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < minimumFractionDigits { fraction.append("0") }
        let integer = String(parts[0])
        var grouped = ""
        for (i, ch) in integer.enumerated() {
            if i > 0, (integer.count - i) % 3 == 0 { grouped.append(".") }
            grouped.append(ch)
        }
        let sign = negative ? "-" : ""
        return fraction.isEmpty ? sign + grouped : "\(sign)\(grouped),\(fraction)"
    }

    /// Cents as "1.234,50 €".
    static func euros(cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let euros = german(Decimal(magnitude / 100))
        let rest = magnitude % 100
        let centsText = rest < 10 ? "0\(rest)" : "\(rest)"
        return "\(negative ? "-" : "")\(euros),\(centsText) €"
    }
}
