import CaseModel
import DemoData
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// Phone calls from F6 to the outcome: the real workstation loop on a headless terminal over a
/// real replica, one journey per outcome.
@Suite("Phone journeys", .serialized)
struct PhoneJourneyTests {
    static let anneliese = Citizen(
        id: UUID(uuid: (9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
        name: PersonName(given: "Anneliese", family: "Weißgerber"),
        dateOfBirth: LocalDate(year: 1941, month: 3, day: 7) ?? LocalDate(dayNumber: 0),
        address: PostalAddress(
            street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"),
        phone: "089 1234567")

    static let blocked = Citizen(
        id: UUID(uuid: (9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)),
        name: PersonName(given: "Theodor", family: "Quellmalz"),
        dateOfBirth: LocalDate(year: 1938, month: 11, day: 2) ?? LocalDate(dayNumber: 0),
        address: PostalAddress(street: "Geheimweg", houseNumber: "3", postcode: "81379", city: "München"),
        phone: "089 7777777", informationBlock: true)

    /// A journey rig whose replica also knows the two callers above (through a case each).
    private func rig() throws -> JourneyTests.Rig {
        let rig = try JourneyTests.Rig(cases: 20, clerk: Fixtures.phoneClerk)
        var cases: [Case] = []
        for (n, citizen) in [Self.anneliese, Self.blocked].enumerated() {
            cases.append(
                Case(
                    id: UUID(uuid: (9, 9, 9, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(n + 1))),
                    number: "HUN-2026-990000\(n + 1)", serviceID: "hundesteuer", formVersion: 2,
                    orgUnit: "kaemmerei-steuern", channel: .counter, state: "eingegangen",
                    citizenID: citizen.id,
                    fields: [:], receivedAt: JourneyTests.now.addingTimeInterval(-86_400), version: 1))
        }
        try rig.replica.applyCentralChanges(cases, citizens: [Self.anneliese, Self.blocked], cursor: 2)
        return rig
    }

    /// F6, the caller's number, then name, date of birth and postcode.
    private func callAndIdentify(
        _ rig: JourneyTests.Rig, name: String = "Anneliese Weißgerber", birth: String = "07.03.1941",
        postcode: String = "80802"
    ) throws {
        try rig.press("F6")
        #expect(rig.screen.contains("Anruf annehmen"))
        try rig.type("089 7654321")
        try rig.press("Enter")
        #expect(rig.screen.contains("Identität prüfen"))
        try rig.type(name)
        try rig.press("Enter")
        try rig.type(birth)
        try rig.press("Enter")
        try rig.type(postcode)
        #expect(!rig.screen.contains("Leopoldstraße"), "nothing on record shows before verification")
        try rig.press("Enter")
    }

    private func call(_ rig: JourneyTests.Rig) -> PhoneCall? {
        if case .phone(let s) = rig.workstation.state.screen { return s.call }
        return nil
    }

    private func records(_ rig: JourneyTests.Rig) throws -> [CallRecord] {
        try rig.replica.callRecords(since: .distantPast)
    }

    @Test func aFullCallIsEnteredOnBehalfAndResolvedAtFirstContact() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        var screen = rig.screen
        #expect(screen.contains("Anneliese Weißgerber · bestätigt"))
        #expect(screen.contains("Geprüft: Geburtsdatum, Postleitzahl, Name wie gemeldet"))
        #expect(screen.contains("Anliegen wählen"))
        #expect(screen.contains("Ummeldung  – nicht telefonisch"))
        try rig.press("Enter")  // Hundesteuer, the first service allowed by phone
        screen = rig.screen
        #expect(screen.contains("Frage 1 von 7"), "\(screen)")
        #expect(screen.contains("Hundesteuer"))
        for answer in [
            "Anneliese Weißgerber", "Leopoldstraße 12, 80802 München", "Dackel", "276098106235148",
            "01.06.2026",
            "DE89 3704 0044 0532 0130 00", "",
        ] {
            try rig.type(answer)
            try rig.press("Enter")
        }
        screen = rig.screen
        #expect(screen.contains("Vorlesen und bestätigen lassen"), "\(screen)")
        #expect(screen.contains("[ ] Gehalten seit: 1. Juni 2026"))
        #expect(screen.contains("[ ] Chipnummer: 276 098 106 235 148"))
        #expect(screen.contains("[ ] Jahressteuer: 100 Euro"))
        #expect(
            screen.contains("[ ] IBAN für Lastschrift: D E 8 9 – 3 7 0 4 – 0 0 4 4 – 0 5 3 2 – 0 1 3 0 –"))
        #expect(screen.contains("    0 0"))
        try rig.press("b")
        #expect(rig.screen.contains("Anneliese: A wie Aachen – N wie Nürnberg – N wie Nürnberg"))
        try rig.press("F11")
        #expect(rig.screen.contains("Noch nicht bestätigt"), "consent needs every line ticked")
        for _ in 0..<7 { try rig.press("Enter") }
        #expect(!rig.screen.contains("[ ]"))
        try rig.press("Enter")
        screen = rig.screen
        #expect(screen.contains("Einwilligung – bitte wörtlich vorlesen"), "\(screen)")
        #expect(screen.contains("Ich stelle jetzt für Sie den Antrag"))
        try rig.press("j")
        let submitted = try #require(call(rig))
        #expect(submitted.step == .submitted)
        let caseID = try #require(submitted.caseID)
        let stored = try #require(try rig.replica.visibleCase(id: caseID))
        #expect(stored.channel == .phone)
        #expect(stored.enteredBy == "m.huber")
        #expect(stored.fields["chip"] == .text("276098106235148"))
        #expect(
            stored.comments.first?.text.hasPrefix(
                "Telefonisch aufgenommen von m.huber im Auftrag des Anrufers.") == true)
        try rig.press("F6")
        #expect(rig.screen.contains("Gesprächsergebnis"))
        try rig.press("Enter")
        #expect(rig.screen.contains("Anruf beendet"))
        let record = try #require(try records(rig).first)
        #expect(record.outcome == .resolvedAtFirstContact)
        #expect(record.caseID == caseID)
        #expect(record.identityMatched == [.dateOfBirth, .postcode, .registeredName])
        #expect(record.consent?.clerk == "m.huber")
    }

    @Test func withoutConsentNothingIsSubmitted() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Enter")
        for answer in [
            "A B", "Leopoldstraße 12, 80802 München", "Dackel", "276098106235148", "01.06.2026", "", "",
        ] {
            try rig.type(answer)
            try rig.press("Enter")
        }
        for _ in 0..<6 { try rig.press("Enter") }
        try rig.press("Enter")
        #expect(rig.screen.contains("Einwilligung"))
        try rig.press("n")
        #expect(call(rig)?.step == .readBack)
        #expect(try rig.replica.pendingCount() == 0)
    }

    @Test func aPhoneBarredServiceIsRefusedAndThePaperFormSent() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Down", "Down", "Down")  // Ummeldung, listed after the phone services
        try rig.press("Enter")
        let screen = rig.screen
        #expect(screen.contains("Nicht telefonisch möglich"), "\(screen)")
        #expect(screen.contains("„Ummeldung“ kann nicht telefonisch beantragt werden."))
        #expect(screen.contains("1 Papierformular zuschicken · 2 Termin im Bürgerbüro"))
        try rig.press("1")
        #expect(try records(rig).first?.outcome == .paperFormSent(serviceID: "ummeldung"))
    }

    @Test func aRefusedCallCanEndWithACounterAppointment() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Down", "Down", "Down", "Enter", "2")
        try rig.type("03.12.2026")
        try rig.press("Enter")
        try rig.type("9:30")
        try rig.press("Enter")
        let outcome = try #require(try records(rig).first?.outcome)
        #expect(
            outcome
                == .counterAppointment(
                    serviceID: "ummeldung",
                    day: LocalDate(year: 2026, month: 12, day: 3) ?? LocalDate(dayNumber: 0),
                    time: TimeOfDay(minuteOfDay: 570)))
    }

    @Test func aFailedIdentityCheckShowsNothingAndOffersACallbackToTheNumberOnRecord() throws {
        let rig = try rig()
        try callAndIdentify(rig, birth: "08.03.1941")
        let screen = rig.screen
        #expect(screen.contains("stimmen nicht mit dem Bestand überein"), "\(screen)")
        #expect(screen.contains("••••• · nicht bestätigt"))
        #expect(!screen.contains("Leopoldstraße"))
        #expect(!screen.contains("1234567"))
        try rig.press("F6", "4")
        try rig.type("01.12.2026")
        try rig.press("Enter")
        try rig.type("10-12")
        try rig.press("Enter")
        let record = try #require(try records(rig).first)
        guard case .identityNotVerified(let callback?) = record.outcome else {
            Issue.record("expected identity not verified with a callback, got \(record.outcome)")
            return
        }
        #expect(callback.number == "089 1234567")
        #expect(callback.numberOnRecord)
        #expect(record.identityMatched == [.postcode, .registeredName])
        try rig.press("F6")
        #expect(rig.screen.contains("01.12.2026 10:00–12:00  089 1234567"))
    }

    @Test func aCallbackIsScheduledComesUpInTheQueueAndIsDoneWhenCalled() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("F9")
        try rig.type("30.11.2026")
        try rig.press("Enter")
        try rig.type("10-12")
        try rig.press("Enter", "Enter")
        let first = try #require(try records(rig).first)
        let callback = try #require(first.outcome.callback)
        #expect(callback.number == "089 7654321")
        #expect(try rig.replica.openCallbacks() == [callback])
        try rig.press("F6")
        #expect(rig.screen.contains("30.11.2026 10:00–12:00  089 7654321  Rückruf"), "\(rig.screen)")
        #expect(rig.screen.contains("– fällig"), "due at 10:15")
        try rig.press("Down", "Enter")
        #expect(call(rig)?.callerNumber == "089 7654321")
        try rig.press("F6", "1")
        #expect(try rig.replica.openCallbacks().isEmpty)
        #expect(try records(rig).count == 2)
    }

    @Test func referralGivesTheDirectNumberNotTheHotline() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Enter", "F6")
        #expect(rig.screen.contains("3  Verweisen an Stadtkämmerei Steuern, Durchwahl +49 89 233-92345"))
        try rig.press("3")
        guard case .referred(let unit)? = try records(rig).first?.outcome else {
            Issue.record("expected a referral")
            return
        }
        #expect(unit.directPhone == "+49 89 233-92345")
    }

    @Test func anInformationBlockNeverShowsTheAddress() throws {
        let rig = try rig()
        try callAndIdentify(rig, name: "Theodor Quellmalz", birth: "02.11.1938", postcode: "81379")
        let screen = rig.screen
        #expect(screen.contains("Theodor Quellmalz · bestätigt"), "\(screen)")
        #expect(screen.contains("Auskunftssperre"))
        #expect(!screen.contains("Geheimweg"))
    }

    @Test func aWorkstationKilledMidCallLosesNoAnswerAndF6ContinuesTheCall() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Enter")  // Hundesteuer
        for answer in ["Anneliese Weißgerber", "Leopoldstraße 12, 80802 München", "Dackel"] {
            try rig.type(answer)
            try rig.press("Enter")
        }
        try rig.type("2760981")  // half of the chip number
        try rig.press("Tab")
        try rig.type("schwerhörig")
        try rig.press("Tab")
        // The process dies here: no hang-up, no outcome.
        try rig.restart()
        #expect(rig.screen.contains("F6 setzt es fort"), "\(rig.screen)")
        try rig.press("F6")
        var screen = rig.screen
        #expect(screen.contains("Frage 4 von 7"), "\(screen)")
        #expect(screen.contains("2760981"))
        #expect(screen.contains("schwerhörig"))
        #expect(screen.contains("Anneliese Weißgerber · bestätigt"))
        for answer in ["06235148", "01.06.2026", "DE89 3704 0044 0532 0130 00", ""] {
            try rig.type(answer)
            try rig.press("Enter")
        }
        #expect(rig.screen.contains("[ ] Chipnummer: 276 098 106 235 148"), "\(rig.screen)")
        for _ in 0..<8 { try rig.press("Enter") }
        try rig.press("j")
        #expect(call(rig)?.step == .submitted)
        try rig.press("F6", "Enter")
        let record = try #require(try records(rig).first)
        #expect(record.outcome == .resolvedAtFirstContact)
        #expect(record.notes == "schwerhörig")
        #expect(try rig.replica.draft(key: PhoneCallDraft.key) == nil, "an ended call leaves no draft")
        try rig.press("F6")
        screen = rig.screen
        #expect(screen.contains("Heute: 1 Anruf · 1 beim ersten Kontakt erledigt (100 %)"), "\(screen)")
        try rig.restart()
        #expect(!rig.screen.contains("F6 setzt es fort"))
    }

    @Test func aCallThatBreaksOffKeepsItsAnswersForTheCallback() throws {
        let rig = try rig()
        try callAndIdentify(rig)
        try rig.press("Enter")  // Hundesteuer
        for answer in ["Anneliese Weißgerber", "Leopoldstraße 12, 80802 München"] {
            try rig.type(answer)
            try rig.press("Enter")
        }
        try rig.press("F9")  // the line is bad: call back
        try rig.type("30.11.2026")
        try rig.press("Enter")
        try rig.type("10-12")
        try rig.press("Enter", "Enter")
        let callback = try #require(try records(rig).first?.outcome.callback)
        #expect(callback.carriedOver?.serviceID == "hundesteuer")
        #expect(callback.carriedOver?.answers.values.count == 2)
        #expect(try rig.replica.openCallbacks().first?.carriedOver == callback.carriedOver)
        try rig.press("F6")
        #expect(rig.screen.contains("(mit Antworten)"), "\(rig.screen)")
        try rig.press("Down", "Enter")
        try rig.type("Anneliese Weißgerber")
        try rig.press("Enter")
        try rig.type("07.03.1941")
        try rig.press("Enter")
        try rig.type("80802")
        try rig.press("Enter")
        try rig.press("Enter")  // Hundesteuer again
        let screen = rig.screen
        #expect(screen.contains("Antworten aus dem früheren Gespräch"), "\(screen)")
        #expect(screen.contains("Frage 1 von 7"))
        try rig.press("Enter", "Enter")  // each earlier answer confirmed as it stands
        #expect(rig.screen.contains("Frage 3 von 7"), "\(rig.screen)")
        #expect(call(rig)?.interview?.values.count == 2)
    }
}
