import CaseModel
import Foundation
import SyncClient
import TerminalKit
import Testing

@testable import ClerkTUI

/// The sync part of the workstation: status, logging in again, conflicts, refused operations.
@Suite("Sync in the reducer")
struct SyncReducerTests {
    static func status(
        _ connection: SyncStatus.Connection, pending: Int = 2, error: SyncError? = nil
    ) -> SyncStatus {
        SyncStatus(
            connection: connection, pending: pending, conflicts: 1, rejected: 3,
            lastSync: Fixtures.now.addingTimeInterval(-60), error: error)
    }

    @Test func aStatusChangeIsShownAndAFailureBecomesACalmNotice() {
        var state = Fixtures.state()
        let online = Self.status(.online)
        #expect(reduce(&state, .syncStatusChanged(online)).isEmpty)
        var expected = Fixtures.state()
        expected.sync = online
        #expect(state == expected)

        let failed = Self.status(.offline, error: .unreachable(detail: "connect refused 127.0.0.1:1"))
        #expect(reduce(&state, .syncStatusChanged(failed)).isEmpty)
        expected.sync = failed
        expected.notice = Notice(
            LocalizedText(
                de: "Zentrale nicht erreichbar – Sie arbeiten offline, nichts geht verloren.",
                en: "Central service unreachable – you are working offline, nothing is lost."),
            kind: .info, at: Fixtures.now)
        #expect(state == expected)
        // The same failure again does not repeat the notice.
        state.notice = nil
        _ = reduce(&state, .syncStatusChanged(failed))
        #expect(state.notice == nil)
    }

    @Test func aPullThatStartedOverIsToldOnceEvenWhenTheRoundFailedAfterIt() {
        var state = Fixtures.state()
        _ = reduce(&state, .syncStatusChanged(Self.status(.online)))
        let restart = PullRestart.cursorAhead(cursor: 9_000_000_000, head: 120)
        var failed = Self.status(.offline, error: .unreachable(detail: "connection reset"))
        failed.restart = restart
        #expect(reduce(&state, .syncStatusChanged(failed)).isEmpty)
        var expected = Fixtures.state()
        expected.sync = failed
        expected.notice = Notice(
            LocalizedText(
                de:
                    "Die Zentrale wurde zurückgesetzt oder gewechselt – der Bestand wird neu geholt; "
                    + "Ihre nicht gesendeten Änderungen bleiben erhalten.",
                en:
                    "The central service was reset or replaced – all cases are fetched again; "
                    + "your unsent changes are kept."),
            kind: .info, at: Fixtures.now)
        #expect(state == expected)
        // The next status carries the same restart: nothing is told again.
        state.notice = nil
        var online = Self.status(.online)
        online.restart = restart
        _ = reduce(&state, .syncStatusChanged(online))
        #expect(state.notice == nil)
        #expect(state.sync == online)
    }

    @Test func theStatusBarShowsConnectionCountsAndLoginRequired() {
        var state = Fixtures.state()
        _ = reduce(&state, .syncStatusChanged(Self.status(.online)))
        let top = { ViewScenarios.screen(state).first ?? "" }
        #expect(
            top().contains("● online │ Ausgang 2 │ Konflikte 1 │ Abgelehnt 3 │ Abgleich 30.11.2026 10:14"))
        _ = reduce(&state, .syncStatusChanged(Self.status(.syncing)))
        #expect(top().contains("↻ Abgleich │ Ausgang 2"))
        _ = reduce(&state, .syncStatusChanged(Self.status(.loginRequired)))
        #expect(top().contains("⚠ Anmeldung nötig │ Ausgang 2"))
    }

    func loginRequiredState() -> AppState {
        var state = Fixtures.state()
        state.canRelogin = true
        _ = reduce(
            &state, .syncStatusChanged(Self.status(.loginRequired, error: .unauthorized(detail: "401"))))
        return state
    }

    @Test func loginRequiredAsksForThePasswordAndEnterLogsIn() {
        var state = loginRequiredState()
        var expected = Fixtures.state()
        expected.canRelogin = true
        expected.sync = Self.status(.loginRequired, error: .unauthorized(detail: "401"))
        expected.modal = .relogin(password: TextInput(), problem: nil, busy: false)
        #expect(state == expected)

        for ch in "geheim" { #expect(reduce(&state, .keyPressed(.character(ch))).isEmpty) }
        let effects = reduce(&state, Fixtures.key("Enter"))
        #expect(effects == [.relogin(password: "geheim")])
        expected.modal = .relogin(password: TextInput("geheim"), problem: nil, busy: true)
        #expect(state == expected)

        // Wrong password: the message, an empty field, still in the dialog.
        let wrong = LocalizedText(
            de: "Benutzername oder Passwort falsch.", en: "Wrong user name or password.")
        #expect(reduce(&state, .reloginFailed(wrong)).isEmpty)
        expected.modal = .relogin(password: TextInput(), problem: wrong, busy: false)
        #expect(state == expected)

        for ch in "richtig" { _ = reduce(&state, .keyPressed(.character(ch))) }
        #expect(reduce(&state, Fixtures.key("Enter")) == [.relogin(password: "richtig")])
        #expect(reduce(&state, .reloginSucceeded).isEmpty)
        expected.modal = nil
        expected.sync.connection = .syncing
        expected.notice = Notice(UIText.reloginDone, kind: .success, at: Fixtures.now)
        #expect(state == expected)
    }

    @Test func thePasswordIsNeverDrawn() {
        var state = loginRequiredState()
        for ch in "geheim" { _ = reduce(&state, .keyPressed(.character(ch))) }
        let screen = ViewScenarios.screen(state).joined(separator: "\n")
        #expect(!screen.contains("geheim"))
        #expect(screen.contains("••••••"))
        #expect(screen.contains("Anmeldung nötig"))
    }

    @Test func escapePostponesTheLoginAndF5AsksAgain() {
        var state = loginRequiredState()
        for ch in "geh" { _ = reduce(&state, .keyPressed(.character(ch))) }
        #expect(reduce(&state, Fixtures.key("Esc")).isEmpty)
        var expected = Fixtures.state()
        expected.canRelogin = true
        expected.sync = Self.status(.loginRequired, error: .unauthorized(detail: "401"))
        expected.reloginPostponed = true
        expected.notice = Notice(UIText.reloginPostponed, kind: .info, at: Fixtures.now)
        #expect(state == expected)
        // Another status report does not reopen it.
        _ = reduce(
            &state, .syncStatusChanged(Self.status(.loginRequired, error: .unauthorized(detail: "401"))))
        #expect(state.modal == nil)
        // F5 does.
        #expect(reduce(&state, Fixtures.key("F5")).isEmpty)
        #expect(state.modal == .relogin(password: TextInput(), problem: nil, busy: false))
        #expect(state.reloginPostponed == false)
    }

    @Test func withoutReloginF5AsksForASyncRound() {
        var state = Fixtures.state()
        let effects = reduce(&state, Fixtures.key("F5"))
        #expect(effects == [.syncNow, .loadQueues])
        #expect(state.modal == nil)
    }

    // MARK: Conflicts

    /// This clerk (m.huber) named the dog Bella offline; s.yilmaz's Belle had landed first.
    static let conflict = FieldConflict(
        field: "hundename", base: .text("Bello"), mine: .text("Bella"), theirs: .text("Belle"),
        operationID: Fixtures.row(40).id, clerk: "m.huber", theirsClerk: "s.yilmaz")
    /// The same two values the other way round: this clerk's Belle landed first, and s.yilmaz's
    /// Bella met it.
    static let conflictMet = FieldConflict(
        field: "hundename", base: .text("Bello"), mine: .text("Bella"), theirs: .text("Belle"),
        operationID: Fixtures.row(40).id, clerk: "s.yilmaz", theirsClerk: "m.huber")

    static func conflictDetail(conflicts: [FieldConflict] = [conflict]) -> CaseDetail {
        let c = Case(
            id: Fixtures.row(7).id, number: "HUN-2026-0000007", serviceID: "hundesteuer", formVersion: 3,
            orgUnit: "stk", channel: .counter, state: "eingegangen", citizenID: nil,
            fields: [
                "hundename": .text("Belle"),
                "geburtsdatum": .date(LocalDate(year: 2020, month: 5, day: 1) ?? LocalDate(dayNumber: 0)),
            ],
            receivedAt: Fixtures.now.addingTimeInterval(-86_400), conflicts: conflicts, version: 9)
        return CaseDetail(
            value: c, citizen: nil, service: Fixtures.dogTax, history: [], due: nil, workingDaysLeft: nil,
            light: .green, stalled: false, allowedTransitions: [])
    }

    /// The case screen of a conflicting case, after it loaded: the conflict screen on top.
    static func conflictState(_ conflicts: [FieldConflict] = [conflict]) -> AppState {
        var state = Fixtures.state()
        let detail = conflictDetail(conflicts: conflicts)
        _ = reduce(&state, .queuesLoaded([], drafts: []))
        _ = openCase(&state, detail.value.id)
        _ = reduce(&state, .caseLoaded(detail))
        return state
    }

    @Test func openingAConflictingCaseShowsTheResolutionScreen() {
        let state = Self.conflictState()
        let detail = Self.conflictDetail()
        var expected = Fixtures.state()
        expected.stack = [
            .queues(QueueOverviewState(loading: false)),
            .caseDetail(CaseDetailState(caseID: detail.value.id, detail: detail, showedConflicts: true)),
            .conflict(ConflictState(detail: detail)),
        ]
        #expect(state == expected)
    }

    func resolution(_ value: FieldValue?, counter: UInt64 = 1) -> [Effect] {
        var ids = Fixtures.state()
        ids.idCounter = counter - 1
        let id = ids.nextID()
        return [
            .recordOperations([
                CaseModel.Operation(
                    id: id, caseID: Fixtures.row(7).id, baseVersion: 9, clerk: "m.huber", device: "ws-01",
                    timestamp: Fixtures.now, kind: .resolveConflict(field: "hundename", value: value))
            ])
        ]
    }

    @Test func keepingMineRecordsExactlyOneResolveOperation() {
        var state = Self.conflictState()
        let before = state
        let effects = reduce(&state, Fixtures.key("F4"))
        #expect(effects == resolution(.text("Bella")))
        var expected = before
        expected.idCounter = 1
        #expect(state == expected)
    }

    @Test func keepingTheirsRecordsTheirValue() {
        var state = Self.conflictState()
        #expect(reduce(&state, Fixtures.key("F9")) == resolution(.text("Belle")))
    }

    /// The clerk whose value landed first sees it as theirs: F4 keeps it, F9 takes the other.
    @Test func whoeverWroteAValueKeepsItWithF4() {
        var state = Self.conflictState([Self.conflictMet])
        let before = state
        #expect(reduce(&state, Fixtures.key("F4")) == resolution(.text("Belle")))
        var expected = before
        expected.idCounter = 1
        #expect(state == expected)
        state = before
        #expect(reduce(&state, Fixtures.key("F9")) == resolution(.text("Bella")))
        state = before
        #expect(reduce(&state, Fixtures.key("F11")).isEmpty)
        guard case .conflict(let editing) = state.screen else {
            Issue.record("not on the conflict screen")
            return
        }
        #expect(editing.editing == TextInput("Belle"))
    }

    @Test func aNewValueIsCheckedByTheFormEngine() {
        var state = Self.conflictState()
        let before = state
        #expect(reduce(&state, Fixtures.key("F11")).isEmpty)
        guard case .conflict(let editing) = state.screen else {
            Issue.record("not on the conflict screen")
            return
        }
        #expect(editing.editing == TextInput("Bella"))
        _ = reduce(&state, Fixtures.key("Ctrl-U"))
        for ch in "Balu" { _ = reduce(&state, .keyPressed(.character(ch))) }
        let effects = reduce(&state, Fixtures.key("Enter"))
        #expect(effects == resolution(.text("Balu")))
        var expected = before
        expected.idCounter = 1
        #expect(state == expected)
    }

    @Test func anInvalidNewValueStaysWithAMessage() throws {
        let birth = FieldConflict(
            field: "geburtsdatum", base: nil,
            mine: .date(LocalDate(year: 2020, month: 5, day: 1) ?? LocalDate(dayNumber: 0)),
            theirs: .date(LocalDate(year: 2020, month: 6, day: 1) ?? LocalDate(dayNumber: 0)),
            operationID: Fixtures.row(41).id, clerk: "s.yilmaz")
        var state = Fixtures.state()
        let detail = Self.conflictDetail(conflicts: [birth])
        _ = openCase(&state, detail.value.id)
        _ = reduce(&state, .caseLoaded(detail))
        _ = reduce(&state, Fixtures.key("F11"))
        _ = reduce(&state, Fixtures.key("Ctrl-U"))
        for ch in "31.02.2020" { _ = reduce(&state, .keyPressed(.character(ch))) }
        #expect(reduce(&state, Fixtures.key("Enter")).isEmpty)
        guard case .conflict(let s) = state.screen else {
            Issue.record("not on the conflict screen")
            return
        }
        #expect(s.editing == TextInput("31.02.2020"))
        #expect(try #require(s.problem).de.isEmpty == false)
        #expect(state.idCounter == 0)
    }

    @Test func onceResolvedTheScreenReturnsToTheCase() {
        var state = Self.conflictState()
        _ = reduce(&state, Fixtures.key("F4"))
        let resolved = Self.conflictDetail(conflicts: [])
        _ = reduce(&state, .caseLoaded(resolved))
        guard case .caseDetail(let s) = state.screen else {
            Issue.record("not back on the case")
            return
        }
        #expect(s.detail == resolved)
    }

    // MARK: Rejected operations

    @Test func theRejectedListOpensFromTheOverviewAndLoads() {
        var state = Fixtures.state()
        _ = reduce(&state, .queuesLoaded([Fixtures.queue], drafts: []))
        #expect(reduce(&state, Fixtures.key("F9")) == [.loadRejected])
        #expect(state.screen == .rejected(RejectedListState()))
        #expect(reduce(&state, Fixtures.key("F3")) == [.loadQueues])
        #expect(state.stack.count == 1)
    }
}
