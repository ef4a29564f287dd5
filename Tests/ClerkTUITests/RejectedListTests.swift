import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// The list of refused operations, read from a real replica and drawn at 80×24: listed, sent
/// again as a new operation, or dropped.
@Suite("Rejected operations")
struct RejectedListTests {
    /// A replica holding one locally created case whose move the central service refused.
    final class Rig {
        let directory: URL
        let replica: Replica
        let runner: EffectRunner
        let caseID = UUID()
        let move: CaseModel.Operation
        let reason = Rejection(
            code: "transition_not_allowed",
            message: LocalizedText(
                de: "Statuswechsel nicht mehr erlaubt.", en: "State change no longer allowed."))

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "clerk-rejected-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            replica = try Replica.open(
                path: directory.appendingPathComponent("replica.sqlite").path, services: [Fixtures.dogTax])
            let create = CaseModel.Operation(
                caseID: caseID, baseVersion: 0, clerk: "m.huber", device: "ws-01", timestamp: Fixtures.now,
                kind: .createCase(
                    NewCase(
                        number: "HUN-2026-0000077", serviceID: "hundesteuer", formVersion: 3, orgUnit: "stk",
                        channel: .counter, initialState: "eingegangen", citizen: nil,
                        fields: ["hundename": .text("Rex")], receivedAt: Fixtures.now, enteredBy: "m.huber")))
            try replica.record(create)
            move = CaseModel.Operation(
                caseID: caseID, baseVersion: 0, clerk: "m.huber", device: "ws-01", timestamp: Fixtures.now,
                kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
            try replica.record(move)
            try replica.markRejected([(move.id, reason)])
            runner = EffectRunner(
                replica: replica, services: [Fixtures.dogTax], clerk: Fixtures.clerk, mode: .inline,
                clock: { Fixtures.now })
        }

        func items() throws -> [RejectedItem] {
            guard case .rejectedLoaded(let items)? = runner.run(.loadRejected).first else {
                throw RigError.noList
            }
            return items
        }

        /// The workstation state showing the rejected list.
        func listState() throws -> AppState {
            var state = Fixtures.state()
            _ = reduce(&state, .queuesLoaded([], drafts: []))
            _ = reduce(&state, Fixtures.key("F9"))
            _ = reduce(&state, .rejectedLoaded(try items()))
            return state
        }

        deinit {
            try? replica.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    enum RigError: Error { case noList }

    @Test func aRefusedMoveIsListedWithItsCaseNumberWhatWasTriedAndWhy() throws {
        let rig = try Rig()
        let items = try rig.items()
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(item.operation == rig.move)
        #expect(item.rejection == rig.reason)
        #expect(item.caseNumber == "HUN-2026-0000077")
        #expect(item.serviceID == "hundesteuer")

        var state = Fixtures.state()
        _ = reduce(&state, .queuesLoaded([], drafts: []))
        _ = reduce(&state, .syncCountsLoaded(pending: 1, conflicts: 0, rejected: 1, lastSync: nil))
        let overview = ViewScenarios.screen(state)
        #expect(
            overview.contains { $0.contains("Die Zentrale hat 1 Änderung(en) abgelehnt – F9 zeigt sie.") })
        _ = reduce(&state, Fixtures.key("F9"))
        _ = reduce(&state, .rejectedLoaded(items))
        let lines = ViewScenarios.screen(state)
        #expect(lines.count == 24)
        #expect(lines[1].hasPrefix(" Abgelehnte Änderungen"))
        #expect(lines[2].hasPrefix("  Vorgang          Versucht"))
        #expect(
            lines[3]
                == "▸ HUN-2026-0000077 Status → In Bearbeitung  Statuswechsel nicht mehr erlaubt.")
        #expect(
            lines.contains {
                $0.contains("Enter Vorgang öffnen · F4 erneut senden · F11 verwerfen · F3 zurück")
            }, "the hint names the active keymap's keys")
        // Enter opens the case.
        #expect(reduce(&state, Fixtures.key("Enter")) == [.loadCase(rig.caseID)])
    }

    @Test func sendingAgainRecordsTheChangeAnewOnTheCaseAsItIsNow() throws {
        let rig = try Rig()
        var state = try rig.listState()
        let effects = reduce(&state, Fixtures.key("F4"))
        guard case .retryRejected(let id, let newID)? = effects.first, effects.count == 1 else {
            Issue.record("expected a retry, got \(effects)")
            return
        }
        #expect(id == rig.move.id)
        #expect(newID != rig.move.id, "a refused id is never sent twice")
        let actions = rig.runner.run(effects[0])
        guard case .rejectedHandled(let notice, let left)? = actions.first,
            case .syncCountsLoaded(let pending, _, let rejected, _)? = actions.last
        else {
            Issue.record("unexpected actions \(actions)")
            return
        }
        #expect(notice == UIText.rejectedRetried)
        #expect(left.isEmpty)
        #expect(pending == 2)
        #expect(rejected == 0)
        let again = try #require(try rig.replica.pendingOperations(caseID: rig.caseID).last)
        #expect(again.id == newID)
        #expect(again.kind == .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
        #expect(again.clerk == Fixtures.clerk.id)
        #expect(try rig.replica.visibleCase(id: rig.caseID)?.state == "in_bearbeitung")
        #expect(try rig.replica.auditEntries(caseID: rig.caseID).map(\.action) == ["rejected.retried"])

        for action in actions { _ = reduce(&state, action) }
        guard case .rejected(let list) = state.screen else {
            Issue.record("the list should stay open")
            return
        }
        #expect(list.items.isEmpty)
        #expect(state.notice?.text == UIText.rejectedRetried)
    }

    @Test func aChangeThatCanNoLongerBeMadeStaysListedWithTheReason() throws {
        let rig = try Rig()
        // Meanwhile the clerk made the move again by hand.
        try rig.replica.record(
            CaseModel.Operation(
                caseID: rig.caseID, baseVersion: 0, clerk: "m.huber", device: "ws-01",
                timestamp: Fixtures.now,
                kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil)))
        let actions = rig.runner.run(.retryRejected(rig.move.id, as: UUID()))
        guard case .effectFailed(let message)? = actions.first else {
            Issue.record("expected the refusal, got \(actions)")
            return
        }
        #expect(!message.de.isEmpty)
        #expect(try rig.replica.rejectedCount() == 1, "nothing is lost")
        #expect(try rig.replica.pendingCount() == 2)
    }

    @Test func droppingAsksFirstAndIsNotedInTheAuditLog() throws {
        let rig = try Rig()
        var state = try rig.listState()
        #expect(reduce(&state, Fixtures.key("F11")).isEmpty)
        #expect(state.modal == .confirmDiscardRejected(rig.move.id))
        #expect(ViewScenarios.screen(state).contains { $0.contains("endgültig verwerfen") })
        #expect(reduce(&state, .keyPressed(.character("n"))).isEmpty)
        #expect(state.modal == nil)
        _ = reduce(&state, Fixtures.key("F11"))
        let effects = reduce(&state, .keyPressed(.character("j")))
        #expect(effects == [.discardRejected(rig.move.id)])
        let actions = rig.runner.run(effects[0])
        guard case .rejectedHandled(let notice, let left)? = actions.first else {
            Issue.record("unexpected actions \(actions)")
            return
        }
        #expect(notice == UIText.rejectedDiscarded)
        #expect(left.isEmpty)
        #expect(try rig.replica.rejectedCount() == 0)
        #expect(try rig.replica.pendingCount() == 1, "the case itself stays")
        #expect(try rig.replica.auditEntries(caseID: rig.caseID).map(\.action) == ["rejected.discarded"])
    }
}
