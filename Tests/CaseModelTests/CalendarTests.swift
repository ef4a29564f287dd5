import CaseModel
import Foundation
import PropertyBased
import Testing

@Suite struct CalendarEasterTests {
    @Test(
        arguments: [
            (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
            (2038, "2038-04-25"), (2000, "2000-04-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
            (1818, "1818-03-22"), (2285, "2285-03-22"), (1943, "1943-04-25"),
        ])
    func easterSunday(year: Int, expected: String) {
        #expect(Easter.sunday(in: year).iso == expected)
        #expect(Easter.sunday(in: year).isoWeekday == 7)
    }

    @Test func easterIsAlwaysASundayBetweenMarch22AndApril25() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1583...4099)) { year in
            let easter = Easter.sunday(in: year)
            #expect(easter.isoWeekday == 7)
            #expect(easter.year == year)
            let low = try #require(LocalDate(year: year, month: 3, day: 22))
            let high = try #require(LocalDate(year: year, month: 4, day: 25))
            #expect(easter >= low && easter <= high)
        }
    }
}

@Suite struct CalendarHolidayTests {
    let calendar = BavarianCalendar.munich

    @Test func allBavarianHolidaysOf2026() {
        let holidays = calendar.holidays(in: 2026).map { "\($0.date.iso) \($0.name.de)" }
        #expect(
            holidays == [
                "2026-01-01 Neujahr",
                "2026-01-06 Heilige Drei Könige",
                "2026-04-03 Karfreitag",
                "2026-04-06 Ostermontag",
                "2026-05-01 Tag der Arbeit",
                "2026-05-14 Christi Himmelfahrt",
                "2026-05-25 Pfingstmontag",
                "2026-06-04 Fronleichnam",
                "2026-08-15 Mariä Himmelfahrt",
                "2026-10-03 Tag der Deutschen Einheit",
                "2026-11-01 Allerheiligen",
                "2026-12-25 1. Weihnachtsfeiertag",
                "2026-12-26 2. Weihnachtsfeiertag",
            ])
    }

    @Test func holidayNamesInEnglish() throws {
        let whit = try #require(calendar.holiday(on: Sample.day("2026-05-25")))
        #expect(whit.kind == .whitMonday)
        #expect(whit.name.text(.en) == "Whit Monday")
        #expect(calendar.holiday(on: Sample.day("2026-08-15"))?.name.text(.en) == "Assumption Day")
        #expect(calendar.holiday(on: Sample.day("2026-05-26")) == nil)
    }

    @Test func augsburgPeaceFestivalAndRepentanceDayAreWorkingDaysInMunich() {
        // Augsburger Hohes Friedensfest, 8 August 2025, a Friday.
        #expect(calendar.isWorkingDay(Sample.day("2025-08-08")))
        // Buß- und Bettag, Wednesday 19 November 2025 and 18 November 2026.
        #expect(calendar.isWorkingDay(Sample.day("2025-11-19")))
        #expect(calendar.isWorkingDay(Sample.day("2026-11-18")))
    }

    @Test func assumptionDayOnlyWhereTheMunicipalityObservesIt() {
        let friday = Sample.day("2025-08-15")
        #expect(!BavarianCalendar.munich.isWorkingDay(friday))
        #expect(BavarianCalendar(assumptionDayIsHoliday: false).isWorkingDay(friday))
        #expect(BavarianCalendar(assumptionDayIsHoliday: false).holidays(in: 2025).count == 12)
    }

    @Test func weekendsAreNotWorkingDaysAndHolidaysOutsideTheCachedYearsWork() {
        #expect(!calendar.isWorkingDay(Sample.day("2026-03-07")))  // Saturday
        #expect(!calendar.isWorkingDay(Sample.day("2026-03-08")))  // Sunday
        #expect(calendar.isWorkingDay(Sample.day("2026-03-09")))  // Monday
        #expect(calendar.isHoliday(Sample.day("2300-12-25")))
        #expect(calendar.isHoliday(Sample.day("1900-04-16")))  // Easter Monday 1900
        #expect(!calendar.isHoliday(Sample.day("1900-04-17")))
    }

    @Test func everyYearHasThirteenHolidays() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1900...2300)) { year in
            let holidays = calendar.holidays(in: year)
            #expect(holidays.count == (year == 2017 ? 14 : 13))
            #expect(holidays.allSatisfy { $0.date.year == year && calendar.isHoliday($0.date) })
            // Only Christi Himmelfahrt can fall on another holiday: 1 May, when Easter is 23 March.
            let sameDay = holidays.count - Set(holidays.map(\.date)).count
            let ascension = Easter.sunday(in: year).adding(days: 39)
            #expect(sameDay == (ascension.month == 5 && ascension.day == 1 ? 1 : 0))
        }
    }

    @Test("31 October 2017, the Reformation's 500th anniversary, was a holiday once")
    func reformationAnniversary() {
        #expect(calendar.holiday(on: Sample.day("2017-10-31"))?.name.de == "Reformationstag (500 Jahre)")
        #expect(!calendar.isWorkingDay(Sample.day("2017-10-31")))
        #expect(calendar.isWorkingDay(Sample.day("2018-10-31")))
        #expect(calendar.isWorkingDay(Sample.day("2016-10-31")))
        #expect(calendar.holidays(in: 2017).count == 14)
        // Monday 30 October to Thursday 2 November 2017: Tuesday and Wednesday were holidays.
        #expect(calendar.workingDays(from: Sample.day("2017-10-30"), to: Sample.day("2017-11-02")) == 1)
    }

    @Test func ascensionOnLabourDayIsOneDayOff() {
        // 2008: Easter on 23 March, so Christi Himmelfahrt fell on Thursday 1 May.
        #expect(
            calendar.holidays(in: 2008).filter { $0.date == Sample.day("2008-05-01") }.map(\.kind) == [
                .labourDay, .ascension,
            ])
        #expect(calendar.workingDays(from: Sample.day("2008-04-30"), to: Sample.day("2008-05-02")) == 1)
        #expect(calendar.workingDays(from: Sample.day("2008-05-02"), to: Sample.day("2008-04-30")) == -1)
        #expect(calendar.adding(workingDays: 1, to: Sample.day("2008-04-30")).iso == "2008-05-02")
    }
}

@Suite struct CalendarArithmeticTests {
    let calendar = BavarianCalendar.munich

    @Test func acrossChristmasAndNewYear() {
        // 24.12.2026 is a Thursday and a working day; 25.12. is a Friday, 1.1.2027 a Friday,
        // 6.1.2027 a Wednesday.
        #expect(calendar.nextWorkingDay(after: Sample.day("2026-12-24")).iso == "2026-12-28")
        #expect(calendar.adding(workingDays: 5, to: Sample.day("2026-12-24")).iso == "2027-01-04")
        #expect(calendar.adding(workingDays: 7, to: Sample.day("2026-12-24")).iso == "2027-01-07")
        #expect(calendar.workingDays(from: Sample.day("2026-12-23"), to: Sample.day("2027-01-07")) == 8)
        #expect(calendar.workingDays(in: Sample.day("2026-12-24")...Sample.day("2027-01-06")) == 7)
        #expect(calendar.previousWorkingDay(before: Sample.day("2027-01-04")).iso == "2026-12-31")
        #expect(calendar.adding(workingDays: -5, to: Sample.day("2027-01-04")).iso == "2026-12-24")
        // 2025: 24.12. a Wednesday, both Christmas days on Thursday and Friday.
        #expect(calendar.adding(workingDays: 1, to: Sample.day("2025-12-24")).iso == "2025-12-29")
    }

    @Test func acrossEaster() {
        // Karfreitag 3.4.2026 and Ostermontag 6.4.2026.
        #expect(calendar.nextWorkingDay(after: Sample.day("2026-04-02")).iso == "2026-04-07")
        #expect(calendar.adding(workingDays: 5, to: Sample.day("2026-04-01")).iso == "2026-04-10")
        #expect(calendar.workingDays(from: Sample.day("2026-03-31"), to: Sample.day("2026-04-10")) == 6)
        #expect(calendar.workingDays(from: Sample.day("2026-04-10"), to: Sample.day("2026-03-31")) == -6)
        #expect(calendar.workingDay(onOrAfter: Sample.day("2026-04-03")).iso == "2026-04-07")
        #expect(calendar.workingDay(onOrAfter: Sample.day("2026-04-07")).iso == "2026-04-07")
    }

    @Test func countingExcludesTheStartAndIncludesTheEnd() {
        let friday = Sample.day("2026-03-06")
        #expect(calendar.workingDays(from: friday, to: friday) == 0)
        #expect(calendar.workingDays(from: friday, to: Sample.day("2026-03-07")) == 0)
        #expect(calendar.workingDays(from: friday, to: Sample.day("2026-03-09")) == 1)
        #expect(calendar.workingDays(from: Sample.day("2026-03-07"), to: Sample.day("2026-03-09")) == 1)
        #expect(calendar.adding(workingDays: 0, to: Sample.day("2026-03-07")).iso == "2026-03-07")
        #expect(calendar.adding(workingDays: 1, to: Sample.day("2026-03-07")).iso == "2026-03-09")
        #expect(calendar.workingDays(in: friday...friday) == 1)
    }

    @Test func longSpansMatchDayByDayCounting() {
        let start = Sample.day("2024-01-01")
        let end = Sample.day("2027-12-31")
        var naive = 0
        var day = start.adding(days: 1)
        while day <= end {
            if calendar.isWorkingDay(day) { naive += 1 }
            day = day.adding(days: 1)
        }
        #expect(calendar.workingDays(from: start, to: end) == naive)
        #expect(
            calendar.adding(workingDays: naive, to: start)
                == calendar.previousWorkingDay(before: end.adding(days: 1)))
    }

    static let days = Gen.int(
        in: LocalDate.parsingOrEpoch("1990-01-01")...LocalDate.parsingOrEpoch("2100-12-31")
    )
    .map { LocalDate(dayNumber: $0) }

    @Test func addingThenCountingGivesTheSameNumber() async {
        await propertyCheck(count: 500, input: Self.days, Gen.int(in: 0...400)) { day, n in
            let result = calendar.adding(workingDays: n, to: day)
            #expect(calendar.workingDays(from: day, to: result) == n)
            if n > 0 {
                #expect(calendar.isWorkingDay(result))
                #expect(result > day)
                // No working day is skipped: the day before the result holds n - 1.
                #expect(calendar.workingDays(from: day, to: result.adding(days: -1)) == n - 1)
            }
        }
    }

    @Test func subtractingFromAWorkingDayThenCountingGivesTheSameNumber() async {
        await propertyCheck(count: 500, input: Self.days, Gen.int(in: 1...400)) { day, n in
            let start = calendar.workingDay(onOrAfter: day)
            let result = calendar.adding(workingDays: -n, to: start)
            #expect(calendar.isWorkingDay(result))
            #expect(calendar.workingDays(from: start, to: result) == -n)
            #expect(calendar.adding(workingDays: n, to: result) == start)
        }
    }

    @Test func countingAgreesWithWalkingDayByDay() async {
        await propertyCheck(count: 300, input: Self.days, Gen.int(in: -60...60)) { start, span in
            let end = start.adding(days: span)
            var naive = 0
            var day = min(start, end).adding(days: 1)
            while day <= max(start, end) {
                if calendar.isWorkingDay(day) { naive += 1 }
                day = day.adding(days: 1)
            }
            #expect(calendar.workingDays(from: start, to: end) == (span >= 0 ? naive : -naive))
        }
    }

    @Test func nextWorkingDaySkipsOnlyDaysOff() async {
        await propertyCheck(count: 300, input: Self.days) { day in
            let next = calendar.nextWorkingDay(after: day)
            #expect(calendar.isWorkingDay(next))
            #expect(calendar.workingDays(from: day, to: next) == 1)
            #expect(next.dayNumber - day.dayNumber <= 5)  // the longest run of days off is four
        }
    }
}

extension LocalDate {
    /// The day number of an ISO date literal (0 if malformed), for generator ranges.
    fileprivate static func parsingOrEpoch(_ iso: String) -> Int {
        LocalDate(parsing: iso)?.dayNumber ?? 0
    }
}
