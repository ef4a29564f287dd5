import CaseModel
import DemoData
import Foundation
import Testing

@testable import OfflineStore

/// A sealed replica's rescue file is sealed too: no citizen data in it, read back with the
/// replica's key (also by the rebuild), refused whole when a byte of it is changed.
@Suite struct SealedRescueTests {
    /// A sealed replica with pulled demo cases, a pending note naming a citizen and a draft.
    private static func sealedReplica() throws -> (
        Replica, ReplicaKey, names: [String], note: CaseModel.Operation
    ) {
        let (path, keyFile) = try makeSealedKeyFile()
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        let demo = Array(DemoCaseGenerator(services: testServices, count: 40, seed: 5, now: fixedNow))
        try replica.applyCentralChanges(demo.map(\.caseValue), citizens: demo.map(\.citizen), cursor: 7)
        let note = operation(demo[0].caseValue.id, .addComment(text: "Frau Zwiebelhuber bringt den Pass"))
        try replica.record(note)
        try replica.saveDraft(key: "case-\(demo[1].caseValue.id.uuidString)", json: #"{"hundename":"Wastl"}"#)
        let names = demo.map(\.citizen.name.family).filter { $0.utf8.count >= 6 } + ["Zwiebelhuber", "Wastl"]
        return (replica, keyFile.key, names, note)
    }

    @Test func theRescueFileHoldsNoCitizenDataAndReadsBackWithTheKey() throws {
        let (replica, key, names, note) = try Self.sealedReplica()
        defer { try? replica.close() }

        let saved = try replica.saveRescue(at: fixedNow)

        #expect(saved.path.hasSuffix(".rescue-20260528T202640Z.sealed"))
        let mode = try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: saved.path))
        #expect(SealedRescue.isSealed(bytes))
        for name in names { #expect(occurrences(of: Data(name.utf8), in: bytes) == 0, "\(name)") }
        // The same rescue of a plain replica shows them, so the search can fail.
        #expect(occurrences(of: Data("Zwiebelhuber".utf8), in: try saved.rescue.encoded()) > 0)

        #expect(try replica.readRescue(path: saved.path) == saved.rescue)
        #expect(try ReplicaRescue.read(path: saved.path, key: key) == saved.rescue)
        // The rebuild's way (`ReplicaRescue.read(path:)`): the replica is open, so its key is found.
        #expect(try ReplicaRescue.read(path: saved.path) == saved.rescue)
        #expect(saved.rescue.operations == [note])
        #expect(saved.rescue.drafts.count == 1)
    }

    @Test func aRescueIsRebuiltFromTheSealedFile() throws {
        let (replica, _, _, note) = try Self.sealedReplica()
        defer { try? replica.close() }
        let saved = try replica.saveRescue(at: fixedNow)

        let rebuilt = try replica.rebuild(
            restoring: try ReplicaRescue.read(path: saved.path), by: "m.huber", at: fixedNow)

        #expect(rebuilt.requeued == 1 && rebuilt.drafts == 1)
        #expect(try replica.pendingOperations().map(\.id) == [note.id])
        #expect(try replica.integrityCheck() == ["ok"])
    }

    @Test func aFlippedByteIsRefusedWithAClearMessage() throws {
        let (replica, key, _, _) = try Self.sealedReplica()
        defer { try? replica.close() }
        let saved = try replica.saveRescue(at: fixedNow)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: saved.path))
        for offset in [bytes.count / 2, 30, bytes.count - 1] {
            var changed = bytes
            changed[offset] ^= 0x01
            try changed.write(to: URL(fileURLWithPath: saved.path))
            #expect(throws: ReplicaError.sealed(.rescueRefused(path: saved.path))) {
                _ = try replica.readRescue(path: saved.path)
            }
            #expect(throws: ReplicaError.sealed(.rescueRefused(path: saved.path))) {
                _ = try ReplicaRescue.read(path: saved.path, key: key)
            }
        }
        let message = SealingProblem.rescueRefused(path: saved.path).message
        #expect(message.de.contains("verändert oder beschädigt"))
        #expect(message.en.contains("was changed or damaged"))
        // Another replica's key does not open it either.
        bytes = try Data(contentsOf: URL(fileURLWithPath: saved.path))
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: saved.path))
        #expect(throws: ReplicaError.sealed(.rescueRefused(path: saved.path))) {
            _ = try ReplicaRescue.read(path: saved.path, key: ReplicaKey.random())
        }
    }

    @Test func withoutItsOpenReplicaASealedRescueNeedsTheKey() throws {
        let (replica, _, _, _) = try Self.sealedReplica()
        let saved = try replica.saveRescue(at: fixedNow)
        try replica.close()
        #expect(throws: ReplicaError.sealed(.rescueNeedsKey(path: saved.path))) {
            _ = try ReplicaRescue.read(path: saved.path)
        }
    }
}
