extension LocalDate {
    /// Creates a date from parts known to form a real day (e.g. a fixed holiday), for any year.
    ///
    /// Out-of-range parts roll over (day 32 of January is February 1); callers pass real days.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.init(dayNumber: era * 146_097 + doe - 719_468)
    }
}
