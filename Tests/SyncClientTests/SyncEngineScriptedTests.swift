import CaseModel
import Foundation
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

/// The sync engine against a scripted central service: which store, page sizes, bad answers.
@Suite("Sync engine, scripted")
struct SyncEngineScriptedTests {
    @Test("the first pull remembers the central store; the cursor ends at the store's head")
    func firstPullRemembersTheStore() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Bello")])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        let report = try await node.engine.syncOnce()
        #expect(report.restart == nil)
        #expect(try node.replica.syncState().centralStore == server.storeID)
        #expect(try node.replica.syncState().cursor == server.head)
        #expect(try node.visibleCases() == server.cases)
        #expect(await node.engine.takeRestart() == nil)
    }

    @Test("another store: the pull starts over, the outbox is pushed to it, cases it lacks leave")
    func anotherStoreStartsThePullOver() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let kept = ScriptedWorld.centralCase(name: "Bello")
        let gone = ScriptedWorld.centralCase(name: "Rex")
        server.replaceStore(with: [kept, gone])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        try await node.engine.syncOnce()
        let previous = server.storeID
        #expect(try node.visibleCases().count == 2)

        // Offline work, then the workstation is pointed at another store that knows only `kept`.
        let create = ScriptedWorld.create(name: "Luna")
        try node.replica.record(create)
        let note = try node.comment(kept.id, "Impfpass vorgelegt")
        var other = kept
        other.fields["name_hund"] = .text("Bello (neu)")
        server.replaceStore(with: [other, ScriptedWorld.centralCase(name: "Waldi")])

        let report = try await node.engine.syncOnce()
        #expect(report.restart == .otherStore(previous: previous, current: server.storeID))
        #expect(report.removedCases == 1)
        #expect(server.firstApplications[create.id] == 1)
        #expect(server.firstApplications[note.id] == 1)
        #expect(try node.replica.pendingCount() == 0)
        #expect(try node.visibleCases() == server.cases, "the replica shows the new store, nothing else")
        #expect(try node.visibleCases()[gone.id] == nil)
        #expect(try node.replica.syncState().centralStore == server.storeID)
        #expect(try node.replica.syncState().cursor == server.head)
        #expect(try node.replica.unconfirmedCaseCount() == 0)
        // Told once, in both languages.
        let told = try #require(await node.engine.takeRestart())
        #expect(told.message.de.contains("Zentrale wurde zurückgesetzt oder gewechselt"))
        #expect(told.message.de.contains("nicht gesendeten Änderungen bleiben erhalten"))
        #expect(told.message.en.contains("unsent changes are kept"))
        #expect(await node.engine.takeRestart() == nil)

        // The next round is an ordinary one.
        let again = try await node.engine.syncOnce()
        #expect(again.restart == nil)
        #expect(again.pulledChanges == 0)
    }

    @Test("a store restored from an older copy (cursor beyond its head): pulled afresh, the outbox kept")
    func restoredStoreIsPulledAfresh() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Bello")])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        try await node.engine.syncOnce()
        let backup = server.snapshot()
        let lost = ScriptedWorld.create(name: "Nach der Sicherung")
        try node.replica.record(lost)
        try await node.engine.syncOnce()
        let cursor = try node.replica.syncState().cursor
        let waiting = try node.comment(try #require(backup.cases.keys.first), "noch nicht gesendet")

        server.restore(backup)
        #expect(server.head < cursor)
        let report = try await node.engine.syncOnce()
        #expect(report.restart == .cursorAhead(cursor: cursor, head: backup.head))
        #expect(server.firstApplications[waiting.id] == 1, "the operation not yet sent reached the store")
        #expect(try node.replica.pendingCount() == 0)
        #expect(try node.visibleCases() == server.cases)
        #expect(
            try node.visibleCases()[lost.caseID] == nil, "the store lost this case; the replica shows that")
        #expect(try node.replica.syncState().cursor == server.head)
    }

    @Test("pending operations cannot hide a restore: the store is checked before they are pushed")
    func theStoreIsCheckedBeforeThePush() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        let first = ScriptedWorld.centralCase(name: "Bello")
        server.replaceStore(with: [first])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        try await node.engine.syncOnce()
        let backup = server.snapshot()
        for name in ["A", "B"] { try node.replica.record(ScriptedWorld.create(name: name)) }
        try await node.engine.syncOnce()
        let cursor = try node.replica.syncState().cursor

        // Restored; the pending operations alone would lift the head past the cursor.
        server.restore(backup)
        for index in 0..<5 { try node.comment(first.id, "Notiz \(index)") }
        #expect(server.head + 5 > cursor)
        let report = try await node.engine.syncOnce()
        #expect(report.restart == .cursorAhead(cursor: cursor, head: backup.head))
        #expect(try node.visibleCases() == server.cases)
        #expect(try node.visibleCases()[first.id]?.comments.count == 5)
    }

    @Test("a page too large for the client is asked for again with half the limit; the limit grows back")
    func tooLargePagesAreHalved() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: (0..<40).map { ScriptedWorld.centralCase(name: "Hund \($0)") })
        server.tooLarge(above: 5)
        let node = try ScriptedNode.make(server, pullPageSize: 16)
        defer { node.close() }
        let report = try await node.engine.syncOnce()
        #expect(try node.visibleCases() == server.cases)
        #expect(report.smallerPages > 0)
        let limits = server.pulls.map(\.limit)
        #expect(Array(limits.prefix(4)) == [16, 8, 4, 8], "after a page that fits, twice as many: \(limits)")
        #expect(limits.allSatisfy { $0 >= 1 && $0 <= 16 })
    }

    @Test("when even one case is too large, the pull stops with the reason, after asking for one")
    func tooLargeEvenForOneCase() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Riesig")])
        server.tooLarge(above: 0)
        let node = try ScriptedNode.make(server, pullPageSize: 64)
        defer { node.close() }
        let before = try node.snapshot()
        let error = await #expect(throws: SyncError.self) { try await node.engine.syncOnce() }
        guard case .tooLarge = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))")
            return
        }
        #expect(server.pulls.map(\.limit) == [64, 32, 16, 8, 4, 2, 1])
        #expect(error?.message.de.contains("IT-Betreuung") == true)
        #expect(error?.message.en.contains("IT support") == true)
        #expect(error?.isTransient == true)
        #expect(try node.snapshot() == before)
    }

    @Test(
        "bad answers are refused before anything is written",
        arguments: [ScriptedServer.Fault.garbage, .cursorBeyondHead, .unreachable, .unauthorized])
    func badAnswersChangeNothing(_ fault: ScriptedServer.Fault) async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: [ScriptedWorld.centralCase(name: "Bello")])
        let node = try ScriptedNode.make(server)
        defer { node.close() }
        try await node.engine.syncOnce()
        try node.replica.record(ScriptedWorld.create(name: "Luna"))
        let before = try node.snapshot()
        server.script(.pull, fault)
        let error = await #expect(throws: SyncError.self) { try await node.engine.syncOnce() }
        switch (fault, error) {
        case (.garbage, .badResponse?), (.unreachable, .unreachable?), (.unauthorized, .unauthorized?): break
        case (.cursorBeyondHead, .badResponse(let detail)?):
            #expect(detail.contains("beyond the store's head"))
        default: Issue.record("\(fault) gave \(String(describing: error))")
        }
        #expect(try node.snapshot() == before, "nothing written, nothing pushed, no restart")
        #expect(server.pushed.isEmpty)
    }

    @Test("a page from another store in the middle of a pull is refused; the page before it stays")
    func aForeignPageMidPullIsRefused() async throws {
        let server = ScriptedServer(service: ScriptedWorld.dogTax)
        server.replaceStore(with: (0..<2).map { ScriptedWorld.centralCase(name: "Hund \($0)") })
        let node = try ScriptedNode.make(server, pullPageSize: 2)
        defer { node.close() }
        try await node.engine.syncOnce()
        let store = server.storeID
        server.add((0..<4).map { ScriptedWorld.centralCase(name: "Katze \($0)") })

        server.script(.pull, .normal, .foreignPage)
        let error = await #expect(throws: SyncError.self) { try await node.engine.syncOnce() }
        guard case .badResponse(let detail)? = error else {
            Issue.record("expected a bad response, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("from store"))
        #expect(try node.visibleCases().count == 4, "the first page of the round is written")
        #expect(try node.replica.syncState().centralStore == store, "a refused page starts nothing over")

        let report = try await node.engine.syncOnce()
        #expect(report.restart == nil)
        #expect(try node.visibleCases() == server.cases)
    }
}
