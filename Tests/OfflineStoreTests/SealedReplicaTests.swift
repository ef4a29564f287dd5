import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

/// A sealed replica does everything a plain one does, with the same results.
@Suite struct SealedReplicaTests {
    /// The same demo data, seeded once plain and once sealed.
    private static func seededPair(cases: Int = 300) throws -> (
        plain: String, sealed: String, password: String
    ) {
        let plain = try temporaryDirectory().appendingPathComponent("plain.sqlite").path
        let (sealed, keyFile) = try makeSealedKeyFile()
        try seed(replicaPath: plain, cases: cases, seed: 11, services: testServices, now: fixedNow)
        try seed(
            replicaPath: sealed, cases: cases, seed: 11, services: testServices, now: fixedNow,
            key: keyFile.key)
        return (plain, sealed, testPassword)
    }

    @Test func queuePagesSearchEditsAndOutboxMatchAPlainReplica() throws {
        let (plainPath, sealedPath, password) = try Self.seededPair()
        let plain = try Replica.open(path: plainPath, services: testServices)
        defer { try? plain.close() }
        let key = try ReplicaKeyFile.unlock(forReplica: sealedPath, password: password).key
        let sealed = try Replica.open(path: sealedPath, services: testServices, key: key)
        defer { try? sealed.close() }

        let all = QueueFilter(openOnly: false)
        #expect(try sealed.count(all) == 300)
        let firstPage = try sealed.queuePage(filter: all, sort: .dueDate, limit: 50)
        #expect(firstPage == (try plain.queuePage(filter: all, sort: .dueDate, limit: 50)))
        let cursor = try #require(firstPage.last).cursor(for: .dueDate)
        let secondPage = try sealed.queuePage(filter: all, sort: .dueDate, after: cursor, limit: 50)
        #expect(secondPage.count == 50)
        #expect(secondPage == (try plain.queuePage(filter: all, sort: .dueDate, after: cursor, limit: 50)))
        #expect(try sealed.queuePage(filter: all, sort: .dueDate, before: nil, limit: 20).count == 20)

        let family = try #require(firstPage.first?.citizenName.split(separator: ",").first).description
        let hits = try sealed.search(family)
        #expect(!hits.isEmpty)
        #expect(hits == (try plain.search(family)))
        #expect(try sealed.search("Mül") == (try plain.search("Mül")))

        let caseID = try #require(firstPage.first?.caseID)
        #expect(try sealed.visibleCase(id: caseID) == (try plain.visibleCase(id: caseID)))
        for replica in [plain, sealed] {
            try replica.record(
                operation(
                    caseID, .setField(field: FormDefinition.commentFieldID, old: nil, new: .text("Rückruf"))))
            try replica.record(operation(caseID, .addComment(text: "Unterlagen nachgereicht – Grüße")))
        }
        #expect(try sealed.pendingOperations().count == 2)
        #expect(try sealed.pendingOperations().map(\.kind) == (try plain.pendingOperations().map(\.kind)))
        let edited = try #require(try sealed.visibleCase(id: caseID))
        #expect(edited.fields[FormDefinition.commentFieldID] == .text("Rückruf"))
        #expect(edited.comments.map(\.text) == ["Unterlagen nachgereicht – Grüße"])
        #expect(try sealed.queueRow(caseID: caseID)?.pendingOperations == 2)

        try sealed.checkpoint()
        #expect(try sealed.integrityCheck() == ["ok"])
    }

    @Test func reopenedWithThePasswordEverythingIsThere() throws {
        let (_, sealedPath, password) = try Self.seededPair(cases: 120)
        let key = try ReplicaKeyFile.unlock(forReplica: sealedPath, password: password).key
        var replica = try Replica.open(path: sealedPath, services: testServices, key: key)
        let caseID = try #require(
            try replica.queuePage(filter: QueueFilter(openOnly: false), limit: 1).first?.caseID)
        try replica.record(operation(caseID, .addComment(text: "vor dem Schließen")))
        try replica.close()

        let again = try ReplicaKeyFile.unlock(forReplica: sealedPath, password: password).key
        replica = try Replica.open(path: sealedPath, services: testServices, key: again)
        defer { try? replica.close() }
        #expect(try replica.count(QueueFilter(openOnly: false)) == 120)
        #expect(try replica.visibleCase(id: caseID)?.comments.map(\.text) == ["vor dem Schließen"])
        #expect(try replica.pendingCount() == 1)
        #expect(try replica.integrityCheck() == ["ok"])
    }

    @Test func aNewSealedReplicaIsLaidOutForSealing() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        defer { try? replica.close() }
        #expect(try replica.sqlInteger("PRAGMA page_size") == SealedPage.size)
        #expect(try replica.sqlInteger("PRAGMA temp_store") == 2)
        #expect(try replica.sqlStrings("PRAGMA journal_mode") == ["wal"])
        try replica.sealing?.verifyLayout()
        #expect(!SealedRegistration.hasPlainHeader(path))
    }
}
