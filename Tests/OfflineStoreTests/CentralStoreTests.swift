import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

/// Which central store the replica syncs with, and starting the pull over when it is another one.
@Suite struct CentralStoreTests {
    @Test func theStoreIsRememberedOnceLearnt() throws {
        let replica = try makeReplica()
        #expect(try replica.syncState().centralStore == nil)
        let store = UUID()
        try replica.rememberCentralStore(store)
        #expect(try replica.syncState().centralStore == store)
        #expect(try replica.syncState().cursor == 0)
    }

    @Test func aRestartedPullKeepsTheOutboxAndRemovesOnlyCasesNotPulledAgain() throws {
        let replica = try makeReplica()
        let who = citizen("Anna", "Berger")
        let kept = centralCase(number: "UMZ-2026-0000011", citizen: who)
        let gone = centralCase(number: "UMZ-2026-0000012", citizen: nil)
        let edited = centralCase(number: "UMZ-2026-0000013", citizen: nil)
        try replica.applyCentralChanges([kept, gone, edited], citizens: [who], cursor: 40)
        let edit = operation(edited.id, .addComment(text: "Rückruf vereinbart"))
        try replica.record(edit)
        let before = try replica.visibleCaseIDs()

        let store = UUID()
        try replica.restartPull(centralStore: store)
        #expect(try replica.syncState().cursor == 0)
        #expect(try replica.syncState().centralStore == store)
        #expect(try replica.unconfirmedCaseCount() == 3)
        #expect(try replica.visibleCaseIDs() == before, "nothing disappears before the new pull is complete")
        #expect(try replica.pendingOperations().map(\.id) == [edit.id])

        try replica.applyCentralChanges([kept], citizens: [who], cursor: 3)
        #expect(try replica.unconfirmedCaseCount() == 2)
        #expect(try replica.finishRestartedPull(batch: 1) == 2)
        #expect(try replica.unconfirmedCaseCount() == 0)
        #expect(try replica.visibleCaseIDs() == [kept.id])
        #expect(try replica.centralCase(id: gone.id) == nil)
        #expect(try replica.queueRow(caseID: gone.id) == nil)
        #expect(try scalar(replica, "SELECT count(*) FROM case_search") == 1)
        #expect(try replica.history(caseID: edited.id).isEmpty)
        // The operation stays in the outbox, to be pushed (and answered) like any other.
        #expect(try replica.pendingOperations().map(\.id) == [edit.id])
        #expect(try replica.syncState().cursor == 3)
        #expect(try replica.finishRestartedPull() == 0)
    }

    @Test func aCaseCreatedHereStaysThroughARestart() throws {
        let replica = try makeReplica()
        try replica.applyCentralChanges([centralCase(number: "UMZ-2026-0000021", citizen: nil)], cursor: 5)
        let service = try #require(testServices.first { $0.id == "ummeldung" })
        let caseID = UUID()
        try replica.record(
            CaseModel.Operation(
                caseID: caseID, baseVersion: 0, clerk: "m.huber", device: "test", timestamp: fixedNow,
                kind: .createCase(
                    NewCase(
                        number: "UMZ-2026-0000022", serviceID: service.id, formVersion: service.version,
                        orgUnit: service.orgUnit.id, channel: .counter,
                        initialState: service.workflow.initialState, citizen: nil, fields: [:],
                        receivedAt: fixedNow, enteredBy: "m.huber"))))
        try replica.restartPull(centralStore: UUID())
        #expect(try replica.finishRestartedPull() == 1)
        #expect(
            try replica.visibleCaseIDs() == [caseID], "a case not sent yet is not the store's to take away")
    }

    @Test func aReplicaOfSchemaThreeGetsTheNewColumnsAndKeepsItsCursor() throws {
        let replica = try makeReplica()
        try replica.applyCentralChanges([centralCase(number: "UMZ-2026-0000031", citizen: nil)], cursor: 17)
        // Make it a file of schema 3, as the build before this one left it.
        try replica.sqlExecute("ALTER TABLE sync_state DROP COLUMN central_store")
        try replica.sqlExecute("DROP TABLE case_unconfirmed")
        try replica.sqlExecute("DELETE FROM grdb_migrations WHERE identifier = 'v4-central-store'")
        try replica.sqlExecute("PRAGMA user_version = 3")
        let path = replica.path
        try replica.close()

        let again = try Replica.open(path: path, services: DemoServices.all)
        #expect(try scalar(again, "PRAGMA user_version") == 4)
        #expect(try again.syncState().cursor == 17)
        #expect(try again.syncState().centralStore == nil)
        #expect(try again.unconfirmedCaseCount() == 0)
    }
}
