import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

/// A plain replica from an older version becomes a sealed one in place, keeping its outbox, drafts
/// and call drafts; a conversion stopped at any step leaves a replica that opens.
@Suite struct SealedConversionTests {
    /// A plain replica with demo cases, two pending operations, a draft and a call draft, closed;
    /// with a key file next to it. The names to look for in its bytes.
    struct Plain {
        let path: String
        let key: ReplicaKey
        let pending: [CaseModel.Operation]
        let drafts: [String: String]
        let needles: [String]

        init() throws {
            path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
            try seed(replicaPath: path, cases: 200, seed: 9, services: testServices, now: fixedNow)
            let replica = try Replica.open(path: path, services: testServices)
            let ids = try replica.sqlStrings("SELECT case_id FROM case_queue ORDER BY case_id LIMIT 2")
                .compactMap(UUID.init(uuidString:))
            try replica.record(operation(ids[0], .addComment(text: "Herr Zwiebelhuber bringt die Urkunde")))
            try replica.record(operation(ids[1], .claim(until: fixedNow.addingTimeInterval(3600))))
            pending = try replica.pendingOperations()
            drafts = [
                "case-\(ids[0].uuidString)": #"{"hundename":"Wastl"}"#,
                "phone-call": #"{"anrufer":"Frau Oberhuber"}"#,  // the call draft
            ]
            for (key, json) in drafts { try replica.saveDraft(key: key, json: json) }
            needles =
                try replica.sqlStrings("SELECT DISTINCT family_name FROM citizen").filter {
                    $0.utf8.count >= 6
                }
                + ["Zwiebelhuber", "Oberhuber", "Wastl"]
            try replica.close()
            key = try ReplicaKeyFile.create(forReplica: path, password: testPassword, cost: cheapCost).key
        }

        /// Every needle found in any file of the replica's folder, with the file.
        func hits() throws -> [String] {
            let files = try folderContents(folder(of: path))
            return needles.flatMap { needle in
                files.filter { occurrences(of: Data(needle.utf8), in: $0.value) > 0 }.map {
                    "\(needle) in \($0.key)"
                }
            }
        }

        /// Opens the replica sealed and checks that everything is there.
        func expectSealedAndWhole() throws {
            #expect(!SealedRegistration.hasPlainHeader(path))
            let replica = try Replica.open(path: path, services: testServices, key: key)
            defer { try? replica.close() }
            try expectWhole(replica)
        }

        /// Opens the replica plain and checks that everything is there.
        func expectPlainAndWhole() throws {
            #expect(SealedRegistration.hasPlainHeader(path))
            let replica = try Replica.open(path: path, services: testServices)
            defer { try? replica.close() }
            try expectWhole(replica)
        }

        private func expectWhole(_ replica: Replica) throws {
            #expect(try replica.integrityCheck() == ["ok"])
            #expect(try replica.pendingOperations() == pending)
            for (key, json) in drafts { #expect(try replica.draft(key: key) == json) }
            #expect(try replica.count(QueueFilter(openOnly: false)) == 200)
            #expect(try replica.search("Zwiebelhuber", limit: 5).isEmpty)  // a note is not indexed
            let name = try #require(needles.first)
            #expect(try !replica.search(name, limit: 5).isEmpty)
        }
    }

    @Test func aPlainReplicaIsSealedInPlaceWithItsOutboxAndDrafts() throws {
        let plain = try Plain()
        #expect(!(try plain.hits()).isEmpty)  // the search finds them in a plain replica

        let conversion = try Replica.seal(
            plainAt: plain.path, key: plain.key, rules: ReplicaRules(services: testServices))

        #expect(conversion.cases == 200 && conversion.outbox == 2 && conversion.drafts == 2)
        #expect(!conversion.wasSealedAlready)
        try plain.expectSealedAndWhole()
        // No name in any file of the folder, and nothing left of the conversion.
        #expect(try plain.hits() == [])
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder(of: plain.path)))
        #expect(names.filter { $0.contains(".sealing") || $0.contains(".plain-old") }.isEmpty)
        // Without the key it is refused now.
        #expect(throws: ReplicaError.sealed(.passwordNeeded(path: plain.path))) {
            try Replica.open(path: plain.path, services: testServices).close()
        }
    }

    @Test func aConversionStoppedAfterTheCopyLeavesThePlainReplicaAndIsDoneAgain() throws {
        let plain = try Plain()
        for step in [SealingStep.copied, .verified] {
            try Replica.seal(
                plainAt: plain.path, key: plain.key, rules: ReplicaRules(services: testServices),
                stoppingAfter: step)
            try plain.expectPlainAndWhole()
        }
        #expect(FileManager.default.fileExists(atPath: plain.path + ".sealing"))

        try Replica.seal(plainAt: plain.path, key: plain.key, rules: ReplicaRules(services: testServices))

        try plain.expectSealedAndWhole()
        #expect(try plain.hits() == [])
    }

    @Test func aConversionStoppedAfterTheRenameLeavesTheSealedReplicaAndWipesThePlainBytesNextTime() throws {
        let plain = try Plain()
        try Replica.seal(
            plainAt: plain.path, key: plain.key, rules: ReplicaRules(services: testServices),
            stoppingAfter: .replaced)
        try plain.expectSealedAndWhole()
        #expect(FileManager.default.fileExists(atPath: plain.path + ".plain-old"))

        let again = try Replica.seal(
            plainAt: plain.path, key: plain.key, rules: ReplicaRules(services: testServices))

        #expect(again.wasSealedAlready && again.outbox == 2)
        try plain.expectSealedAndWhole()
        #expect(try plain.hits() == [])
    }

    @Test func withoutAKeyFileNothingIsConverted() throws {
        let path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
        try seed(replicaPath: path, cases: 10, seed: 9, services: testServices, now: fixedNow)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: ReplicaError.sealed(.keyFileMissing(keyFile: path + ".key"))) {
            try Replica.seal(plainAt: path, key: ReplicaKey.random())
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
