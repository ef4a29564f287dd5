import Foundation
import Testing

@testable import CaseModel

@Suite struct PhoneIdentityTests {
    private func newCall(informationBlock: Bool = false) throws -> PhoneCall {
        PhoneCall(
            clerk: "mueller.k", callerNumber: "089 7654321", startedAt: PhoneFixtures.start,
            citizen: try PhoneFixtures.citizen(informationBlock: informationBlock))
    }

    @Test func personalDataIsMaskedBeforeVerification() throws {
        let call = try newCall()
        let details = try #require(call.callerDetails)
        #expect(details.name == .masked)
        #expect(details.dateOfBirth == .masked)
        #expect(details.address == .masked)
        #expect(details.phoneOnRecord == .shown("••• ••67"))
        #expect(details.name.text() == "•••••")
        #expect(call.step == .identity)
    }

    @Test func wrongDateOfBirthKeepsDataMaskedAndRecordsTheMismatch() throws {
        var call = try newCall()
        let result = try call.verify(IdentityAnswers(dateOfBirth: "08.03.1941", postcode: "80802"))
        #expect(!result.isVerified)
        #expect(result.matched == [.postcode])
        #expect(result.mismatched == [.dateOfBirth])
        #expect(call.step == .identity)
        #expect(call.callerDetails?.name == .masked)
        #expect(call.identityAttempts == 1)
    }

    @Test func oneFactorAloneDoesNotVerify() throws {
        var call = try newCall()
        #expect(!(try call.verify(IdentityAnswers(dateOfBirth: "1941-03-07"))).isVerified)
        #expect(
            !(try call.verify(IdentityAnswers(postcode: "80802", registeredName: "Anneliese Weißgerber")))
                .isVerified)
    }

    @Test func dateOfBirthAndNameVerifyAndWhatMatchedIsRecorded() throws {
        var call = try newCall()
        let result = try call.verify(
            IdentityAnswers(dateOfBirth: "7.3.1941", registeredName: "  anneliese   WEISSGERBER "))
        #expect(result.isVerified)
        #expect(result.matched == [.dateOfBirth, .registeredName])
        #expect(result.matchedText.de == "Geburtsdatum, Name wie gemeldet")
        #expect(call.step == .chooseService)
        let details = try #require(call.callerDetails)
        #expect(details.name == .shown("Anneliese Weißgerber"))
        #expect(details.dateOfBirth == .shown("7. März 1941"))
        #expect(details.address == .shown("Leopoldstraße 12, 80802 München"))
        #expect(details.phoneOnRecord == .shown("089 – 12 34 567"))
    }

    @Test func aContradictingAnswerPreventsVerification() throws {
        var call = try newCall()
        let result = try call.verify(
            IdentityAnswers(dateOfBirth: "07.03.1941", postcode: "80802", registeredName: "Anna Weber"))
        #expect(!result.isVerified)
        #expect(result.mismatched == [.registeredName])
    }

    @Test func informationBlockNeverShowsTheAddressEvenWhenVerified() throws {
        let before = try #require(try newCall(informationBlock: true).callerDetails)
        #expect(before.address == .withheld(CallerDetails.informationBlockNotice))
        let call = try PhoneFixtures.verifiedCall(informationBlock: true)
        #expect(call.isVerified)
        let details = try #require(call.callerDetails)
        #expect(details.name == .shown("Anneliese Weißgerber"))
        #expect(details.address == .withheld(CallerDetails.informationBlockNotice))
        #expect(!details.address.text().contains("Leopoldstraße"))
        #expect(details.informationBlock)
    }

    @Test func nothingCanBeChosenBeforeVerification() throws {
        var call = try newCall()
        #expect(throws: PhoneCallError.self) {
            try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        }
        let error = #expect(throws: PhoneCallError.self) { try call.continueWithoutRecord() }
        #expect(error?.kind == .notVerified)
    }

    @Test func aCallerNotOnRecordGoesOnWithoutDisclosingAnything() throws {
        var call = PhoneCall(clerk: "mueller.k", callerNumber: "089 7654321", startedAt: PhoneFixtures.start)
        #expect(call.callerDetails == nil)
        try call.continueWithoutRecord()
        #expect(call.step == .chooseService)
        #expect(call.withoutRecord)
    }

    @Test func failedVerificationOffersCallbackToTheNumberOnRecord() throws {
        var call = try newCall()
        try call.verify(IdentityAnswers(dateOfBirth: "01.01.1950", postcode: "81379"))
        let window = try PhoneFixtures.window(10, 12)
        let callback = try call.callbackToNumberOnRecord(
            day: try PhoneFixtures.date(2026, 12, 1), window: window, today: try PhoneFixtures.today(),
            at: PhoneFixtures.start)
        #expect(callback.number == "089 1234567")
        #expect(callback.numberOnRecord)
        let record = try call.end(
            with: .identityNotVerified(callback: callback), at: PhoneFixtures.start.addingTimeInterval(180))
        #expect(record.outcome.name == "identity_not_verified")
        #expect(record.outcome.callback == callback)
        #expect(record.citizenID == nil)
        #expect(record.identityMatched == [])
        #expect(record.durationSeconds == 180)
        #expect(!record.outcome.isFirstContactResolution)
        #expect(call.step == .ended)
    }

    @Test func identityNotVerifiedIsRefusedForAVerifiedCaller() throws {
        var call = try PhoneFixtures.verifiedCall()
        let error = #expect(throws: PhoneCallError.self) {
            _ = try call.end(with: .identityNotVerified(callback: nil), at: PhoneFixtures.start)
        }
        #expect(error?.kind == .invalidOutcome)
    }
}
