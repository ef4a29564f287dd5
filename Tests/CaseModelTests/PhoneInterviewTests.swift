import Foundation
import Testing

@testable import CaseModel

@Suite struct PhoneInterviewTests {
    private func interviewCall() throws -> PhoneCall {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        return call
    }

    private func interview(_ call: PhoneCall) throws -> PhoneInterview { try #require(call.interview) }

    @Test func questionsAreTheRelevantFieldsOneAtATime() throws {
        let call = try interviewCall()
        let interview = try interview(call)
        #expect(
            interview.steps() == [
                .field("name"), .field("beginn"), .subfield(group: "hunde", row: 0, field: "rufname"),
                .subfield(group: "hunde", row: 0, field: "rasse"), .moreRows(group: "hunde", rows: 1),
                .field("ermaessigung"), .field("iban"), .field("bemerkung"),
            ])
        #expect(interview.progressText.de == "Frage 1 von 8")
        #expect(interview.currentQuestion?.text.de == "Wie ist Ihr Vor- und Nachname?")
        #expect(interview.currentQuestion?.help?.de == "Vor- und Familienname wie im Ausweis. (§ 2 HStS)")
        // Once-only: the verified caller's registered name is already there to confirm.
        #expect(interview.answerText(.field("name")) == "Anneliese Weißgerber")
    }

    @Test func invalidAnswersAreRefusedWithTheFormsMessageAndKeptAsTyped() throws {
        var call = try interviewCall()
        try call.answer("Anneliese Weißgerber")
        let error = #expect(throws: PhoneCallError.self) { try call.answer("31.02.2026") }
        #expect(error?.message.de == "Den 31.02.2026 gibt es nicht im Kalender. Bitte Tag und Monat prüfen.")
        let future = #expect(throws: PhoneCallError.self) { try call.answer("01.01.2027") }
        #expect(future?.message.de == "Das Datum darf nicht in der Zukunft liegen.")
        let interview = try interview(call)
        #expect(interview.current == .field("beginn"))
        #expect(interview.answerText(.field("beginn")) == "01.01.2027")
        #expect(interview.values["beginn"] == nil)
    }

    @Test func repeatGroupsAreAskedNaturallyRowByRow() throws {
        var call = try interviewCall()
        try call.answer("Anneliese Weißgerber")
        try call.answer("01.06.2026")
        var question = try #require(try interview(call).currentQuestion)
        #expect(question.lead?.de == "Jetzt nehme ich Ihre Hunde einzeln auf.")
        #expect(question.context?.de == "Hunde – Eintrag 1")
        #expect(question.text.de == "Wie heißt der Hund?")
        try call.answer("Bello")
        try call.answer("1")  // the first choice by its number
        question = try #require(try interview(call).currentQuestion)
        #expect(question.text.de == "Halten Sie noch einen weiteren Hund?")
        try call.answer("ja")
        #expect(try interview(call).current == .subfield(group: "hunde", row: 1, field: "rufname"))
        #expect(try interview(call).progressText.de == "Frage 6 von 11")
        #expect(try interview(call).currentQuestion?.lead == nil)
        try call.answer("Luna")
        try call.answer("Rassehund")
        try call.answer("nein")
        #expect(try interview(call).current == .field("ermaessigung"))
        #expect(
            try interview(call).values["hunde"]
                == .rows([
                    ["rufname": .text("Bello"), "rasse": .choice("mischling")],
                    ["rufname": .text("Luna"), "rasse": .choice("rassehund")],
                ]))
    }

    @Test func noFurtherRowIsOfferedAtTheMaximum() throws {
        var call = try interviewCall()
        for answer in ["Anneliese Weißgerber", "01.06.2026", "A", "1", "ja", "B", "1", "ja", "C", "2"] {
            try call.answer(answer)
        }
        #expect(try interview(call).current == .field("ermaessigung"))
        let steps = try interview(call).steps()
        #expect(steps.contains(.moreRows(group: "hunde", rows: 2)))
        #expect(!steps.contains(.moreRows(group: "hunde", rows: 3)))
    }

    @Test func backAndForwardKeepEveryAnswer() throws {
        var call = try interviewCall()
        for answer in ["Anneliese Weißgerber", "01.06.2026", "Bello", "1"] { try call.answer(answer) }
        try call.back()
        try call.back()
        try call.back()
        #expect(try interview(call).current == .field("beginn"))
        #expect(try interview(call).answerText(.field("beginn")) == "01.06.2026")
        try call.forward()
        #expect(
            try interview(call).answerText(.subfield(group: "hunde", row: 0, field: "rufname")) == "Bello")
        try call.forward()
        try call.forward()
        #expect(try interview(call).current == .moreRows(group: "hunde", rows: 1))
        let unanswered = #expect(throws: PhoneCallError.self) { try call.forward() }
        #expect(unanswered?.kind == .invalidAnswer)
    }

    @Test func irrelevantQuestionsAreSkippedAndLeftOutOfTheApplication() throws {
        var call = try interviewCall()
        for answer in ["Anneliese Weißgerber", "01.06.2026", "Bello", "1", "nein", "ja"] {
            try call.answer(answer)
        }
        #expect(try interview(call).current == .field("nachweis"))
        #expect(try interview(call).progressText.de == "Frage 7 von 9")
        try call.answer("Bescheid Jobcenter vom 2. Oktober")
        try call.back()
        try call.back()
        try call.answer("nein")
        let interview = try interview(call)
        #expect(interview.current == .field("iban"))
        #expect(!interview.steps().contains(.field("nachweis")))
        #expect(interview.values["nachweis"] == .text("Bescheid Jobcenter vom 2. Oktober"))
        #expect(interview.submittedValues["nachweis"] == nil)
        #expect(interview.submittedValues["gebuehr"] == .money(cents: 10_000))
    }

    @Test func requiredQuestionsCannotBeSkipped() throws {
        var call = try interviewCall()
        try call.answer("Anneliese Weißgerber")
        let error = #expect(throws: PhoneCallError.self) { try call.answer("  ") }
        #expect(error?.message.de == "„Haltung seit“ ist ein Pflichtfeld. Bitte ausfüllen.")
    }
}

@Suite struct PhoneInterviewRowRemovalTests {
    @Test func sayingNoAfterARowDropsTheRowsAddedAfterIt() throws {
        var call = try PhoneFixtures.verifiedCall()
        try call.chooseService(try PhoneFixtures.dogTax(), today: try PhoneFixtures.today())
        for answer in ["Anneliese Weißgerber", "01.06.2026", "Bello", "1", "ja", "Luna", "2", "nein"] {
            try call.answer(answer)
        }
        var interview = try #require(call.interview)
        #expect(interview.answerText(.moreRows(group: "hunde", rows: 1)) == "ja")
        #expect(interview.answerText(.moreRows(group: "hunde", rows: 2)) == "nein")
        interview.go(to: .moreRows(group: "hunde", rows: 1))
        try interview.answer("nein")
        #expect(
            interview.values["hunde"] == .rows([["rufname": .text("Bello"), "rasse": .choice("mischling")]]))
        #expect(interview.current == .field("ermaessigung"))
    }
}
