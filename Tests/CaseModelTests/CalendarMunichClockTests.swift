import CaseModel
import Foundation
import PropertyBased
import Testing

@Suite struct CalendarMunichClockTests {
    /// An instant written in UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    func utc(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return try #require(formatter.date(from: text))
    }

    @Test func winterAndSummerDays() throws {
        #expect(MunichClock.day(of: try utc("2026-01-15T22:59:59Z")).iso == "2026-01-15")
        #expect(MunichClock.day(of: try utc("2026-01-15T23:00:00Z")).iso == "2026-01-16")
        #expect(MunichClock.day(of: try utc("2026-06-30T21:59:59Z")).iso == "2026-06-30")
        #expect(MunichClock.day(of: try utc("2026-06-30T22:00:00Z")).iso == "2026-07-01")
        #expect(MunichClock.day(of: try utc("2026-12-31T23:30:00Z")).iso == "2027-01-01")
    }

    @Test func springForwardDayHas23Hours() throws {
        // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        let start = MunichClock.startOfDay(Sample.day("2026-03-29"))
        let next = MunichClock.startOfDay(Sample.day("2026-03-30"))
        #expect(start == (try utc("2026-03-28T23:00:00Z")))
        #expect(next == (try utc("2026-03-29T22:00:00Z")))
        #expect(next.timeIntervalSince(start) == 23 * 3600)
        #expect(MunichClock.secondsFromGMT(at: try utc("2026-03-29T00:59:59Z")) == 3600)
        #expect(MunichClock.secondsFromGMT(at: try utc("2026-03-29T01:00:00Z")) == 7200)
        #expect(MunichClock.day(of: try utc("2026-03-29T21:59:59Z")).iso == "2026-03-29")
        #expect(MunichClock.day(of: try utc("2026-03-29T22:00:00Z")).iso == "2026-03-30")
        // 02:30 does not exist that night; it is read as 03:30 summer time.
        #expect(
            MunichClock.date(Sample.day("2026-03-29"), hour: 2, minute: 30)
                == (try utc("2026-03-29T01:30:00Z")))
    }

    @Test func fallBackDayHas25Hours() throws {
        // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC).
        let start = MunichClock.startOfDay(Sample.day("2026-10-25"))
        let next = MunichClock.startOfDay(Sample.day("2026-10-26"))
        #expect(start == (try utc("2026-10-24T22:00:00Z")))
        #expect(next == (try utc("2026-10-25T23:00:00Z")))
        #expect(next.timeIntervalSince(start) == 25 * 3600)
        #expect(MunichClock.day(of: try utc("2026-10-25T22:59:59Z")).iso == "2026-10-25")
        #expect(MunichClock.day(of: try utc("2026-10-25T23:00:00Z")).iso == "2026-10-26")
        // 02:30 happens twice; the first (summer-time) instant is taken.
        #expect(
            MunichClock.date(Sample.day("2026-10-25"), hour: 2, minute: 30)
                == (try utc("2026-10-25T00:30:00Z")))
        #expect(
            MunichClock.date(Sample.day("2026-10-25"), hour: 3, minute: 30)
                == (try utc("2026-10-25T02:30:00Z")))
    }

    @Test func startOfDayFallsOnThatDayAndTheSecondBeforeOnThePreviousDay() async {
        let days = Gen.int(in: 7305...47482).map { LocalDate(dayNumber: $0) }  // 1990 … 2099
        await propertyCheck(count: 500, input: days, Gen.int(in: 0...23), Gen.int(in: 0...59)) {
            day, hour, minute in
            let start = MunichClock.startOfDay(day)
            #expect(MunichClock.day(of: start) == day)
            #expect(MunichClock.day(of: start.addingTimeInterval(-1)) == day.adding(days: -1))
            let instant = MunichClock.date(day, hour: hour, minute: minute)
            #expect(MunichClock.day(of: instant) == day)
            #expect(instant >= start)
        }
    }

    @Test(.enabled(if: MunichClock.timeZone != nil))
    func summerTimeRuleAgreesWithTheTimeZoneData() async throws {
        let zone = try #require(MunichClock.timeZone)
        // 1996 … 2037, where the EU rule and the tz database agree.
        let instants = Gen.int(in: 820_454_400...2_145_916_800).map {
            Date(timeIntervalSince1970: TimeInterval($0))
        }
        await propertyCheck(count: 1000, input: instants) { instant in
            #expect(MunichClock.summerTimeRuleOffset(at: instant) == zone.secondsFromGMT(for: instant))
        }
        for text in [
            "2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z",
        ] {
            let instant = try utc(text)
            #expect(MunichClock.summerTimeRuleOffset(at: instant) == zone.secondsFromGMT(for: instant))
        }
    }
}
