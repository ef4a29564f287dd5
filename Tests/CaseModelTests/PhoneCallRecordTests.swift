import Foundation
import Testing

@testable import CaseModel

@Suite struct PhoneCallRecordTests {
    private func callback(day: LocalDate, _ from: Int, _ to: Int, done: Bool = false) throws -> Callback {
        Callback(
            callID: UUID(), number: "089 7654321", day: day, window: try PhoneFixtures.window(from, to),
            topic: "Rückfrage",
            promisedBy: "mueller.k", promisedAt: PhoneFixtures.start, doneAt: done ? PhoneFixtures.start : nil
        )
    }

    @Test func callbacksAreQueuedInTheOrderTheyAreDue() throws {
        let a = try callback(day: try PhoneFixtures.date(2026, 12, 2), 14, 16)
        let b = try callback(day: try PhoneFixtures.date(2026, 12, 1), 10, 12)
        let c = try callback(day: try PhoneFixtures.date(2026, 12, 1), 8, 9, done: true)
        let d = try callback(day: try PhoneFixtures.date(2026, 12, 1), 9, 10)
        #expect(Callback.queue([a, b, c, d]).map(\.id) == [d.id, b.id, a.id])
    }

    @Test func aCallbackComesUpWhenItsWindowBegins() throws {
        let day = try PhoneFixtures.date(2026, 12, 1)
        let cb = try callback(day: day, 14, 16)
        let at = { (h: Int, m: Int) throws -> TimeOfDay in try #require(TimeOfDay(hour: h, minute: m)) }
        #expect(!cb.isDue(on: day, at: try at(13, 59)))
        #expect(cb.isDue(on: day, at: try at(14, 0)))
        #expect(!cb.isOverdue(on: day, at: try at(15, 59)))
        #expect(cb.isOverdue(on: day, at: try at(16, 0)))
        #expect(cb.isDue(on: try PhoneFixtures.date(2026, 12, 2), at: try at(7, 0)))
        #expect(!cb.isDue(on: try PhoneFixtures.date(2026, 11, 30), at: try at(15, 0)))
        #expect(!(try callback(day: day, 14, 16, done: true)).isDue(on: day, at: try at(15, 0)))
    }

    @Test func recordsOfEveryOutcomeSurviveEncoding() throws {
        let cb = try callback(day: try PhoneFixtures.date(2026, 12, 1), 14, 16)
        let outcomes: [CallOutcome] = [
            .resolvedAtFirstContact, .callbackScheduled(cb), .referred(orgUnit: PhoneFixtures.orgUnit),
            .identityNotVerified(callback: nil), .identityNotVerified(callback: cb),
            .paperFormSent(serviceID: "briefwahl"),
            .counterAppointment(
                serviceID: "briefwahl", day: try PhoneFixtures.date(2026, 12, 3),
                time: try PhoneFixtures.time(9, 30)),
        ]
        for outcome in outcomes {
            let record = CallRecord(
                id: UUID(), clerk: "mueller.k", callerNumber: "089 7654321", startedAt: PhoneFixtures.start,
                endedAt: PhoneFixtures.start.addingTimeInterval(61), outcome: outcome,
                identityMatched: [.dateOfBirth, .postcode],
                consent: ConsentRecord(
                    wording: "Einverstanden?", givenAt: PhoneFixtures.start, clerk: "mueller.k"),
                notes: "Notiz")
            let data = try JSONEncoder().encode(record)
            #expect(try JSONDecoder().decode(CallRecord.self, from: data) == record)
        }
        let data = try JSONEncoder().encode(cb)
        #expect(try JSONDecoder().decode(Callback.self, from: data) == cb)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(cb.window), as: UTF8.self)
                == #"{"end":"16:00","start":"14:00"}"#)
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(
                TimeWindow.self, from: Data(#"{"end":"14:00","start":"16:00"}"#.utf8))
        }
    }

    @Test func statisticsGiveFirstContactResolutionAndHandlingTime() throws {
        func record(_ outcome: CallOutcome, seconds: Double) -> CallRecord {
            CallRecord(
                id: UUID(), clerk: "k", callerNumber: "089 1", startedAt: PhoneFixtures.start,
                endedAt: PhoneFixtures.start.addingTimeInterval(seconds), outcome: outcome)
        }
        let stats = CallStatistics([
            record(.resolvedAtFirstContact, seconds: 300), record(.resolvedAtFirstContact, seconds: 420),
            record(.referred(orgUnit: PhoneFixtures.orgUnit), seconds: 60),
            record(.paperFormSent(serviceID: "briefwahl"), seconds: 120),
        ])
        #expect(stats.calls == 4)
        #expect(stats.firstContactResolutionRate == 0.5)
        #expect(stats.averageHandlingSeconds == 225)
        #expect(stats.byOutcome == ["resolved": 2, "referred": 1, "paper_form_sent": 1])
        #expect(CallStatistics([]).firstContactResolutionRate == nil)
    }
}
