import CaseModel
import Foundation
import Testing

@Suite struct SLATests {
    let service = Sample.service

    /// A case received on Monday 2 March 2026 at 10:00 (SLA: 10 working days, stalled after 5).
    func received() throws -> Case {
        try #require(Sample.receivedCase(at: Sample.at("2026-03-02")))
    }

    func moved(_ c: Case, from: String, to: String, on day: String, reason: String? = nil) throws -> Case {
        let op = Sample.operation(.transition(from: from, to: to, reason: reason), at: Sample.at(day, 11))
        return try #require(Sample.applying(op, to: c))
    }

    @Test func countdownAndTrafficLight() throws {
        let c = try received()
        let first = service.slaStatus(of: c, at: Sample.at("2026-03-02", 12))
        #expect(first.dueDate.iso == "2026-03-16")
        #expect(first.receivedDay.iso == "2026-03-02")
        #expect(first.remainingWorkingDays == 10)
        #expect(first.light == .green)
        #expect(!first.isBreached && !first.isPaused && !first.isStopped)

        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-09")).remainingWorkingDays == 5)
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-09")).light == .green)
        let twoLeft = service.slaStatus(of: c, at: Sample.at("2026-03-12"))
        #expect(twoLeft.remainingWorkingDays == 2)
        #expect(twoLeft.light == .yellow)
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-14")).remainingWorkingDays == 1)  // Saturday
        let dueToday = service.slaStatus(of: c, at: Sample.at("2026-03-16", 23, 59))
        #expect(dueToday.remainingWorkingDays == 0)
        #expect(!dueToday.isBreached)
        #expect(dueToday.light == .yellow)
        let overdue = service.slaStatus(of: c, at: Sample.at("2026-03-17", 0, 1))
        #expect(overdue.isBreached)
        #expect(overdue.remainingWorkingDays == -1)
        #expect(overdue.light == .red)
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-20")).remainingWorkingDays == -4)
    }

    @Test func theWeekendAfterAFridayDeadlineIsAlreadyOverdue() throws {
        // Received Friday 27 Feb 2026 + 10 working days = Friday 13 March.
        let c = try #require(Sample.receivedCase(at: Sample.at("2026-02-27")))
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-13")).dueDate.iso == "2026-03-13")
        let saturday = service.slaStatus(of: c, at: Sample.at("2026-03-14"))
        #expect(saturday.isBreached)
        #expect(saturday.remainingWorkingDays == -1)
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-16")).remainingWorkingDays == -1)
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-17")).remainingWorkingDays == -2)
    }

    @Test func dueDateSkipsEasterHolidays() throws {
        let c = try #require(Sample.receivedCase(at: Sample.at("2026-04-01")))
        let policy = SLAPolicy(workingDays: 5, stalledAfterWorkingDays: 3)
        #expect(
            policy.status(of: c, workflow: Sample.workflow, at: Sample.at("2026-04-01")).dueDate.iso
                == "2026-04-10")
    }

    @Test func lateEveningReceiptCountsOnTheMunichDay() throws {
        // 23:30 in Munich on Monday 2 March is still Monday there (22:30 UTC).
        let c = try #require(Sample.receivedCase(at: Sample.at("2026-03-02", 23, 30)))
        #expect(service.slaStatus(of: c, at: Sample.at("2026-03-03")).receivedDay.iso == "2026-03-02")
    }

    @Test func waitingForTheCitizenStopsTheCountdown() throws {
        var c = try moved(
            try received(), from: Sample.eingegangen, to: Sample.inBearbeitung, on: "2026-03-02")
        c = try moved(c, from: Sample.inBearbeitung, to: Sample.rueckfrage, on: "2026-03-04")
        #expect(c.slaPauses == [SLAPause(start: Sample.day("2026-03-04"), end: nil)])
        let monday = service.slaStatus(of: c, at: Sample.at("2026-03-09"))
        #expect(monday.isPaused)
        #expect(monday.pausedWorkingDays == 3)  // 5, 6, 9 March
        #expect(monday.dueDate.iso == "2026-03-19")
        #expect(monday.remainingWorkingDays == 8)
        let tuesday = service.slaStatus(of: c, at: Sample.at("2026-03-10"))
        #expect(tuesday.dueDate.iso == "2026-03-20")
        #expect(tuesday.remainingWorkingDays == 8)

        c = try moved(c, from: Sample.rueckfrage, to: Sample.inBearbeitung, on: "2026-03-06")
        let resumed = service.slaStatus(of: c, at: Sample.at("2026-03-10"))
        #expect(!resumed.isPaused)
        #expect(resumed.pausedWorkingDays == 2)  // 5 and 6 March
        #expect(resumed.dueDate.iso == "2026-03-18")
        #expect(resumed.remainingWorkingDays == 6)
    }

    @Test func overlappingPausesCountEachDayOnce() {
        let pauses = [
            SLAPause(start: Sample.day("2026-03-02"), end: Sample.day("2026-03-05")),
            SLAPause(start: Sample.day("2026-03-04"), end: Sample.day("2026-03-10")),
            SLAPause(start: Sample.day("2026-03-20"), end: nil),
        ]
        let policy = service.sla
        // (2 Mar, 10 Mar] = 3, 4, 5, 6, 9, 10; (20 Mar, 24 Mar] = 23, 24.
        #expect(policy.pausedWorkingDays(pauses, until: Sample.day("2026-03-24")) == 8)
        // Pauses after the evaluation day do not count.
        #expect(policy.pausedWorkingDays(pauses, until: Sample.day("2026-03-06")) == 4)
    }

    @Test func aTerminalStateStopsTheClock() throws {
        var late = try moved(
            try received(), from: Sample.eingegangen, to: Sample.inBearbeitung, on: "2026-03-02")
        var onTime = try moved(late, from: Sample.inBearbeitung, to: Sample.entschieden, on: "2026-03-12")
        onTime = try moved(onTime, from: Sample.entschieden, to: Sample.abgeschlossen, on: "2026-03-13")
        let done = service.slaStatus(of: onTime, at: Sample.at("2026-06-01"))
        #expect(done.isStopped)
        #expect(done.asOf.iso == "2026-03-13")
        #expect(!done.isBreached)
        #expect(done.remainingWorkingDays == 1)
        #expect(done.light == .green)

        late = try moved(
            late, from: Sample.inBearbeitung, to: Sample.zurueckgezogen, on: "2026-03-19",
            reason: "Umzug abgesagt")
        let withdrawn = service.slaStatus(of: late, at: Sample.at("2026-06-01"))
        #expect(withdrawn.isStopped && withdrawn.isBreached)
        #expect(withdrawn.remainingWorkingDays == -3)
        #expect(withdrawn.light == .red)
    }

    @Test func withdrawingWhileWaitingClosesThePause() throws {
        var c = try moved(
            try received(), from: Sample.eingegangen, to: Sample.inBearbeitung, on: "2026-03-02")
        c = try moved(c, from: Sample.inBearbeitung, to: Sample.rueckfrage, on: "2026-03-03")
        c = try moved(
            c, from: Sample.rueckfrage, to: Sample.zurueckgezogen, on: "2026-03-05", reason: "kein Bedarf")
        #expect(c.slaPauses == [SLAPause(start: Sample.day("2026-03-03"), end: Sample.day("2026-03-05"))])
        let status = service.slaStatus(of: c, at: Sample.at("2026-04-01"))
        #expect(status.pausedWorkingDays == 2)
        #expect(!status.isPaused)
        #expect(status.dueDate.iso == "2026-03-18")
    }

    @Test func trafficLightThresholds() {
        #expect(TrafficLight.light(remaining: 3, of: 10, breached: false) == .green)
        #expect(TrafficLight.light(remaining: 2, of: 10, breached: false) == .yellow)
        #expect(TrafficLight.light(remaining: 3, of: 15, breached: false) == .yellow)  // 20 %
        #expect(TrafficLight.light(remaining: 4, of: 15, breached: false) == .green)
        #expect(TrafficLight.light(remaining: 0, of: 40, breached: false) == .yellow)
        #expect(TrafficLight.light(remaining: 8, of: 40, breached: false) == .yellow)
        #expect(TrafficLight.light(remaining: 9, of: 40, breached: false) == .green)
        #expect(TrafficLight.light(remaining: -1, of: 10, breached: false) == .red)
        #expect(TrafficLight.light(remaining: 0, of: 10, breached: true) == .red)
        #expect(Set(TrafficLight.allCases.map(\.symbol)).count == 3)
        #expect(TrafficLight.red.label.de == "Frist überschritten")
    }

    @Test func stalledAfterFiveIdleWorkingDays() throws {
        let c = try moved(
            try received(), from: Sample.eingegangen, to: Sample.inBearbeitung, on: "2026-03-02")
        #expect(service.sla.idleWorkingDays(of: c, at: Sample.at("2026-03-06")) == 4)
        #expect(!service.isStalled(c, at: Sample.at("2026-03-06")))
        #expect(!service.isStalled(c, at: Sample.at("2026-03-08")))  // Sunday: still 4
        #expect(service.isStalled(c, at: Sample.at("2026-03-09")))

        let commented = try #require(
            Sample.applying(
                Sample.operation(.addComment(text: "Nachweis angefordert"), at: Sample.at("2026-03-06")),
                to: c))
        #expect(!service.isStalled(commented, at: Sample.at("2026-03-09")))
        #expect(service.isStalled(commented, at: Sample.at("2026-03-13")))
    }

    @Test func waitingAndClosedCasesAreNeverStalled() throws {
        let working = try moved(
            try received(), from: Sample.eingegangen, to: Sample.inBearbeitung, on: "2026-03-02")
        let waiting = try moved(working, from: Sample.inBearbeitung, to: Sample.rueckfrage, on: "2026-03-02")
        #expect(!service.isStalled(waiting, at: Sample.at("2026-05-01")))
        let withdrawn = try moved(
            working, from: Sample.inBearbeitung, to: Sample.zurueckgezogen, on: "2026-03-02", reason: "x")
        #expect(!service.isStalled(withdrawn, at: Sample.at("2026-05-01")))
        let noRule = SLAPolicy(workingDays: 10, stalledAfterWorkingDays: 0)
        #expect(!noRule.isStalled(working, workflow: Sample.workflow, at: Sample.at("2026-05-01")))
    }
}
