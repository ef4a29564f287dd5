import Foundation
import Testing

@testable import CaseModel

@Suite struct PhoneCallTests {
    static let answers = [
        "Anneliese Weißgerber", "01.06.2026", "Bello", "Mischling", "nein", "nein",
        "DE89 3704 0044 0532 0130 00", "Hund ist taub",
    ]

    /// A verified call through the whole interview, now at the read-back.
    private func callAtReadBack(informationBlock: Bool = false) throws -> PhoneCall {
        var call = try PhoneFixtures.verifiedCall(informationBlock: informationBlock)
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        for answer in Self.answers { try call.answer(answer) }
        return call
    }

    @Test func theServiceListOffersOnlyPhoneServices() throws {
        let menu = PhoneServiceMenu(services: [PhoneFixtures.postalVote(), try PhoneFixtures.dogTax()])
        #expect(menu.offered.map(\.id) == ["hundesteuer"])
        #expect(menu.barred.map(\.serviceID) == ["briefwahl"])
        #expect(menu.barred.first?.reason == PhoneFixtures.postalVoteNote)
    }

    @Test func aPhoneBarredServiceIsRefusedWithTheReasonAndAlternatives() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(PhoneFixtures.postalVote(), today: try PhoneFixtures.today())
        guard case .refused(let refusal) = call.step else {
            Issue.record("expected a refusal, got \(call.step)")
            return
        }
        #expect(
            refusal.reason.de == "Ein Wahlschein kann nicht telefonisch beantragt werden (§ 27 Abs. 1 BWO).")
        #expect(refusal.alternatives == [.paperForm, .counterAppointment])
        #expect(
            refusal.alternatives.map(\.label.de) == [
                "Papierformular per Post zuschicken", "Termin im Bürgerbüro vereinbaren",
            ])
        #expect(call.interview == nil)
        #expect(throws: PhoneCallError.self) { try call.answer("Bundestagswahl") }
        let record = try call.end(
            with: .paperFormSent(serviceID: "briefwahl"), at: PhoneFixtures.start.addingTimeInterval(95))
        #expect(record.outcome.summary.de == "Papierformular wird per Post zugeschickt.")
        #expect(record.serviceID == "briefwahl")
        #expect(record.caseID == nil)
    }

    @Test func aRefusedCallCanBookACounterAppointmentOrChooseAnotherService() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(PhoneFixtures.postalVote(), today: try PhoneFixtures.today())
        try call.backToServices()
        #expect(call.step == .chooseService)
        try call.chooseService(PhoneFixtures.postalVote(), today: try PhoneFixtures.today())
        let time = try #require(TimeOfDay(hour: 9, minute: 30))
        let record = try call.end(
            with: .counterAppointment(
                serviceID: "briefwahl", day: try PhoneFixtures.date(2026, 12, 3), time: time),
            at: PhoneFixtures.start.addingTimeInterval(200))
        #expect(record.outcome.summary.de == "Termin im Bürgerbüro am 3. Dezember 2026 um 09:30 Uhr.")
    }

    @Test func readBackIsPlainGermanWithExactText() throws {
        let call = try callAtReadBack()
        #expect(call.step == .readBack)
        #expect(
            call.readBack.map(\.spoken) == [
                "Name: Anneliese Weißgerber",
                "Haltung seit: 1. Juni 2026",
                "Hunde, Eintrag 1: Rufname Bello; Rasse Mischling",
                "Ermäßigung: nein",
                "Steuer pro Jahr: 100 Euro",
                "IBAN: D E 8 9 – 3 7 0 4 – 0 0 4 4 – 0 5 3 2 – 0 1 3 0 – 0 0",
                "Bemerkung: Hund ist taub",
            ])
        let name = try #require(call.readBack.first)
        #expect(
            name.spelling == [
                "Anneliese: A wie Aachen – N wie Nürnberg – N wie Nürnberg – E wie Essen – L wie Leipzig – "
                    + "I wie Ingelheim – E wie Essen – S wie Salzwedel – E wie Essen",
                "Weißgerber: W wie Wuppertal – E wie Essen – I wie Ingelheim – Eszett – G wie Goslar – "
                    + "E wie Essen – R wie Rostock – B wie Berlin – E wie Essen – R wie Rostock",
            ])
        #expect(call.readBack.allSatisfy { $0.readAloud && !$0.confirmed })
    }

    @Test func everyLineMustBeTickedBeforeConsent() throws {
        var call = try callAtReadBack()
        let error = #expect(throws: PhoneCallError.self) { try call.proceedToConsent() }
        #expect(error?.kind == .readBackIncomplete)
        for line in call.readBack.dropLast() { try call.toggleConfirmed(line: line.id) }
        let last = #expect(throws: PhoneCallError.self) { try call.proceedToConsent() }
        #expect(last?.message.de == "Noch nicht bestätigt: Bemerkung.")
        try call.toggleConfirmed(line: "bemerkung")
        try call.proceedToConsent()
        #expect(call.step == .consent)
    }

    @Test func aCorrectionGoesBackToTheQuestionAndKeepsTheOtherAnswers() throws {
        var call = try callAtReadBack()
        try call.correct(line: "hunde[0]")
        #expect(call.step == .interview)
        #expect(call.interview?.current == .subfield(group: "hunde", row: 0, field: "rufname"))
        try call.answer("Bello II")
        while call.step == .interview { try call.forward() }
        #expect(call.readBack.map(\.spoken).contains("Hunde, Eintrag 1: Rufname Bello II; Rasse Mischling"))
        #expect(call.readBack.count == 7)
    }

    @Test func withoutConsentNothingIsSubmitted() throws {
        var call = try callAtReadBack()
        for line in call.readBack { try call.toggleConfirmed(line: line.id) }
        try call.proceedToConsent()
        let error = #expect(throws: PhoneCallError.self) {
            _ = try call.submit(caseID: UUID(), number: "HUN-2026-0000001", at: PhoneFixtures.start)
        }
        #expect(error?.kind == .consentMissing)
        #expect(call.submission == nil)
        try call.declineConsent()
        #expect(call.step == .readBack)
    }

    @Test func aFullCallIsSubmittedOnBehalfAndResolvedAtFirstContact() throws {
        var call = try callAtReadBack()
        call.notes = "Anruferin schwerhörig, langsam sprechen."
        for line in call.readBack { try call.toggleConfirmed(line: line.id) }
        try call.proceedToConsent()
        let wording = try #require(call.consentWording)
        #expect(
            wording
                == "Ich stelle jetzt für Sie den Antrag „Hund anmelden (Hundesteuer)“ bei der Stadt München. "
                + "Dafür verwende ich die Angaben, die ich Ihnen eben vorgelesen habe. "
                + "Sind Sie damit einverstanden?")
        // One question, short sentences, and no login id read out to the caller.
        #expect(wording.filter { $0 == "?" }.count == 1)
        #expect(!wording.contains("mueller.k"))
        for sentence in wording.split(whereSeparator: { ".?".contains($0) }) {
            #expect(sentence.split(separator: " ").count <= 14, "\(sentence)")
        }
        let consentTime = PhoneFixtures.start.addingTimeInterval(400)
        try call.recordConsent(at: consentTime)
        #expect(call.consent == ConsentRecord(wording: wording, givenAt: consentTime, clerk: "mueller.k"))
        let caseID = UUID()
        let newCase = try call.submit(caseID: caseID, number: "HUN-2026-0000042", at: consentTime)
        #expect(newCase.channel == .phone)
        #expect(newCase.enteredBy == "mueller.k")
        #expect(newCase.serviceID == "hundesteuer")
        #expect(newCase.formVersion == 3)
        #expect(newCase.orgUnit == "kr-hundesteuer")
        #expect(newCase.initialState == "eingegangen")
        #expect(newCase.citizen?.id == (try PhoneFixtures.citizen()).id)
        #expect(newCase.fields["gebuehr"] == .money(cents: 10_000))
        #expect(newCase.fields["iban"] == .text("DE89370400440532013000"))
        #expect(newCase.fields["nachweis"] == nil)
        let note = try #require(call.onBehalfNote)
        #expect(note.hasPrefix("Telefonisch aufgenommen von mueller.k im Auftrag des Anrufers."))
        #expect(note.contains(wording))
        #expect(call.step == .submitted)

        let record = try call.end(
            with: .resolvedAtFirstContact, at: PhoneFixtures.start.addingTimeInterval(431))
        #expect(record.durationSeconds == 431)
        #expect(record.outcome.isFirstContactResolution)
        #expect(record.caseID == caseID)
        #expect(record.caseNumber == "HUN-2026-0000042")
        #expect(record.identityMatched == [.dateOfBirth, .postcode])
        #expect(record.consent?.wording == wording)
        #expect(record.notes == "Anruferin schwerhörig, langsam sprechen.")
        #expect(throws: PhoneCallError.self) {
            _ = try call.end(with: .resolvedAtFirstContact, at: consentTime)
        }
    }

    @Test func anAddressUnderInformationBlockIsNotReadOut() throws {
        var call = try PhoneFixtures.verifiedCall(informationBlock: true)
        let address = FieldDefinition(
            id: "abholort", type: .address, label: PhoneFixtures.label("Abholort"), required: true,
            phoneQuestion: PhoneFixtures.label("Wo sollen wir abholen?"))
        var service = try PhoneFixtures.dogTax()
        service.form = FormDefinition(fields: [address])
        try call.chooseService(service, today: try PhoneFixtures.today())
        try call.answer("Leopoldstraße 12, 80802 München")
        try call.answer("")
        let line = try #require(call.readBack.first)
        #expect(line.id == "abholort")
        #expect(!line.readAloud)
        #expect(line.notice == ReadBack.withheldAddressNotice)
    }

    @Test func referralGivesTheDirectNumberOfTheResponsibleUnit() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        let referral = try #require(call.referral)
        #expect(referral == .referred(orgUnit: PhoneFixtures.orgUnit))
        let record = try call.end(with: referral, at: PhoneFixtures.start.addingTimeInterval(60))
        #expect(
            record.outcome.summary.de
                == "Weitergeleitet an Kämmerei, Hundesteuer, Durchwahl +49 89 233-92000.")
    }

    @Test func aCallbackNeedsAValidNumberAndAFutureDay() throws {
        var call = try PhoneFixtures.verifiedCall()
        let window = try PhoneFixtures.window(14, 16)
        let today = try PhoneFixtures.today()
        let bad = #expect(throws: PhoneCallError.self) {
            _ = try call.callback(
                day: today, window: window, number: "12", topic: "Rückfrage", today: today,
                at: PhoneFixtures.start)
        }
        #expect(bad?.kind == .invalidOutcome)
        #expect(throws: PhoneCallError.self) {
            _ = try call.callback(
                day: try PhoneFixtures.date(2026, 11, 29), window: window, number: "089 7654321", topic: "x",
                today: today, at: PhoneFixtures.start)
        }
        let callback = try call.callback(
            day: try PhoneFixtures.date(2026, 12, 3), window: window, number: "089 7654321",
            topic: "Nachweis klären", today: today, at: PhoneFixtures.start)
        #expect(callback.spoken == "Rückruf am 3. Dezember 2026 zwischen 14 und 16 Uhr unter 089 – 76 54 321")
        let record = try call.end(
            with: .callbackScheduled(callback), at: PhoneFixtures.start.addingTimeInterval(75))
        #expect(record.outcome.callback?.callID == call.id)
        #expect(record.outcome.name == "callback")
    }
}
