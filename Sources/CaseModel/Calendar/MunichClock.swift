import Foundation

/// Converts between instants and Munich calendar days (Europe/Berlin: CET, CEST in summer).
///
/// Uses the system's time-zone data for "Europe/Berlin"; where that is missing, the EU
/// summer-time rule (last Sunday of March to last Sunday of October, switching at 01:00 UTC)
/// gives the same answer for every year since 1996.
public enum MunichClock {
    /// The time zone of Munich.
    public static let timeZone: TimeZone? = TimeZone(identifier: "Europe/Berlin")

    /// The offset of Munich's local time from UTC at `date`, in seconds (3600 or 7200).
    public static func secondsFromGMT(at date: Date) -> Int {
        if let timeZone { return timeZone.secondsFromGMT(for: date) }
        return summerTimeRuleOffset(at: date)
    }

    /// The Munich calendar day on which `date` falls.
    public static func day(of date: Date) -> LocalDate {
        let local = Int(floor(date.timeIntervalSince1970)) + secondsFromGMT(at: date)
        return LocalDate(dayNumber: floorDivide(local, 86_400))
    }

    /// The instant a Munich day begins (local midnight).
    public static func startOfDay(_ day: LocalDate) -> Date {
        date(day, hour: 0, minute: 0)
    }

    /// The instant of a Munich local wall-clock time on `day`.
    ///
    /// A time skipped when the clocks go forward (02:00–03:00 on the last Sunday of March) is
    /// read with the winter offset, i.e. one hour later in summer time; a repeated time in
    /// October gives the first (summer-time) instant.
    public static func date(_ day: LocalDate, hour: Int, minute: Int, second: Int = 0) -> Date {
        let local = day.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        // Time-zone changes are months apart, so the offsets a day before and a day after are
        // the only ones that can apply.
        let before = offset(atSeconds: local - 86_400)
        let after = offset(atSeconds: local + 86_400)
        let valid = [local - before, local - after].filter { local - offset(atSeconds: $0) == $0 }
        return Date(timeIntervalSince1970: TimeInterval(valid.min() ?? local - before))
    }

    private static func offset(atSeconds seconds: Int) -> Int {
        secondsFromGMT(at: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Munich's offset from UTC by the EU rule alone: summer time (UTC+2) from 01:00 UTC on the
    /// last Sunday of March to 01:00 UTC on the last Sunday of October, otherwise UTC+1.
    public static func summerTimeRuleOffset(at date: Date) -> Int {
        let utcSeconds = Int(floor(date.timeIntervalSince1970))
        let year = LocalDate(dayNumber: floorDivide(utcSeconds, 86_400)).year
        let start = lastSunday(year: year, month: 3).dayNumber * 86_400 + 3600
        let end = lastSunday(year: year, month: 10).dayNumber * 86_400 + 3600
        return utcSeconds >= start && utcSeconds < end ? 7200 : 3600
    }

    private static func lastSunday(year: Int, month: Int) -> LocalDate {
        let last = LocalDate(unchecked: year, month, 31)
        return last.adding(days: -(last.isoWeekday % 7))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
