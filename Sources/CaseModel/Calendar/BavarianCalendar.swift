/// The working-day calendar of the City of Munich: Monday to Friday, except Bavarian public holidays.
///
/// The public holidays are those of the Bavarian Feiertagsgesetz as observed in Munich: Neujahr,
/// Heilige Drei Könige, Karfreitag, Ostermontag, Tag der Arbeit, Christi Himmelfahrt, Pfingstmontag,
/// Fronleichnam, Mariä Himmelfahrt (Munich has a Catholic majority), Tag der Deutschen Einheit,
/// Allerheiligen and both Christmas days. Not included: the Augsburger Hohes Friedensfest (a
/// holiday in Augsburg only) and Buß- und Bettag (school-free, but not a public holiday since
/// 1995). The current law is applied to every year, plus the one-off Reformationstag of
/// 31 October 2017.
///
/// Counting convention, used throughout: `workingDays(from: a, to: b)` counts the working days
/// after `a` up to and including `b` — the start day is excluded, the end day included — so
/// "received on day a, due N working days later" means `workingDays(from: a, to: due) == N`.
public struct BavarianCalendar: Hashable, Sendable {
    /// Whether Mariä Himmelfahrt (15 August) is a holiday; true in Munich.
    public var assumptionDayIsHoliday: Bool

    /// A calendar; pass `false` for a Bavarian municipality without a Catholic majority.
    public init(assumptionDayIsHoliday: Bool = true) {
        self.assumptionDayIsHoliday = assumptionDayIsHoliday
    }

    /// The calendar of the City of Munich.
    public static let munich = BavarianCalendar()

    /// The kinds of holiday this calendar observes.
    public var observedKinds: [HolidayKind] {
        HolidayKind.allCases.filter { assumptionDayIsHoliday || $0 != .assumption }
    }

    /// The public holidays in `year`, sorted by date.
    public func holidays(in year: Int) -> [Holiday] {
        observedKinds.compactMap { kind in kind.date(in: year).map { Holiday(date: $0, kind: kind) } }
            .sorted { $0.date < $1.date }
    }

    /// The public holiday on `date`, if there is one.
    public func holiday(on date: LocalDate) -> Holiday? {
        guard isHoliday(date) else { return nil }
        return holidays(in: date.year).first { $0.date == date }
    }

    /// Whether `date` is a public holiday.
    public func isHoliday(_ date: LocalDate) -> Bool {
        let table = HolidayTable.shared(assumptionDayIsHoliday)
        if table.covers(date.year) {
            return table.dayNumbers.contains(date.dayNumber)
        }
        return holidays(in: date.year).contains { $0.date == date }
    }

    /// Whether clerks work on `date`: Monday to Friday and not a public holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        date.isoWeekday <= 5 && !isHoliday(date)
    }

    /// The first working day after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last working day before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// `date` itself if it is a working day, otherwise the next working day after it.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        isWorkingDay(date) ? date : nextWorkingDay(after: date)
    }

    /// The day `count` working days after `date` (before it when negative); `date` itself for 0.
    ///
    /// For `count > 0` the result is the `count`-th working day after `date` (whether or not
    /// `date` is a working day), so `workingDays(from: date, to: result) == count`. For
    /// `count < 0` it is the `-count`-th working day before `date`; the same law then holds when
    /// `date` is a working day. A non-zero count always gives a working day.
    public func adding(workingDays count: Int, to date: LocalDate) -> LocalDate {
        count >= 0 ? forward(count, from: date) : backward(-count, from: date)
    }

    /// The working days after `start` up to and including `end`; negative when `end` is before `start`.
    ///
    /// `workingDays(from: d, to: d) == 0`; from a Friday to the following Monday is 1 (when the
    /// Monday is not a holiday); `workingDays(from: a, to: b) == -workingDays(from: b, to: a)`.
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        let weekdays =
            Self.weekdaysBefore(end.dayNumber + 1) - Self.weekdaysBefore(start.dayNumber + 1)
        return weekdays - weekdayHolidays(after: start, through: end)
    }

    /// The working days in `range`, both ends included.
    public func workingDays(in range: ClosedRange<LocalDate>) -> Int {
        workingDays(from: range.lowerBound.adding(days: -1), to: range.upperBound)
    }

    // MARK: - Internals

    private func forward(_ count: Int, from date: LocalDate) -> LocalDate {
        var remaining = count
        var day = date
        // Jump whole weeks while more than a week remains (a week holds at most 5 working days),
        // then step day by day so the result lands on a working day.
        while remaining > 5 {
            let weeks = (remaining - 1) / 5
            let target = day.adding(days: weeks * 7)
            remaining -= workingDays(from: day, to: target)
            day = target
        }
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    private func backward(_ count: Int, from date: LocalDate) -> LocalDate {
        var remaining = count
        var day = date
        while remaining > 5 {
            let weeks = (remaining - 1) / 5
            let target = day.adding(days: -weeks * 7)
            // Working days in [target, day).
            remaining -= workingDays(from: target.adding(days: -1), to: day.adding(days: -1))
            day = target
        }
        while remaining > 0 {
            day = day.adding(days: -1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Days off on Monday to Friday after `start` up to and including `end`; two holidays on one
    /// day (Christi Himmelfahrt on 1 May, as in 2008) count once.
    private func weekdayHolidays(after start: LocalDate, through end: LocalDate) -> Int {
        guard start < end else { return 0 }
        var days = Set<Int>()
        for year in start.year...end.year {
            for holiday in holidays(in: year)
            where holiday.date > start && holiday.date <= end && holiday.date.isoWeekday <= 5 {
                days.insert(holiday.date.dayNumber)
            }
        }
        return days.count
    }

    /// Mondays to Fridays with a day number below `dayNumber`, counted from a fixed Monday.
    private static func weekdaysBefore(_ dayNumber: Int) -> Int {
        let x = dayNumber + 3  // day -3 (1969-12-29) was a Monday
        let weeks = x >= 0 ? x / 7 : (x - 6) / 7
        let rest = x - weeks * 7
        return weeks * 5 + min(rest, 5)
    }
}

/// Precomputed holiday day numbers for the years clerks work with.
private struct HolidayTable: Sendable {
    let years: ClosedRange<Int>
    let dayNumbers: Set<Int>

    func covers(_ year: Int) -> Bool { years.contains(year) }

    static let withAssumption = HolidayTable(calendar: BavarianCalendar(assumptionDayIsHoliday: true))
    static let withoutAssumption = HolidayTable(calendar: BavarianCalendar(assumptionDayIsHoliday: false))

    static func shared(_ assumption: Bool) -> HolidayTable {
        assumption ? withAssumption : withoutAssumption
    }

    init(calendar: BavarianCalendar) {
        years = 1970...2199
        var numbers = Set<Int>()
        for year in years {
            for holiday in calendar.holidays(in: year) { numbers.insert(holiday.date.dayNumber) }
        }
        dayNumbers = numbers
    }
}
