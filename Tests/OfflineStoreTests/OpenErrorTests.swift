import Foundation
import Testing

@testable import OfflineStore

@Suite struct OpenErrorTests {
    private func expectRefused(_ path: String, _ check: (ReplicaError) -> Bool) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try Replica.open(path: path)
        } throws: { error in
            guard let error = error as? ReplicaError else { return false }
            #expect(!error.message.de.isEmpty && !error.message.en.isEmpty)
            return check(error)
        }
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(before == after, "the file was modified")
    }

    @Test func refusesATextFileUntouched() throws {
        let path = try temporaryDirectory().appendingPathComponent("notes.sqlite").path
        try Data("Einkaufsliste: Brezn, Weißwürste\n".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefused(path) { if case .notAReplica = $0 { true } else { false } }
    }

    @Test func refusesAnotherAppsDatabaseUntouched() throws {
        let path = try temporaryDirectory().appendingPathComponent("other.sqlite").path
        try Replica.sqlExecute(path: path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        try expectRefused(path) { if case .notAReplica = $0 { true } else { false } }
    }

    @Test func refusesACorruptReplicaUntouched() throws {
        let replica = try makeReplica()
        let path = replica.path
        try replica.checkpoint()
        try replica.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 16..<100 { bytes[i] = 0xA5 }  // page size, format numbers, … garbled
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefused(path) { if case .corrupt = $0 { true } else { false } }
    }

    @Test func refusesANewerSchemaUntouched() throws {
        let replica = try makeReplica()
        let path = replica.path
        try replica.close()
        try Replica.sqlExecute(path: path, "PRAGMA user_version = 99")
        try expectRefused(path) { error in
            if case .newerSchema(_, let found, let supported) = error {
                return found == 99 && supported == Replica.schemaVersion
            }
            return false
        }
    }
}
