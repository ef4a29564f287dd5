import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// The reducer on a full disk and a damaged replica: whole states and every effect.
@Suite("Reducer: full disk, damaged replica")
struct StorageReducerTests {
    static let caseDetail: CaseDetail = {
        let state = "eingegangen"
        let c = Case(
            id: Fixtures.row(7).id, number: "HUN-2026-0000007", serviceID: "hundesteuer", formVersion: 3,
            orgUnit: "stk", channel: .counter, state: state, citizenID: nil,
            fields: ["hundename": .text("Bello"), "kampfhund": .bool(false)],
            receivedAt: Fixtures.now.addingTimeInterval(-86_400 * 7), version: 4)
        return CaseDetail(
            value: c, citizen: nil, service: Fixtures.dogTax, history: [], due: nil, workingDaysLeft: nil,
            light: .green, stalled: false,
            allowedTransitions: Fixtures.workflow.transitions(from: state, for: .counter))
    }()

    /// The case screen with a note typed and confirmed; returns the operation it asked to record.
    static func noteConfirmed(_ text: String, _ state: inout AppState) -> CaseModel.Operation? {
        state.stack.append(.caseDetail(CaseDetailState(caseID: caseDetail.value.id, detail: caseDetail)))
        _ = reduce(&state, Fixtures.key("F11"))
        for ch in text { _ = reduce(&state, .keyPressed(.character(ch))) }
        guard case .recordOperations(let operations)? = reduce(&state, Fixtures.key("Enter")).first else {
            return nil
        }
        return operations.first
    }

    static func at(_ seconds: TimeInterval) -> Date { Fixtures.now.addingTimeInterval(seconds) }

    @Test func startingAlsoChecksTheReplicaInTheBackground() {
        var state = Fixtures.state()
        let expected = state
        #expect(reduce(&state, .started) == [.loadQueues, .loadCallbacks, .loadPhoneDraft, .checkReplica])
        #expect(state == expected)
    }

    @Test func aNoteTheDiskHasNoSpaceForStaysInItsDialogAndIsSavedOnceThereIsSpace() throws {
        var state = Fixtures.state()
        let note = try #require(Self.noteConfirmed("Unterlagen folgen per Post", &state))
        #expect(state.modal == nil)
        let before = state

        #expect(reduce(&state, .operationsNotSaved([note], .diskFull)) == [])
        var expected = before
        expected.modal = .comment(TextInput("Unterlagen folgen per Post"))
        expected.storage = StorageState(
            fullSince: Fixtures.now, lastRetry: Fixtures.now,
            waiting: [WaitingSave(origin: .caseScreen, operations: [note])], reopenedSave: [note.id])
        expected.notice = Notice(UIText.diskFull, kind: .error, at: Fixtures.now)
        #expect(state == expected)

        // The clock tries again every five seconds.
        #expect(reduce(&state, .tick(Self.at(1))) == [])
        #expect(reduce(&state, .tick(Self.at(5))) == [.recordOperations([note])])
        expected.now = Self.at(5)
        expected.storage.lastRetry = Self.at(5)
        #expect(state == expected)
        // Still full: it goes on waiting, the dialog with its text stays.
        #expect(reduce(&state, .operationsNotSaved([note], .diskFull)) == [])
        #expect(state == expected)

        // Space again: the note lands, its dialog closes, and the message says so.
        #expect(reduce(&state, .operationRecorded([note], pending: 1)) == [.loadCase(note.caseID)])
        expected.modal = nil
        expected.sync.pending = 1
        expected.storage = StorageState(lastRetry: Self.at(5))
        expected.notice = Notice(UIText.savedAfterDiskFull([note]), kind: .success, at: Self.at(5))
        #expect(state == expected)
        #expect(expected.notice?.text.de.hasPrefix("Wieder Platz – Notiz gespeichert") == true)
    }

    @Test func aKeyTriesAgainAndLeavingTheDialogLetsTheNoteWaitOnItsOwn() throws {
        var state = Fixtures.state()
        let note = try #require(Self.noteConfirmed("Rückruf erbeten", &state))
        _ = reduce(&state, .operationsNotSaved([note], .diskFull))
        var expected = state
        #expect(reduce(&state, Fixtures.key("Esc")) == [.recordOperations([note])])
        expected.modal = nil
        expected.storage.reopenedSave = nil
        #expect(state == expected)
        // It lands later, with the dialog long closed.
        #expect(reduce(&state, .operationRecorded([note], pending: 2)) == [.loadCase(note.caseID)])
        #expect(state.storage.waiting.isEmpty && state.storage.fullSince == nil)
        #expect(state.modal == nil)
    }

    @Test func confirmingTheReopenedNoteAgainReplacesItsWaitingSave() throws {
        var state = Fixtures.state()
        let note = try #require(Self.noteConfirmed("Rückruf erbeten", &state))
        _ = reduce(&state, .operationsNotSaved([note], .diskFull))
        for ch in " bis Freitag" { _ = reduce(&state, .keyPressed(.character(ch))) }
        var expected = state
        let effects = reduce(&state, Fixtures.key("Enter"))
        let again = CaseModel.Operation(
            id: expected.nextID(), caseID: note.caseID, baseVersion: 4, clerk: "m.huber", device: "ws-01",
            timestamp: Fixtures.now, kind: .addComment(text: "Rückruf erbeten bis Freitag"))
        #expect(effects == [.recordOperations([again])])
        expected.modal = nil
        expected.storage.waiting = []
        expected.storage.reopenedSave = nil
        #expect(state == expected)
    }

    /// A valid new dog-tax case form, typed in.
    static func filledForm() -> AppState {
        var state = Fixtures.state()
        let citizen = Citizen(
            id: Fixtures.row(1).id, name: PersonName(given: "Jürgen", family: "Müller"),
            dateOfBirth: LocalDate(year: 1950, month: 2, day: 1) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"))
        _ = openNewCaseForm(&state, Fixtures.dogTax, channel: .counter, citizen: citizen)
        for ch in "Bello" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        for ch in "01.02.2020" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        _ = reduce(&state, .keyPressed(.character("n")))
        return state
    }

    @Test func aFormWhoseSaveFindsTheDiskFullStaysOpenAndAnEditDropsTheOldSave() throws {
        var state = Self.filledForm()
        guard case .recordOperations(let create)? = reduce(&state, Fixtures.key("F4")).first,
            case .form(let form) = state.screen
        else {
            Issue.record("the form did not save: \(String(describing: state.notice))")
            return
        }
        let before = state
        #expect(reduce(&state, .operationsNotSaved(create, .diskFull)) == [])
        var expected = before
        expected.storage = StorageState(
            fullSince: Fixtures.now, lastRetry: Fixtures.now,
            waiting: [WaitingSave(origin: .form(draftKey: form.draftKey), operations: create)])
        expected.notice = Notice(UIText.diskFull, kind: .error, at: Fixtures.now)
        #expect(state == expected, "the form stays open with everything typed")

        // A key that changes nothing in the form tries the save again …
        #expect(reduce(&state, Fixtures.key("Up")) == [.recordOperations(create)])
        // … an edit drops it: saving it now would lose the new text (the draft keeps it).
        let effects = reduce(&state, .keyPressed(.character("a")))
        #expect(state.storage.waiting.isEmpty)
        #expect(effects.count == 1)
        if case .saveDraft? = effects.first {} else { Issue.record("expected the draft, got \(effects)") }
        guard case .form = state.screen else {
            Issue.record("the form closed")
            return
        }
    }

    @Test func aDraftTheDiskHasNoSpaceForIsKeptAndSavedWhenTheClockTriesAgain() throws {
        var state = Self.filledForm()
        guard case .form(let form) = state.screen else { return }
        let draft = form.draft(at: Fixtures.now)
        #expect(reduce(&state, .draftNotSaved(.form(draft), .diskFull)) == [])
        #expect(state.storage.unsavedDrafts == [draft.key: .form(draft)])
        #expect(state.notice == Notice(UIText.diskFull, kind: .error, at: Fixtures.now))
        // Leaving the form says the draft waits for space, not that it was kept.
        _ = reduce(&state, Fixtures.key("F3"))
        #expect(state.notice == Notice(UIText.draftWaitsForSpace, kind: .error, at: Fixtures.now))
        #expect(reduce(&state, .tick(Self.at(6))) == [.saveDraft(draft)])
        #expect(reduce(&state, .draftSaved(key: draft.key, at: Self.at(6))) == [])
        #expect(state.storage == StorageState(lastRetry: Self.at(6)))
        #expect(state.notice == Notice(UIText.spaceAgain, kind: .success, at: Self.at(6)))
    }

    @Test func quittingWhileSomethingWaitsForSpaceAsksFirst() throws {
        var state = Fixtures.state()
        let note = try #require(Self.noteConfirmed("Rückruf erbeten", &state))
        _ = reduce(&state, .operationsNotSaved([note], .diskFull))
        _ = reduce(&state, Fixtures.key("Esc"))
        _ = reduce(&state, Fixtures.key("Alt-x"))
        #expect(state.modal == .confirmQuit)
        #expect(!state.quitting)
    }

    @Test func aChangeOnADamagedReplicaIsRefusedItsTextStaysAndTheRescueStarts() throws {
        var state = Fixtures.state()
        let note = try #require(Self.noteConfirmed("Bescheid verschickt", &state))
        let before = state
        let effects = reduce(
            &state, .operationsNotSaved([note], .damaged(detail: "Page 7: btreeInitPage() error")))
        #expect(effects == [.saveRescue(OpenWork())])
        var expected = before
        expected.modal = .comment(TextInput("Bescheid verschickt"))
        expected.storage = StorageState(damage: ReplicaDamageState(detail: "Page 7: btreeInitPage() error"))
        expected.notice = Notice(UIText.changeRefusedDamaged, kind: .error, at: Fixtures.now)
        #expect(state == expected)
        // Told again (by the check, the sync): nothing more happens.
        #expect(reduce(&state, .replicaDamaged(detail: "again")) == [])
        #expect(state == expected)
    }

    @Test func damageFoundRescuesWhatOnlyTheScreenHolds() throws {
        var state = Self.filledForm()
        guard case .form(let form) = state.screen else { return }
        let waiting = CaseModel.Operation(
            caseID: UUID(), baseVersion: 1, clerk: "m.huber", device: "ws-01", timestamp: Fixtures.now,
            kind: .addComment(text: "wartet"))
        state.storage.waiting = [WaitingSave(origin: .caseScreen, operations: [waiting])]
        let before = state
        let effects = reduce(&state, .replicaDamaged(detail: "row 3 missing from index"))
        #expect(effects == [.saveRescue(OpenWork(forms: [form.draft(at: Fixtures.now)], waiting: [waiting]))])
        var expected = before
        expected.storage.damage = ReplicaDamageState(detail: "row 3 missing from index")
        expected.notice = Notice(UIText.replicaDamaged, kind: .error, at: Fixtures.now)
        #expect(state == expected)
        // Nothing is tried again on a damaged replica.
        #expect(reduce(&state, .tick(Self.at(30))) == [])
    }

    @Test func theRescueOffersTheRebuildWhichStartsAFreshReplicaAndSyncs() throws {
        var state = Self.filledForm()
        guard case .form(let form) = state.screen else { return }
        _ = reduce(&state, .replicaDamaged(detail: "d"))
        let summary = RescueSummary(
            path: "/tmp/r/replica.sqlite.rescue-x.json", operations: 3, drafts: 1, unreadable: 0)
        #expect(reduce(&state, .rescueSaved(summary)) == [])
        #expect(state.modal == .rebuildReplica)
        #expect(state.storage.damage == ReplicaDamageState(detail: "d", rescue: .saved(summary)))

        // Not now: the offer comes back with F5.
        #expect(reduce(&state, .keyPressed(.character("n"))) == [])
        #expect(state.modal == nil)
        #expect(state.notice == Notice(UIText.rebuildLater, kind: .info, at: Fixtures.now))
        #expect(reduce(&state, Fixtures.key("F5")) == [])
        #expect(state.modal == .rebuildReplica)

        let effects = reduce(&state, .keyPressed(.character("j")))
        #expect(
            effects == [
                .rebuildReplica(rescueFile: summary.path, OpenWork(forms: [form.draft(at: Fixtures.now)]))
            ])
        #expect(
            state.storage.damage == ReplicaDamageState(detail: "d", rescue: .saved(summary), rebuilding: true)
        )
        #expect(state.modal == nil)

        let before = state
        let rebuilt = reduce(
            &state, .replicaRebuilt(damagedFile: "/tmp/r/replica.sqlite.damaged-x", requeued: 3))
        #expect(rebuilt == [.loadQueues, .loadCallbacks, .syncNow])
        var expected = before
        expected.stack = [.queues(QueueOverviewState()), .form(form)]
        expected.storage = StorageState()
        expected.notice = Notice(
            UIText.rebuilt(requeued: 3, damagedFile: "/tmp/r/replica.sqlite.damaged-x"), kind: .success,
            at: Fixtures.now)
        #expect(state == expected)
    }

    @Test func aFailedRescueIsTriedAgainWithF5AndAFailedRebuildCanBeAskedForAgain() {
        var state = Fixtures.state()
        _ = reduce(&state, .replicaDamaged(detail: "d"))
        _ = reduce(&state, .rescueFailed(LocalizedText(de: "kein Platz", en: "no space")))
        #expect(state.storage.damage?.rescue == .failed(LocalizedText(de: "kein Platz", en: "no space")))
        #expect(reduce(&state, Fixtures.key("F5")) == [.saveRescue(OpenWork())])
        #expect(state.storage.damage?.rescue == .saving)
        let summary = RescueSummary(path: "/r.json", operations: 0, drafts: 0, unreadable: 0)
        _ = reduce(&state, .rescueSaved(summary))
        _ = reduce(&state, .keyPressed(.character("j")))
        #expect(state.storage.damage?.rebuilding == true)
        _ = reduce(&state, .rebuildFailed(LocalizedText(de: "belegt", en: "busy")))
        #expect(state.storage.damage == ReplicaDamageState(detail: "d", rescue: .saved(summary)))
        #expect(state.notice?.kind == .error)
        #expect(reduce(&state, Fixtures.key("F5")) == [])
        #expect(state.modal == .rebuildReplica)
    }
}
