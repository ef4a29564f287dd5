import Foundation
import Testing

@testable import CaseModel

/// A call in progress survives the workstation going away: saved as data, restored as it was.
@Suite struct PhoneCallSavedTests {
    /// Through JSON and back, as the replica stores it.
    private func roundTrip(_ call: PhoneCall) throws -> PhoneCall {
        let saved = try #require(call.saved)
        let data = try JSONEncoder().encode(saved)
        let decoded = try JSONDecoder().decode(PhoneCall.Saved.self, from: data)
        return try PhoneCall(
            restoring: decoded, services: [try PhoneFixtures.dogTax(), PhoneFixtures.postalVote()],
            today: try PhoneFixtures.today())
    }

    @Test func anUnverifiedCallStaysAtTheIdentityCheckAndMasked() throws {
        var call = PhoneCall(clerk: "m.huber", callerNumber: "089 7654321", startedAt: PhoneFixtures.start)
        try call.claimIdentity(try PhoneFixtures.citizen())
        call.notes = "ruft wegen Hund an"
        let restored = try roundTrip(call)
        #expect(restored == call)
        #expect(restored.step == .identity)
        #expect(restored.callerDetails == call.callerDetails)
        #expect(restored.isVerified == false)
    }

    @Test func halfwayThroughTheInterviewEveryAnswerAndTheQuestionAreKept() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        for answer in PhoneCallTests.answers.prefix(3) { try call.answer(answer) }
        #expect(throws: PhoneCallError.self) { try call.answer("kein Datum") }
        let restored = try roundTrip(call)
        #expect(restored.step == .interview)
        #expect(restored.isVerified)
        #expect(restored.interview?.values == call.interview?.values)
        #expect(restored.interview?.current == call.interview?.current)
        #expect(restored.interview?.progressText == call.interview?.progressText)
        let current = try #require(call.interview?.current)
        #expect(restored.interview?.answerText(current) == "kein Datum", "a rejected answer stays as typed")
        #expect(restored == call)
    }

    @Test func theReadBackKeepsItsTicksAndTheConsentStepIsReturnedTo() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        for answer in PhoneCallTests.answers { try call.answer(answer) }
        let first = try #require(call.readBack.first)
        try call.toggleConfirmed(line: first.id)
        var restored = try roundTrip(call)
        #expect(restored.step == .readBack)
        #expect(restored.readBack == call.readBack)
        for line in call.readBack.dropFirst() { try call.toggleConfirmed(line: line.id) }
        try call.proceedToConsent()
        restored = try roundTrip(call)
        #expect(restored.step == .consent)
        #expect(restored.consentWording == call.consentWording)
    }

    @Test func aServiceNoLongerInTheCatalogueIsReportedNotGuessed() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        let saved = try #require(call.saved)
        #expect(throws: PhoneCallError.self) {
            try PhoneCall(restoring: saved, services: [], today: try PhoneFixtures.today())
        }
    }

    @Test func anEndedCallHasNothingToSave() throws {
        var call = try PhoneFixtures.verifiedCall()
        _ = try call.end(with: .resolvedAtFirstContact, at: PhoneFixtures.start.addingTimeInterval(60))
        #expect(call.saved == nil)
    }

    @Test func aCallbackCarriesTheAnswersAndTheNextCallStartsFromThem() throws {
        var call = try PhoneFixtures.verifiedCall()
        let service = try PhoneFixtures.dogTax()
        try call.chooseService(service, today: try PhoneFixtures.today())
        for answer in PhoneCallTests.answers.prefix(2) { try call.answer(answer) }
        let callback = try call.callback(
            day: try PhoneFixtures.date(2026, 12, 1), window: try PhoneFixtures.window(10, 12),
            number: "089 7654321", topic: "Hundesteuer", today: try PhoneFixtures.today(),
            at: PhoneFixtures.start.addingTimeInterval(120))
        let carried = try #require(callback.carriedOver)
        #expect(carried.serviceID == "hundesteuer")
        #expect(carried.answers.values == call.interview?.values)

        var next = try PhoneFixtures.verifiedCall()
        next.carriedOver = callback.carriedOver
        try next.chooseService(service, today: try PhoneFixtures.today())
        let interview = try #require(next.interview)
        #expect(interview.progressText.de.hasPrefix("Frage 1 von"), "every answer is asked again to confirm")
        let first = try #require(interview.current)
        #expect(interview.answerText(first) == "Anneliese Weißgerber")
        #expect(interview.values["beginn"] == call.interview?.values["beginn"])

        var other = try PhoneFixtures.verifiedCall()
        other.carriedOver = CarriedAnswers(serviceID: "briefwahl", answers: carried.answers)
        try other.chooseService(service, today: try PhoneFixtures.today())
        #expect(other.interview?.values.count ?? 0 < interview.values.count, "only for the same service")
    }
}
