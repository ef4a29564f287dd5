import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// The lock screen: idle time, the lock key and `clerk lock`, wrong and right passwords, and that
/// nothing underneath — a call, a half-typed form — changes or shows.
struct LockTests {
    static let policy = LockPolicy(enabled: true, afterIdle: 300, server: "https://zentrale.example")

    func lockable(_ state: AppState) -> AppState {
        var state = state
        state.lockPolicy = Self.policy
        return state
    }

    func tick(_ state: inout AppState, after seconds: TimeInterval) {
        _ = reduce(&state, .tick(Fixtures.now.addingTimeInterval(seconds)))
    }

    @Test func theIdleTimeLocksAndOnlyAKeyCountsAsActivity() {
        var state = lockable(Fixtures.state())
        tick(&state, after: 299)
        #expect(state.lock == nil)
        _ = reduce(&state, Fixtures.key("Down"))
        #expect(state.lastKeyAt == Fixtures.now.addingTimeInterval(299))
        tick(&state, after: 598)
        #expect(state.lock == nil, "the key at 299 s started the idle time again")
        // A sync round and its news are no activity.
        _ = reduce(&state, .syncStatusChanged(.notConnected))
        _ = reduce(&state, .remoteChangesArrived)
        tick(&state, after: 599)
        #expect(state.lock == LockState(since: Fixtures.now.addingTimeInterval(599)))
    }

    @Test func withoutAKeyFileNothingLocks() {
        var state = Fixtures.state()
        tick(&state, after: 3600)
        #expect(reduce(&state, Fixtures.key("Alt-l")) == [])
        #expect(reduce(&state, .lockRequested) == [])
        #expect(state.lock == nil)
    }

    @Test func theLockKeyAndClerkLockLockAtOnce() {
        var state = lockable(Fixtures.state())
        #expect(reduce(&state, Fixtures.key("Alt-l")) == [])
        #expect(state.lock == LockState(since: Fixtures.now))
        var other = lockable(Fixtures.state())
        #expect(reduce(&other, .lockRequested) == [])
        #expect(other.lock != nil)
    }

    @Test func theLockKeyIsInTheHelpAndWorksInTextFields() {
        var state = lockable(ViewScenarios.form(size: TerminalSize(rows: 24, columns: 80)))
        #expect(state.acceptsText)
        _ = reduce(&state, Fixtures.key("Alt-l"))
        #expect(state.lock != nil, "Alt-l is no text: it locks in a form too")
        // A global binding of the workstation, so the help lists it under "Überall".
        let lock = state.keymap.bindings(in: .global).first { $0.action == "lock" }
        #expect(lock?.chords.map(\.description) == ["Alt-l"])
        #expect(lock?.label.de == "Sperren")
    }

    @Test func aWrongPasswordWaitsLongerEachTimeAndKeysDuringTheWaitAreDropped() {
        var state = lockable(Fixtures.state())
        _ = reduce(&state, .lockRequested)
        for character in "falsch" { _ = reduce(&state, .keyPressed(.character(character))) }
        #expect(reduce(&state, Fixtures.key("Enter")) == [.checkUnlockPassword("falsch")])
        #expect(state.lock?.entry.checking == true)
        #expect(state.lock?.entry.input.text == "")
        // Keys while the password is checked are dropped.
        _ = reduce(&state, .keyPressed(.character("x")))
        #expect(reduce(&state, Fixtures.key("Enter")) == [])
        #expect(state.lock?.entry.input.text == "")

        #expect(reduce(&state, .unlockChecked(.wrongPassword, at: Fixtures.now)) == [])
        var entry = state.lock?.entry
        #expect(entry?.problem == LockText.wrongPassword)
        #expect(entry?.failures == 1)
        #expect(entry?.retryAt == Fixtures.now.addingTimeInterval(1))
        #expect(entry?.checking == false)
        _ = reduce(&state, .keyPressed(.character("y")))
        #expect(state.lock?.entry.input.text == "", "typed during the wait: dropped, not kept")
        tick(&state, after: 1)
        #expect(state.lock?.entry.retryAt == nil)

        for character in "auch falsch" { _ = reduce(&state, .keyPressed(.character(character))) }
        #expect(reduce(&state, Fixtures.key("Enter")) == [.checkUnlockPassword("auch falsch")])
        _ = reduce(&state, .unlockChecked(.wrongPassword, at: Fixtures.now.addingTimeInterval(2)))
        entry = state.lock?.entry
        #expect(entry?.failures == 2)
        #expect(entry?.retryAt == Fixtures.now.addingTimeInterval(4))
        #expect(state.lock?.entry.secondsToWait(at: state.now) == 2)
        #expect(ViewScenarios.screen(state).joined().contains("Nächster Versuch in 2 s."))
        #expect(ViewScenarios.screen(state).joined().contains("Falsches Passwort."))
    }

    @Test func theDelayGrowsAndIsCappedAtThirtySeconds() {
        #expect((1...8).map(PasswordEntry.delay(afterFailures:)) == [1, 2, 4, 8, 16, 30, 30, 30])
        #expect(PasswordEntry.delay(afterFailures: 1000) == 30)
        #expect(PasswordEntry.delay(afterFailures: 0) == 0)
    }

    @Test func theRightPasswordReturnsToTheSameScreenUnchanged() {
        var state = lockable(ViewScenarios.form(size: TerminalSize(rows: 24, columns: 80)))
        // Text typed into the form and not saved yet.
        for character in "Bello" { _ = reduce(&state, .keyPressed(.character(character))) }
        #expect(state.stack.contains { $0.hasUnsavedForm })
        let before = state
        tick(&state, after: 300)
        #expect(state.lock != nil)
        for character in "geheim" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        #expect(
            reduce(&state, .unlockChecked(.accepted, at: Fixtures.now.addingTimeInterval(301))) == [.redraw])
        #expect(state.lock == nil)
        #expect(state.stack == before.stack, "screens, form values and cursor are as they were")
        #expect(state.modal == before.modal)
        #expect(state.lastKeyAt == Fixtures.now.addingTimeInterval(301), "the idle time starts anew")
        tick(&state, after: 302)
        #expect(state.lock == nil)
    }

    @Test func aCallInProgressSurvivesTheLockUnchanged() {
        var state = lockable(Fixtures.state(clerk: Fixtures.phoneClerk))
        _ = reduce(&state, Fixtures.key("F6"))
        _ = reduce(&state, .keyPressed(.character("0")))
        _ = reduce(&state, Fixtures.key("Enter"))
        for character in "Maria Hu" { _ = reduce(&state, .keyPressed(.character(character))) }
        guard case .phone(let call) = state.screen, call.call != nil else {
            Issue.record("no call in progress")
            return
        }
        let before = state
        _ = reduce(&state, .lockRequested)
        // Keys on the lock screen go to the password only: no draft is written, the call is as it was.
        for character in "Maria" {
            #expect(reduce(&state, .keyPressed(.character(character))) == [])
        }
        #expect(reduce(&state, Fixtures.key("F6")) == [])
        #expect(reduce(&state, Fixtures.key("Enter")) == [.checkUnlockPassword("Maria")])
        #expect(state.stack == before.stack)
        _ = reduce(&state, .unlockChecked(.accepted, at: Fixtures.now))
        #expect(state.stack == before.stack)
        #expect(state.screen == before.screen)
        // And the call goes on where it was.
        _ = reduce(&state, .keyPressed(.character("b")))
        guard case .phone(let after) = state.screen else { return }
        #expect(after.identity[0].text == "Maria Hub")
    }

    @Test func theLockScreenShowsNoPersonalData() {
        let size = TerminalSize(rows: 24, columns: 80)
        var state = lockable(ViewScenarios.list(size: size))
        let visible = ViewScenarios.screen(state).joined(separator: "\n")
        #expect(visible.contains("Müller, Jü"), "the names are visible before:\n\(visible)")
        #expect(visible.contains("HUN-2026-0000001"))
        _ = reduce(&state, .lockRequested)
        let locked = ViewScenarios.screen(state).joined(separator: "\n")
        for secret in ["Müller", "Jürgen", "王", "HUN-2026", "Alle offenen Vorgänge", "Hundesteuer", "KVR"] {
            #expect(!locked.contains(secret), "\(secret) on the lock screen:\n\(locked)")
        }
        #expect(locked.contains("Gesperrt"))
        #expect(locked.contains("M. Huber"))
        #expect(locked.contains("Zentrale: https://zentrale.example"))
        #expect(locked.contains("Passwort:"))
        #expect(locked.contains("10:15"))
    }

    @Test func theLockScreenIsLegibleOnATinyTerminalAndInEnglish() {
        var state = lockable(ViewScenarios.list(size: TerminalSize(rows: 24, columns: 80)))
        _ = reduce(&state, .resized(TerminalSize(rows: 10, columns: 40)))
        _ = reduce(&state, .lockRequested)
        for character in "abc" { _ = reduce(&state, .keyPressed(.character(character))) }
        let tiny = ViewScenarios.screen(state)
        #expect(tiny.count == 10)
        let text = tiny.joined(separator: "\n")
        #expect(text.contains("Gesperrt"), "\(text)")
        #expect(text.contains("Passwort: •••"), "\(text)")
        #expect(text.contains("Enter entsperrt."), "\(text)")
        #expect(!text.contains("abc"))
        #expect(!text.contains("Müller"))

        state.language = .en
        let english = ViewScenarios.screen(state).joined(separator: "\n")
        #expect(english.contains("Locked"), "\(english)")
        #expect(english.contains("Password: •••"), "\(english)")
    }

    @Test func theDemoHintIsShown() {
        var state = lockable(Fixtures.state())
        state.lockPolicy.hint = LockText.demoHint("demo")
        _ = reduce(&state, .lockRequested)
        #expect(ViewScenarios.screen(state).joined().contains("Demo-Passwort: demo"))
    }
}
