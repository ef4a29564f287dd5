import CaseModel
import Foundation
import Testing

@testable import OfflineStore

/// A disk without space (SQLite's `max_page_count` caps the file): said as full, never as damage.
@Suite struct DiskFullTests {
    @Test func aWriteOnAFullDiskFailsAsDiskFullWritesNothingAndGoesThroughOnceThereIsSpace() throws {
        let replica = try makeReplica()
        defer { try? replica.close() }
        let pulled = centralCase(number: "UMM-2026-0000001", citizen: citizen("Anna", "Obermaier"))
        try replica.applyCentralChanges([pulled], cursor: 1)
        let pages = try replica.limitPages(1)
        #expect(pages == (try replica.pageCounts().pages), "the cap cannot go below the file's size")

        // Notes that need pages of their own, until the file is full.
        let long = String(repeating: "Der Bürger bringt die Unterlagen morgen vorbei. ", count: 120)
        var full: CaseModel.Operation?
        for n in 0..<50 {
            let note = operation(pulled.id, .addComment(text: "\(n) \(long)"))
            do {
                try replica.record(note)
            } catch let error as ReplicaError {
                #expect(error == .diskFull(path: replica.path))
                full = note
                break
            }
        }
        let refused = try #require(full, "the file never filled up")
        let pending = try replica.pendingCount()
        #expect(!(try replica.pendingOperations(limit: 100).contains { $0.id == refused.id }))
        #expect(replica.damage == nil, "a full disk is not damage")
        #expect(try replica.integrityCheck() == ["ok"])
        let message = ReplicaError.diskFull(path: replica.path).message
        #expect(
            message.de.contains("Speicher") && message.de.contains("voll")
                && !message.de.contains("beschädigt"))
        #expect(message.en.contains("full"))

        // Space again: the very same operation goes through.
        try replica.limitPages(nil)
        try replica.record(refused)
        #expect(try replica.pendingCount() == pending + 1)
    }

    @Test func startingOnAFullDiskSaysTheDiskIsFullNotDamaged() throws {
        let path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
        // A new replica's schema needs more pages than the disk has left.
        #expect {
            _ = try Replica.open(path: path, rules: ReplicaRules(services: testServices), pageLimit: 3)
        } throws: { error in
            guard let error = error as? ReplicaError, case .diskFull(let file) = error else { return false }
            return file == path && !error.message.de.contains("beschädigt")
                && error.message.de.contains("voll")
        }
        #expect(!FileManager.default.fileExists(atPath: path), "no half-made file is left behind")
        // With space, the same path opens and is migrated.
        let replica = try Replica.open(path: path, services: testServices)
        defer { try? replica.close() }
        #expect(try replica.integrityCheck() == ["ok"])
        #expect(try replica.pendingCount() == 0)
    }
}
