import CaseModel
import Foundation
import TerminalKit
import Testing

@testable import ClerkTUI

@Suite struct PhoneReducerTests {
    private func callback(day: LocalDate, from: Int) throws -> Callback {
        let start = try #require(TimeOfDay(hour: from, minute: 0))
        let end = try #require(TimeOfDay(hour: from + 2, minute: 0))
        return Callback(
            callID: UUID(), number: "089 7654321", day: day,
            window: try #require(TimeWindow(start: start, end: end)),
            topic: "Hundesteuer", promisedBy: "m.huber", promisedAt: Fixtures.now)
    }

    @Test func aCallbackIsAnnouncedOnceWhenItBecomesDue() throws {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        let today = MunichTime.day(Fixtures.now)  // 30 November 2026, 10:15 in Munich
        let due = try callback(day: today, from: 10)
        let later = try callback(day: today, from: 14)
        _ = reduce(&state, .callbacksLoaded([due, later], today: CallStatistics([])))
        #expect(state.phoneDesk.callbacks == [due, later])
        _ = reduce(&state, .tick(Fixtures.now))
        #expect(state.notice?.text.de == "Rückruf fällig: 10:00–12:00 · 089 7654321 · Hundesteuer")
        #expect(state.phoneDesk.announced == [due.id])
        state.notice = nil
        _ = reduce(&state, .tick(Fixtures.now.addingTimeInterval(1)))
        #expect(state.notice == nil)
    }

    @Test func f6OpensThePhoneScreenAndLoadsTheCallbacks() {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        let effects = reduce(&state, Fixtures.key("F6"))
        #expect(effects == [.loadCallbacks, .loadPhoneDraft])
        guard case .phone(let s) = state.screen else {
            Issue.record("expected the phone screen")
            return
        }
        #expect(s.stage == .incoming)
        #expect(state.keymapMode == .phone)
    }

    @Test func f6IsForThePhoneServiceACounterClerkIsToldWhy() {
        var state = Fixtures.state()
        let effects = reduce(&state, Fixtures.key("F6"))
        #expect(effects.isEmpty)
        #expect(!state.screen.isPhone)
        #expect(state.notice?.text == PhoneText.notAPhoneRole)
    }

    @Test func aStoredCallReloadsTheQueue() throws {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        let record = CallRecord(
            id: UUID(), clerk: "m.huber", callerNumber: "089 1", startedAt: Fixtures.now,
            endedAt: Fixtures.now,
            outcome: .resolvedAtFirstContact)
        #expect(reduce(&state, .callRecorded(record)) == [.loadCallbacks])
    }

    @Test func everyChangeDuringACallIsSavedAndAnUnchangedKeyWritesNothing() throws {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        _ = reduce(&state, Fixtures.key("F6"))
        _ = reduce(&state, .keyPressed(.character("0")))
        let started = reduce(&state, Fixtures.key("Enter"))
        guard case .phone(let s) = state.screen, let call = s.call else {
            Issue.record("no call started")
            return
        }
        let draft = try #require(PhoneCallDraft(s, at: state.now))
        #expect(started == [.savePhoneDraft(draft)])
        #expect(draft.call.step == .identity)
        #expect(draft.call.id == call.id)

        let typed = reduce(&state, .keyPressed(.character("M")))
        guard case .phone(let afterTyping) = state.screen else { return }
        #expect(afterTyping.identity[0].text == "M")
        #expect(typed == [.savePhoneDraft(try #require(PhoneCallDraft(afterTyping, at: state.now)))])
        #expect(reduce(&state, Fixtures.key("Up")).isEmpty, "nothing changed, nothing written")
    }

    @Test func anInterruptedCallIsAnnouncedOutsideThePhoneScreenAndContinuedOnIt() throws {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        let saved = try #require(
            PhoneCall(clerk: "m.huber", callerNumber: "089 7654321", startedAt: Fixtures.now).saved)
        let draft = PhoneCallDraft(
            call: saved, identity: ["Maria Huber", "", ""], answer: "", fromCallback: nil,
            savedAt: Fixtures.now)
        #expect(reduce(&state, .phoneDraftLoaded(draft)).isEmpty)
        #expect(state.notice?.text.de.contains("F6 setzt es fort") == true)

        _ = reduce(&state, Fixtures.key("F6"))
        let effects = reduce(&state, .phoneDraftLoaded(draft))
        #expect(effects == [.searchCitizens(query: "Maria Huber")])
        guard case .phone(let s) = state.screen else {
            Issue.record("expected the phone screen")
            return
        }
        #expect(s.stage == .call)
        #expect(s.call?.id == saved.id)
        #expect(s.identity.map(\.text) == ["Maria Huber", "", ""])
        #expect(s.savedDraft == draft)
        #expect(state.notice?.text.de.hasSuffix("fortgesetzt – alle Angaben sind erhalten.") == true)
    }

    @Test func theHintsNameTheKeysOfTheActiveKeymap() throws {
        var state = Fixtures.state(clerk: Fixtures.phoneClerk)
        #expect(
            state.keymap.chords(for: "phone.step.next", in: .phone).contains(try #require(KeyChord("Enter"))))
        _ = reduce(&state, Fixtures.key("F6"))
        #expect(ViewScenarios.screen(state).contains { $0.contains("Enter: Anruf beginnen") })
        state.keymap = try state.keymap.applying(
            [KeymapOverride(mode: .phone, action: "phone.step.next", chords: [try #require(KeyChord("F8"))])],
            file: "user.yaml")
        #expect(ViewScenarios.screen(state).contains { $0.contains("F8: Anruf beginnen") })
    }
}
