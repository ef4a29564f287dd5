import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

@Suite("Reducer")
struct ReducerTests {
    @Test func startingLoadsTheQueues() {
        var state = Fixtures.state()
        let expected = state
        let effects = reduce(&state, .started)
        #expect(effects == [.loadQueues, .loadCallbacks, .loadPhoneDraft, .checkReplica])
        #expect(state == expected)
    }

    @Test func openingAQueueAsksForItsFirstPage() {
        var state = Fixtures.state()
        _ = reduce(&state, .queuesLoaded([Fixtures.queue], drafts: []))
        let effects = reduce(&state, Fixtures.key("Enter"))

        let request = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: nil, limit: 100,
            placement: .replace)
        #expect(effects == [.loadPage(request)])
        var expected = Fixtures.state()
        var list = CaseListState(queue: Fixtures.queue)
        list.pending = request
        expected.stack = [
            .queues(QueueOverviewState(queues: [Fixtures.queue], drafts: [], cursor: 0, loading: false)),
            .caseList(list),
        ]
        #expect(state == expected)
    }

    /// A list with its first page loaded.
    func listState(rows: Int, hasMore: Bool) -> AppState {
        var state = Fixtures.state()
        _ = reduce(&state, .queuesLoaded([Fixtures.queue], drafts: []))
        let effects = reduce(&state, Fixtures.key("Enter"))
        guard case .loadPage(let request)? = effects.first else { return state }
        _ = reduce(
            &state,
            .pageLoaded(request, CasePage(rows: (0..<rows).map { Fixtures.row($0) }, hasMore: hasMore)))
        return state
    }

    @Test func movingDownPrefetchesTheNextPageBeforeItIsNeeded() throws {
        var state = listState(rows: 100, hasMore: true)
        var effects: [Effect] = []
        for _ in 0..<69 { effects += reduce(&state, Fixtures.key("Down")) }
        #expect(effects.isEmpty)
        effects = reduce(&state, Fixtures.key("Down"))
        let next = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: QueueCursor(key: 99, seq: 99),
            limit: 100,
            placement: .append)
        #expect(effects == [.loadPage(next)])
        guard case .caseList(let list) = state.screen else {
            Issue.record("not on the list")
            return
        }
        #expect(list.cursor == 70)
        #expect(list.top == 70 - 19 + 1)
        #expect(list.pending == next)
        // Another key while the page is on its way does not ask twice.
        #expect(reduce(&state, Fixtures.key("Down")) == [])
    }

    @Test func theWindowKeepsThreePagesAndReloadsDroppedOnesWhenScrollingBack() throws {
        var state = listState(rows: 100, hasMore: true)
        // Scroll through four pages: the first is dropped from the window.
        for page in 1...3 {
            var request: PageRequest?
            while request == nil {
                if case .loadPage(let r)? = reduce(&state, Fixtures.key("Down")).first { request = r }
            }
            let rows = (page * 100..<(page + 1) * 100).map { Fixtures.row($0) }
            _ = reduce(&state, .pageLoaded(try #require(request), CasePage(rows: rows, hasMore: true)))
        }
        guard case .caseList(var list) = state.screen else {
            Issue.record("not on the list")
            return
        }
        #expect(list.rows.count == 300)
        #expect(list.rows.first?.number == "HUN-2026-0000100")
        #expect(list.moreBefore)
        #expect(list.pages == [100, 100, 100])
        let selected = list.rows[list.cursor].number
        // Going back up asks for the dropped page again: the page before the window's first row
        // (keyset read backwards, never an offset).
        var effects: [Effect] = []
        while effects.isEmpty { effects = reduce(&state, Fixtures.key("Up")) }
        let back = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: QueueCursor(key: 100, seq: 100),
            limit: 100, placement: .prepend)
        #expect(effects == [.loadPage(back)])
        guard case .caseList(let before) = state.screen else { return }
        let selectedBefore = before.rows[before.cursor].number
        _ = reduce(
            &state, .pageLoaded(back, CasePage(rows: (0..<100).map { Fixtures.row($0) }, hasMore: false)))
        guard case .caseList(let after) = state.screen else { return }
        list = after
        #expect(list.rows.first?.number == "HUN-2026-0000000")
        #expect(list.rows.count == 300)
        #expect(list.moreAfter)
        #expect(!list.moreBefore)
        #expect(list.rows[list.cursor].number == selectedBefore)
        #expect(selected != "")
    }

    @Test func endGoesToTheLastRowOfTheWholeQueueAndHomeBackToTheFirst() throws {
        var state = listState(rows: 100, hasMore: true)
        // End: the last page of the queue, read backwards from its end (no offset).
        let last = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: nil, limit: 100, placement: .last)
        #expect(reduce(&state, Fixtures.key("End")) == [.loadPage(last)])
        let lastRows = (900..<1000).map { Fixtures.row($0) }
        #expect(reduce(&state, .pageLoaded(last, CasePage(rows: lastRows, hasMore: true))) == [])
        guard case .caseList(let atEnd) = state.screen else {
            Issue.record("not on the list")
            return
        }
        var expected = CaseListState(queue: Fixtures.queue)
        expected.rows = lastRows
        expected.pages = [100]
        expected.moreBefore = true
        expected.moreAfter = false
        expected.cursor = 99
        expected.top = 100 - 19
        #expect(atEnd == expected)
        #expect(atEnd.rows[atEnd.cursor].number == "HUN-2026-0000999")
        // End again at the end: nothing to load.
        #expect(reduce(&state, Fixtures.key("End")) == [])

        // Up from the end: the page before the window's first row, read backwards.
        var effects: [Effect] = []
        while effects.isEmpty { effects = reduce(&state, Fixtures.key("Up")) }
        let before = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: QueueCursor(key: 900, seq: 900),
            limit: 100, placement: .prepend)
        #expect(effects == [.loadPage(before)])
        guard case .caseList(let waiting) = state.screen else { return }
        let selected = waiting.rows[waiting.cursor].number
        _ = reduce(
            &state, .pageLoaded(before, CasePage(rows: (800..<900).map { Fixtures.row($0) }, hasMore: true)))
        guard case .caseList(let grown) = state.screen else { return }
        #expect(grown.rows.count == 200)
        #expect(grown.rows.first?.number == "HUN-2026-0000800")
        #expect(grown.rows[grown.cursor].number == selected)
        #expect(grown.moreBefore)
        #expect(!grown.moreAfter)

        // Home: back to the first page of the queue; the rows stay on screen until it is there.
        let first = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .dueDate, anchor: nil, limit: 100,
            placement: .first)
        #expect(reduce(&state, Fixtures.key("Home")) == [.loadPage(first)])
        guard case .caseList(let homeWaiting) = state.screen else { return }
        #expect(homeWaiting.rows == grown.rows)
        _ = reduce(
            &state, .pageLoaded(first, CasePage(rows: (0..<100).map { Fixtures.row($0) }, hasMore: true)))
        guard case .caseList(let atStart) = state.screen else { return }
        #expect(atStart.cursor == 0)
        #expect(atStart.top == 0)
        #expect(atStart.rows.first?.number == "HUN-2026-0000000")
        #expect(!atStart.moreBefore)
    }

    @Test func endInAFullyLoadedListMovesToItsLastRow() {
        var state = listState(rows: 40, hasMore: false)
        #expect(reduce(&state, Fixtures.key("End")) == [])
        guard case .caseList(let list) = state.screen else {
            Issue.record("not on the list")
            return
        }
        #expect(list.cursor == 39)
        #expect(list.top == 40 - 19)
    }

    @Test func aStalePageIsIgnored() {
        var state = listState(rows: 10, hasMore: false)
        let before = state
        let stale = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .receivedNewestFirst, anchor: nil, limit: 100,
            placement: .replace)
        #expect(reduce(&state, .pageLoaded(stale, CasePage(rows: [Fixtures.row(99)], hasMore: false))) == [])
        #expect(state == before)
    }

    @Test func sortingRestartsTheListWithTheNextOrder() {
        var state = listState(rows: 10, hasMore: false)
        let effects = reduce(&state, Fixtures.key("s"))
        let request = PageRequest(
            queueID: "open", filter: QueueFilter(), sort: .receivedNewestFirst, anchor: nil, limit: 100,
            placement: .replace)
        #expect(effects == [.loadPage(request)])
        guard case .caseList(let list) = state.screen else { return }
        #expect(list.sort == .receivedNewestFirst)
        #expect(list.rows.isEmpty)
        #expect(list.pending == request)
    }

    func caseDetail(state caseState: String = "eingegangen", claim: Claim? = nil) -> CaseDetail {
        let c = Case(
            id: Fixtures.row(7).id, number: "HUN-2026-0000007", serviceID: "hundesteuer", formVersion: 3,
            orgUnit: "stk", channel: .counter, state: caseState, citizenID: nil,
            fields: ["hundename": .text("Bello"), "kampfhund": .bool(false)], claim: claim,
            receivedAt: Fixtures.now.addingTimeInterval(-86_400 * 7), version: 4)
        return CaseDetail(
            value: c, citizen: nil, service: Fixtures.dogTax, history: [], due: nil, workingDaysLeft: nil,
            light: .green, stalled: false,
            allowedTransitions: Fixtures.workflow.transitions(from: caseState, for: .counter))
    }

    @Test func aMoveThatNeedsAReasonAsksForItAndRecordsTheTransition() throws {
        var state = Fixtures.state()
        let detail = caseDetail()
        #expect(reduce(&state, .keyPressed(.key(KeyChord(.enter)))) == [])  // nothing to open yet
        state.stack.append(.caseDetail(CaseDetailState(caseID: detail.value.id)))
        #expect(reduce(&state, .caseLoaded(detail)) == [])
        #expect(reduce(&state, Fixtures.key("F9")) == [])
        #expect(state.modal == .transitions(cursor: 0))
        #expect(reduce(&state, Fixtures.key("Down")) == [])
        #expect(reduce(&state, Fixtures.key("Enter")) == [])
        let move = detail.allowedTransitions[1]
        #expect(move.reasonRequired)
        #expect(state.modal == .reason(transition: move, text: TextInput()))
        // An empty reason is refused with a message.
        #expect(reduce(&state, Fixtures.key("Enter")) == [])
        #expect(state.notice?.text == UIText.reasonRequired)
        for ch in "Antrag zurückgenommen" { _ = reduce(&state, .keyPressed(.character(ch))) }
        var expectedState = state
        let effects = reduce(&state, Fixtures.key("Enter"))
        let operation = CaseModel.Operation(
            id: expectedState.nextID(), caseID: detail.value.id, baseVersion: 4, clerk: "m.huber",
            device: "ws-01",
            timestamp: Fixtures.now,
            kind: .transition(from: "eingegangen", to: "zurueckgezogen", reason: "Antrag zurückgenommen"))
        #expect(effects == [.recordOperations([operation])])
        expectedState.modal = nil
        #expect(state == expectedState)
        // The replica took it: a notice, the outbox count, and the case is read again.
        #expect(reduce(&state, .operationRecorded([operation], pending: 3)) == [.loadCase(detail.value.id)])
        #expect(state.sync.pending == 3)
        #expect(state.notice?.kind == .success)
    }

    /// F9 claims on the list; on a case nobody holds, F9 moves it on and claims it with the same
    /// key, so the header names the clerk as soon as the replica has both.
    @Test func movingAnUnclaimedCaseOnClaimsItAndTheHeaderSaysSo() throws {
        var state = Fixtures.state()
        let detail = caseDetail()
        state.stack.append(.caseDetail(CaseDetailState(caseID: detail.value.id, detail: detail)))
        #expect(reduce(&state, Fixtures.key("F9")) == [])
        #expect(state.modal == .transitions(cursor: 0))
        var expectedState = state
        let claim = CaseModel.Operation(
            id: expectedState.nextID(), caseID: detail.value.id, baseVersion: 4, clerk: "m.huber",
            device: "ws-01", timestamp: Fixtures.now,
            kind: .claim(until: Fixtures.now.addingTimeInterval(30 * 60)))
        let move = CaseModel.Operation(
            id: expectedState.nextID(), caseID: detail.value.id, baseVersion: 4, clerk: "m.huber",
            device: "ws-01", timestamp: Fixtures.now,
            kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
        #expect(reduce(&state, Fixtures.key("Enter")) == [.recordOperations([claim, move])])
        expectedState.modal = nil
        #expect(state == expectedState)
        #expect(
            reduce(&state, .operationRecorded([claim, move], pending: 2)) == [.loadCase(detail.value.id)])
        #expect(state.notice?.text == UIText.saved([claim, move]))
        var claimed = caseDetail(
            state: "in_bearbeitung",
            claim: Claim(clerk: "m.huber", until: Fixtures.now.addingTimeInterval(30 * 60)))
        claimed.value.version = 4
        #expect(reduce(&state, .caseLoaded(claimed)) == [])
        #expect(
            Array(ViewScenarios.screen(state).prefix(4)) == [
                " M. Huber · KVR Bür… ○ offline │ Ausgang 2 │ Konflikte 0 │ Abgleich nie │ 10:15",
                " HUN-2026-0000007 · Hundesteuer                                  In Bearbeitung",
                "  Status: In Bearbeitung   SLA: ✓",
                "  Übernommen von m.huber bis 10:45 · Eingang 23.11.2026 10:15 · am Schalter",
            ])
    }

    @Test func movingACaseTheClerkHoldsRecordsOnlyTheMove() {
        var state = Fixtures.state()
        let detail = caseDetail(claim: Claim(clerk: "m.huber", until: Fixtures.now.addingTimeInterval(600)))
        state.stack.append(.caseDetail(CaseDetailState(caseID: detail.value.id, detail: detail)))
        _ = reduce(&state, Fixtures.key("F9"))
        var ids = state
        let move = CaseModel.Operation(
            id: ids.nextID(), caseID: detail.value.id, baseVersion: 4, clerk: "m.huber", device: "ws-01",
            timestamp: Fixtures.now, kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)
        )
        #expect(reduce(&state, Fixtures.key("Enter")) == [.recordOperations([move])])
    }

    @Test func aCaseSomeoneElseHoldsIsNotMovedOn() {
        var state = Fixtures.state()
        let detail = caseDetail(claim: Claim(clerk: "s.yilmaz", until: Fixtures.now.addingTimeInterval(600)))
        state.stack.append(.caseDetail(CaseDetailState(caseID: detail.value.id, detail: detail)))
        let before = state
        #expect(reduce(&state, Fixtures.key("F9")) == [])
        var expected = before
        expected.notice = Notice(Rejections.claimed(by: "s.yilmaz"), kind: .error, at: Fixtures.now)
        #expect(state == expected)
    }

    @Test func claimingACaseClaimedBySomeoneElseIsRefused() {
        var state = Fixtures.state()
        let detail = caseDetail(claim: Claim(clerk: "s.yilmaz", until: Fixtures.now.addingTimeInterval(600)))
        state.stack.append(.caseDetail(CaseDetailState(caseID: detail.value.id, detail: detail)))
        let before = state
        #expect(reduce(&state, Fixtures.key("Alt-c")) == [])
        var expected = before
        expected.notice = Notice(Rejections.claimed(by: "s.yilmaz"), kind: .error, at: Fixtures.now)
        #expect(state == expected)
    }

    /// A new-case form for the dog tax with a known citizen.
    func formState() -> AppState {
        var state = Fixtures.state()
        let citizen = Citizen(
            id: Fixtures.row(1).id, name: PersonName(given: "Jürgen", family: "Müller"),
            dateOfBirth: LocalDate(year: 1950, month: 2, day: 1) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Leopoldstraße", houseNumber: "12", postcode: "80802", city: "München"))
        _ = openNewCaseForm(&state, Fixtures.dogTax, channel: .counter, citizen: citizen)
        return state
    }

    func form(_ state: AppState) -> FormState? {
        if case .form(let f) = state.screen { return f }
        return nil
    }

    @Test func aWrongValueShowsItsMessageWhenTheFieldIsLeftAndEveryKeySavesTheDraft() throws {
        var state = formState()
        for ch in "Bello" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        var effects: [Effect] = []
        for ch in "31.02.2020" { effects += reduce(&state, .keyPressed(.character(ch))) }
        // Every keystroke saves the draft, so nothing typed is lost.
        #expect(effects.count == 10)
        let last = try #require(effects.last)
        guard case .saveDraft(let draft) = last else {
            Issue.record("expected a draft, got \(last)")
            return
        }
        #expect(draft.texts == ["hundename": "Bello", "geburtsdatum": "31.02.2020"])
        #expect(draft.focus == "geburtsdatum")
        #expect(draft.caret == 10)
        var f = try #require(form(state))
        // Not yet left: no message shown.
        #expect(
            f.messageShown(.field(FieldPath("geburtsdatum"), Fixtures.dogTax.form.fields[1], depth: 0)) == nil
        )
        _ = reduce(&state, Fixtures.key("Enter"))
        f = try #require(form(state))
        let message = try #require(
            f.messageShown(.field(FieldPath("geburtsdatum"), Fixtures.dogTax.form.fields[1], depth: 0)))
        #expect(message.de.isEmpty == false)
        #expect(f.focus == .field(FieldPath("kampfhund")))
        // Fix it: go back, clear, type a real date; the message goes away while typing.
        _ = reduce(&state, Fixtures.key("Up"))
        _ = reduce(&state, Fixtures.key("Ctrl-U"))
        for ch in "01.02.2020" { _ = reduce(&state, .keyPressed(.character(ch))) }
        f = try #require(form(state))
        #expect(f.issues[FieldPath("geburtsdatum")] == nil)
    }

    @Test func theCalculatedFeeFollowsTheAnswer() throws {
        var state = formState()
        _ = reduce(&state, Fixtures.key("Enter"))
        _ = reduce(&state, Fixtures.key("Enter"))
        _ = reduce(&state, .keyPressed(.character("j")))
        #expect(form(state)?.calculated["gebuehr"] == "800,00 €")
        _ = reduce(&state, Fixtures.key("Backspace"))
        _ = reduce(&state, .keyPressed(.character("n")))
        #expect(form(state)?.calculated["gebuehr"] == "100,00 €")
    }

    @Test func savingAValidFormRecordsTheNewCaseAndOpensIt() throws {
        var state = formState()
        for ch in "Bello" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        for ch in "01.02.2020" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Enter"))
        _ = reduce(&state, .keyPressed(.character("n")))
        let effects = reduce(&state, Fixtures.key("F4"))
        let f = try #require(form(state))
        guard case .recordOperations(let ops)? = effects.first, effects.count == 1, let op = ops.first,
            case .createCase(let new) = op.kind
        else {
            Issue.record("expected one create operation, got \(effects)")
            return
        }
        #expect(op.caseID == f.target.caseID)
        #expect(op.baseVersion == 0)
        #expect(new.fields["hundename"] == .text("Bello"))
        #expect(
            new.fields["geburtsdatum"]
                == .date(LocalDate(year: 2020, month: 2, day: 1) ?? LocalDate(dayNumber: 0)))
        #expect(new.fields["kampfhund"] == .bool(false))
        #expect(new.fields["gebuehr"] == .money(cents: 10_000))
        #expect(new.channel == .counter)
        #expect(new.enteredBy == "m.huber")
        #expect(new.citizen?.name.family == "Müller")
        #expect(new.number.hasPrefix("HUN-2026-"))
        let after = reduce(&state, .operationRecorded(ops, pending: 1))
        #expect(after == [.deleteDraft(key: f.draftKey), .loadCase(op.caseID)])
        #expect(state.stack.count == 2)
        #expect(state.screen == .caseDetail(CaseDetailState(caseID: op.caseID)))
    }

    @Test func savingAnIncompleteFormShowsEveryMessageAndMovesToTheFirst() throws {
        var state = formState()
        _ = reduce(&state, Fixtures.key("Enter"))
        let effects = reduce(&state, Fixtures.key("F4"))
        #expect(effects == [])
        let f = try #require(form(state))
        #expect(f.focus == .field(FieldPath("hundename")))
        #expect(
            Set(f.issues.keys) == [FieldPath("hundename"), FieldPath("geburtsdatum"), FieldPath("kampfhund")])
        #expect(f.visited.isSuperset(of: f.issues.keys))
        #expect(state.notice?.text == UIText.fixFields(3))
    }

    @Test func repeatRowsAreAddedAndRemoved() throws {
        var state = formState()
        // Name, birth date, fighting dog; the fee is calculated and takes no focus.
        for _ in 0..<3 { _ = reduce(&state, Fixtures.key("Enter")) }
        #expect(form(state)?.focus == .addRow("halter"))
        _ = reduce(&state, Fixtures.key("Insert"))
        for ch in "Anna" { _ = reduce(&state, .keyPressed(.character(ch))) }
        _ = reduce(&state, Fixtures.key("Insert"))
        for ch in "Ömer" { _ = reduce(&state, .keyPressed(.character(ch))) }
        var f = try #require(form(state))
        #expect(f.rowCounts["halter"] == 2)
        #expect(f.texts[FieldPath("halter", row: 1, sub: "name")] == "Ömer")
        _ = reduce(&state, Fixtures.key("Up"))
        #expect(form(state)?.focus == .field(FieldPath("halter", row: 0, sub: "name")))
        _ = reduce(&state, Fixtures.key("Alt-d"))
        f = try #require(form(state))
        #expect(f.rowCounts["halter"] == 1)
        #expect(f.texts[FieldPath("halter", row: 0, sub: "name")] == "Ömer")
    }

    @Test func quittingWithAnUnsavedFormAsksFirst() {
        var state = formState()
        _ = reduce(&state, .keyPressed(.character("B")))
        #expect(reduce(&state, Fixtures.key("Alt-x")) == [])
        #expect(state.modal == .confirmQuit)
        #expect(reduce(&state, .keyPressed(.character("n"))) == [])
        #expect(state.modal == nil)
        #expect(state.quitting == false)
        _ = reduce(&state, Fixtures.key("Alt-x"))
        #expect(reduce(&state, .keyPressed(.character("j"))) == [.quit])
        #expect(state.quitting)
    }

    @Test func quittingWithoutAFormQuitsAtOnce() {
        var state = Fixtures.state()
        #expect(reduce(&state, Fixtures.key("F3")) == [.quit])
        #expect(state.quitting)
    }

    @Test func aTooSmallTerminalIgnoresKeysButStillQuits() {
        var state = Fixtures.state()
        _ = reduce(&state, .resized(TerminalSize(rows: 20, columns: 60)))
        #expect(state.fitsTerminal == false)
        let before = state
        #expect(reduce(&state, Fixtures.key("F2")) == [])
        #expect(state == before)
        _ = reduce(&state, .resized(TerminalSize(rows: 24, columns: 80)))
        #expect(state.fitsTerminal)
        #expect(reduce(&state, Fixtures.key("F2")) == [])
        #expect(state.stack.count == 2)
    }

    @Test func searchAsksWhileTypingAndKeepsOnlyCurrentResults() {
        var state = Fixtures.state()
        _ = reduce(&state, Fixtures.key("F2"))
        #expect(reduce(&state, .keyPressed(.character("M"))) == [])
        #expect(reduce(&state, .keyPressed(.character("ü"))) == [.search(query: "Mü")])
        #expect(reduce(&state, .keyPressed(.character("l"))) == [.search(query: "Mül")])
        let hit = SearchHit(
            id: Fixtures.row(1).id, number: "HUN-2026-0000001", citizen: "Müller, Jürgen",
            address: "Leopoldstraße 12",
            service: Fixtures.dogTax.title, state: LocalizedText(de: "Eingegangen", en: "Received"))
        // The answer to an older query is dropped.
        _ = reduce(&state, .searchResultsArrived(query: "Mü", [hit]))
        guard case .search(let s1) = state.screen else { return }
        #expect(s1.results.isEmpty)
        _ = reduce(&state, .searchResultsArrived(query: "Mül", [hit]))
        guard case .search(let s2) = state.screen else { return }
        #expect(s2.results == [hit])
        #expect(reduce(&state, Fixtures.key("Enter")) == [.loadCase(hit.id)])
    }

    @Test func theFooterAndHelpComeFromTheKeymap() {
        let state = Fixtures.state()
        let footer = state.keymap.footer(for: state.keymapMode).map(\.action)
        #expect(footer.contains("case.new"))
        #expect(footer.contains("help"))
    }
}
