import CaseModel
import Foundation
import OfflineStore
import TerminalKit
import Testing

@testable import ClerkTUI

/// The list of refused operations, read from a real replica and drawn at 80×24.
@Suite("Rejected operations")
struct RejectedListTests {
    @Test func aRefusedMoveIsListedWithItsCaseNumberWhatWasTriedAndWhy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-rejected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let replica = try Replica.open(
            path: directory.appendingPathComponent("replica.sqlite").path, services: [Fixtures.dogTax])
        defer { try? replica.close() }
        let caseID = UUID()
        let create = CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: "m.huber", device: "ws-01", timestamp: Fixtures.now,
            kind: .createCase(
                NewCase(
                    number: "HUN-2026-0000077", serviceID: "hundesteuer", formVersion: 3, orgUnit: "stk",
                    channel: .counter, initialState: "eingegangen", citizen: nil,
                    fields: ["hundename": .text("Rex")], receivedAt: Fixtures.now, enteredBy: "m.huber")))
        try replica.record(create)
        let move = CaseModel.Operation(
            caseID: caseID, baseVersion: 0, clerk: "m.huber", device: "ws-01", timestamp: Fixtures.now,
            kind: .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
        try replica.record(move)
        let reason = Rejection(
            code: "transition_not_allowed",
            message: LocalizedText(
                de: "Statuswechsel nicht mehr erlaubt.", en: "State change no longer allowed."))
        try replica.markRejected([(move.id, reason)])

        let runner = EffectRunner(
            replica: replica, services: [Fixtures.dogTax], clerk: Fixtures.clerk, mode: .inline,
            clock: { Fixtures.now })
        guard case .rejectedLoaded(let items)? = runner.run(.loadRejected).first else {
            Issue.record("no rejected list")
            return
        }
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(item.operation == move)
        #expect(item.rejection == reason)
        #expect(item.caseNumber == "HUN-2026-0000077")

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
                == "▸ HUN-2026-0000077 Status → in_bearbeitung  Statuswechsel nicht mehr erlaubt.")
        // Enter opens the case.
        #expect(reduce(&state, Fixtures.key("Enter")) == [.loadCase(caseID)])
    }
}
