import Foundation

/// Exact decimal helpers for money in cents: rounding is half away from zero, never via Double.
enum MoneyMath {
    static let overflowError = ExpressionError(
        .overflow, LocalizedText(de: "Der Betrag ist zu groß.", en: "The amount is too large."))

    /// `value` rounded to `scale` decimals, half away from zero (kaufmännisch).
    static func round(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// The integer value of `value` if it has no fraction and fits.
    static func exactInt64(_ value: Decimal) -> Int64? {
        guard round(value, scale: 0) == value else { return nil }
        guard value.magnitude < Decimal(string: "9000000000000000000") ?? 0 else { return nil }
        return Int64(NSDecimalNumber(decimal: value).stringValue)
    }

    /// The integer value of `value` if it has no fraction and fits in `Int`.
    static func exactInt(_ value: Decimal) -> Int? {
        exactInt64(value).flatMap { Int(exactly: $0) }
    }

    /// Cents rounded half away from zero.
    static func rounded(_ cents: Decimal) throws(ExpressionError) -> Int64 {
        guard let whole = exactInt64(round(cents, scale: 0)) else { throw overflowError }
        return whole
    }

    /// Euros as cents, rounded half away from zero to the cent.
    static func cents(euros: Decimal) throws(ExpressionError) -> Int64 {
        try rounded(euros * 100)
    }
}
