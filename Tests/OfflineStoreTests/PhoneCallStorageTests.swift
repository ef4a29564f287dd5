import CaseModel
import Foundation
import GRDB
import Testing

@testable import OfflineStore

@Suite struct PhoneCallStorageTests {
    static let start = Date(timeIntervalSince1970: 1_796_025_600)

    private func callback(callID: UUID, day: Int, from: Int) throws -> Callback {
        let start = try #require(TimeOfDay(hour: from, minute: 0))
        let end = try #require(TimeOfDay(hour: from + 2, minute: 0))
        let window = try #require(TimeWindow(start: start, end: end))
        return Callback(
            callID: callID, number: "089 7654321", day: try dayInDecember(day),
            window: window, topic: "Rückfrage", promisedBy: "mueller.k", promisedAt: Self.start)
    }

    private func dayInDecember(_ day: Int) throws -> LocalDate {
        try #require(LocalDate(year: 2026, month: 12, day: day))
    }

    private func record(_ id: UUID, _ outcome: CallOutcome, minutes: Double = 0) -> CallRecord {
        CallRecord(
            id: id, clerk: "mueller.k", callerNumber: "089 7654321",
            startedAt: Self.start.addingTimeInterval(minutes * 60),
            endedAt: Self.start.addingTimeInterval(minutes * 60 + 245), outcome: outcome, notes: "Notiz")
    }

    @Test func theMigrationAddsThePhoneTables() throws {
        let replica = try makeReplica()
        let tables = try replica.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables.contains("call_record"))
        #expect(tables.contains("callback"))
        #expect(Replica.schemaVersion >= 2)
    }

    @Test func aCallWithACallbackPutsItInTheQueueUntilItIsDone() throws {
        let replica = try makeReplica()
        let first = UUID()
        let later = try callback(callID: first, day: 2, from: 14)
        try replica.recordCall(record(first, .callbackScheduled(later)))
        let second = UUID()
        let sooner = try callback(callID: second, day: 1, from: 10)
        try replica.recordCall(record(second, .identityNotVerified(callback: sooner), minutes: 10))
        #expect(try replica.openCallbacks().map(\.id) == [sooner.id, later.id])
        let third = UUID()
        try replica.recordCall(
            record(third, .resolvedAtFirstContact, minutes: 20), completedCallback: sooner.id)
        #expect(try replica.openCallbacks() == [later])
        let records = try replica.callRecords(since: Self.start)
        #expect(records.map(\.id) == [first, second, third])
        #expect(records.first?.outcome == .callbackScheduled(later))
        #expect(CallStatistics(records).firstContactResolutionRate == 1.0 / 3.0)
        #expect(try replica.callRecords(since: Self.start.addingTimeInterval(60 * 15)).map(\.id) == [third])
    }

    @Test func aCallIsStoredOnceAndAFailedWriteLeavesNothingBehind() throws {
        let replica = try makeReplica()
        let id = UUID()
        let cb = try callback(callID: id, day: 3, from: 9)
        try replica.recordCall(record(id, .resolvedAtFirstContact))
        #expect(throws: (any Error).self) { try replica.recordCall(record(id, .callbackScheduled(cb))) }
        #expect(try replica.openCallbacks().isEmpty)
        #expect(try replica.callRecords(since: .distantPast).count == 1)
    }
}
