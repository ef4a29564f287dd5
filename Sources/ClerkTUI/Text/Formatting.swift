import CaseModel
import Foundation

/// How the workstation writes dates, times and numbers: German style, Munich time.
public enum Formatting {
    /// The Munich time zone all dates are shown in.
    public static let munich: TimeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = munich
        return c
    }()

    /// The Munich calendar day of an instant.
    public static func day(of date: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? LocalDate(dayNumber: 0)
    }

    /// `dd.MM.yyyy` of an instant in Munich.
    public static func date(_ date: Date) -> String { day(of: date).german }

    /// `HH:mm` of an instant in Munich.
    public static func time(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return pad(parts.hour ?? 0) + ":" + pad(parts.minute ?? 0)
    }

    /// `dd.MM.yyyy HH:mm` of an instant in Munich.
    public static func dateTime(_ date: Date) -> String { Formatting.date(date) + " " + time(date) }

    /// An integer with thousands separators: `1.000.000` in German, `1,000,000` in English.
    public static func count(_ value: Int, _ language: Language) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(language == .de ? "." : ",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// Euro cents as `1.234,50 €` (German) or `€1,234.50` (English).
    public static func money(cents: Int64, _ language: Language) -> String {
        let euros = Int(abs(cents) / 100)
        let rest = Int(abs(cents) % 100)
        let sign = cents < 0 ? "-" : ""
        let frac = pad(rest)
        return language == .de
            ? "\(sign)\(count(euros, .de)),\(frac) €" : "\(sign)€\(count(euros, .en)).\(frac)"
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
