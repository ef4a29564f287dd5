import CaseModel
import DemoData
import Foundation
import Synchronization
import Testing

@testable import OfflineStore

/// A replica whose file has a damaged page: found, refused for writes, rescued, rebuilt.
@Suite struct DamagedReplicaTests {
    /// A replica file with pulled demo cases, three pending operations (a note, a claim, a new case
    /// with its citizen) and a draft; closed after a checkpoint, so every page is in the file.
    struct Damaged {
        let path: String
        let cases: [Case]
        let pending: [CaseModel.Operation]
        let newCaseID: UUID
        let draftJSON = #"{"hundename":"Wastl"}"#

        init(cases count: Int = 300) throws {
            path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
            let replica = try Replica.open(path: path, services: testServices)
            let demo = Array(DemoCaseGenerator(services: testServices, count: count, seed: 3, now: fixedNow))
            cases = demo.map(\.caseValue)
            try replica.applyCentralChanges(cases, citizens: demo.map(\.citizen), cursor: 41)
            newCaseID = UUID()
            let new = NewCase(
                number: "UMM-2026-00000001", serviceID: "ummeldung", formVersion: 3,
                orgUnit: "kvr-buergerbuero",
                channel: .counter, initialState: "eingegangen", citizen: citizen("Zenta", "Oberhuber"),
                fields: [:], receivedAt: fixedNow, enteredBy: "m.huber")
            let first = cases[0]
            try replica.record([
                operation(first.id, .addComment(text: "Unterlagen am Schalter abgegeben")),
                operation(first.id, .claim(until: fixedNow.addingTimeInterval(3600))),
                CaseModel.Operation(
                    caseID: newCaseID, baseVersion: 0, clerk: "m.huber", device: "test", timestamp: fixedNow,
                    kind: .createCase(new)),
            ])
            pending = try replica.pendingOperations()
            try replica.saveDraft(key: "case-\(first.id.uuidString)", json: draftJSON)
            try replica.checkpoint()
            try replica.close()
        }

        /// Flips 64 bytes at the start of a b-tree page of `table` (its header and cell pointers):
        /// the root page, or with `leaf` the last leaf page (from `dbstat`).
        func damage(_ table: String, leaf: Bool = false) throws {
            try PageDamage.flip64(path: path, table: table, leaf: leaf)
        }
    }

    @Test func aDamagedCaseTablePageOpensButTheCheckFindsItAndTheReplicaTakesNoMoreWrites() throws {
        let file = try Damaged()
        try file.damage("case_central")
        let replica = try Replica.open(path: file.path, services: testServices)
        defer { try? replica.close() }
        #expect(replica.damage == nil, "the header is sound, so the file opens")
        let told = Mutex<[ReplicaDamage]>([])
        replica.whenDamaged { damage in told.withLock { $0.append(damage) } }

        let found = try #require(try replica.checkForDamage())
        #expect(replica.damage == found)
        #expect(told.withLock { $0 } == [found])
        #expect(!found.detail.isEmpty)

        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
        let note = operation(file.cases[1].id, .addComment(text: "Rückruf vereinbart"))
        #expect {
            try replica.record(note)
        } throws: { error in
            guard case .damaged(let path, _) = error as? ReplicaError else { return false }
            let message = (error as? ReplicaError)?.message
            return path == file.path && message?.de.contains("beschädigt") == true
                && message?.en.contains("damaged") == true
        }
        #expect(throws: ReplicaError.self) { try replica.saveDraft(key: "new-1", json: "{}") }
        #expect(throws: ReplicaError.self) { try replica.applyCentralChanges([], cursor: 99) }
        // Nothing reached the file; what can be read still is.
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before)
        #expect(try replica.pendingOperations().map(\.id) == file.pending.map(\.id))
        #expect(told.withLock { $0.count } == 1, "damage is told once")
    }

    @Test func anyCallThatMeetsTheDamagedPageMarksTheReplicaDamaged() throws {
        let file = try Damaged()
        try file.damage("case_central")
        let replica = try Replica.open(path: file.path, services: testServices)
        defer { try? replica.close() }
        let told = Mutex(0)
        replica.whenDamaged { _ in told.withLock { $0 += 1 } }

        // Opening a case reads the damaged table (through the case reader's own connection).
        #expect {
            _ = try replica.visibleCase(id: file.cases[0].id)
        } throws: { error in
            if case .damaged = error as? ReplicaError { return true }
            return false
        }
        #expect(replica.damage != nil)
        #expect(told.withLock { $0 } == 1)
        // A read through the pool meets it too, and is said the same way; still told once.
        #expect(throws: ReplicaError.self) { _ = try replica.centralCase(id: file.cases[0].id) }
        #expect(told.withLock { $0 } == 1)
        #expect(throws: ReplicaError.self) { try replica.record(operation(file.cases[2].id, .release)) }
    }

    @Test func theRescueHoldsTheOutboxInOrderAndTheDraftsInAFileOnlyTheClerkCanRead() throws {
        let file = try Damaged()
        try file.damage("case_central")
        let replica = try Replica.open(path: file.path, services: testServices)
        defer { try? replica.close() }
        try replica.checkForDamage()
        let onScreen = ReplicaRescue.Draft(
            key: "new-abc", json: #"{"hundename":"Bello"}"#, updatedAt: fixedNow)
        let waited = operation(file.cases[3].id, .addComment(text: "Wartete auf Speicherplatz"))

        let saved = try replica.saveRescue(openDrafts: [onScreen], unsaved: [waited], at: fixedNow)

        let url = URL(fileURLWithPath: saved.path)
        #expect(
            url.deletingLastPathComponent().path
                == URL(fileURLWithPath: file.path).deletingLastPathComponent().path)
        #expect(url.lastPathComponent == "replica.sqlite.rescue-20260528T202640Z.json")
        let mode = try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let read = try ReplicaRescue.read(path: saved.path)
        #expect(read == saved.rescue)
        #expect(read.operations == file.pending + [waited])
        #expect(read.drafts.map(\.key) == ["case-\(file.cases[0].id.uuidString)", "new-abc"])
        #expect(read.drafts.first?.json == file.draftJSON)
        #expect(read.lostOperations == 0 && read.unreadableOperations.isEmpty)
        #expect(read.damage == replica.damage?.detail)
        #expect(read.replica == file.path)

        // A second rescue in the same second gets a file of its own.
        let again = try replica.saveRescue(at: fixedNow)
        #expect(again.path != saved.path)
        #expect(FileManager.default.fileExists(atPath: saved.path))
    }

    @Test func theRescueReadsPastADamagedPageOfTheOutbox() throws {
        let path = try temporaryDirectory().appendingPathComponent("replica.sqlite").path
        let replica = try Replica.open(path: path, services: testServices)
        let pulled = centralCase(number: "UMM-2026-0000007", citizen: nil)
        try replica.applyCentralChanges([pulled], cursor: 1)
        let text = String(repeating: "Vermerk zur Akte, Seite um Seite. ", count: 18)
        for n in 0..<300 { try replica.record(operation(pulled.id, .addComment(text: "\(n): \(text)"))) }
        let pending = try replica.pendingOperations(limit: 1000)
        try replica.checkpoint()
        try replica.close()
        try PageDamage.flip64(path: path, table: "outbox", leaf: true, middle: true)

        let damaged = try Replica.open(path: path, services: testServices)
        defer { try? damaged.close() }
        #expect(try damaged.checkForDamage() != nil)
        let rescue = try damaged.saveRescue(at: fixedNow).rescue

        // Every row is known from the indexes; those on the damaged page are counted as lost, the
        // others come back whole and in order.
        #expect(rescue.lostOperations > 0)
        #expect(rescue.operations.count + rescue.lostOperations == 300)
        #expect(rescue.operations.count >= 250)
        let order = Dictionary(uniqueKeysWithValues: pending.enumerated().map { ($1.id, $0) })
        let positions = rescue.operations.compactMap { order[$0.id] }
        #expect(positions.count == rescue.operations.count)
        #expect(positions == positions.sorted())
        #expect(rescue.operations.allSatisfy { pending.contains($0) })
        #expect(!rescue.problems.isEmpty)
    }

    @Test func theRebuildKeepsTheDamagedFileAsItWasAndRequeuesTheRescuedOperations() throws {
        let file = try Damaged()
        try file.damage("case_central")
        let replica = try Replica.open(path: file.path, services: testServices)
        defer { try? replica.close() }
        // A write before the damage is found: it sits in the log.
        try replica.saveDraft(key: "vorher", json: "{}")
        try replica.checkForDamage()
        let rescue = try replica.saveRescue(at: fixedNow).rescue
        #expect(rescue.drafts.map(\.key).contains("vorher"))
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))

        let rebuilt = try replica.rebuild(restoring: rescue, by: "m.huber", at: fixedNow)

        // The damaged file and its log are kept as they were: closing wrote nothing into the file
        // and did not delete the log.
        #expect(rebuilt.damagedFile == file.path + ".damaged-20260528T202640Z")
        #expect(try Data(contentsOf: URL(fileURLWithPath: rebuilt.damagedFile)) == before)
        #expect(FileManager.default.fileExists(atPath: rebuilt.damagedFile + "-wal"))
        #expect(rebuilt.requeued == 3 && rebuilt.drafts == 2)
        #expect(replica.damage == nil)
        #expect(try replica.integrityCheck() == ["ok"])
        // The operations wait in the fresh outbox in their order; the new case is visible at once,
        // the pulled ones come with the next pull (its cursor starts again at 0).
        #expect(try replica.pendingOperations().map(\.id) == file.pending.map(\.id))
        #expect(try replica.syncState().cursor == 0)
        #expect(try replica.visibleCase(id: file.newCaseID)?.number == "UMM-2026-00000001")
        #expect(try replica.visibleCase(id: file.cases[0].id) == nil)
        #expect(try replica.draft(key: "case-\(file.cases[0].id.uuidString)") == file.draftJSON)
        #expect(try replica.auditEntries().map(\.action) == ["replica_rebuilt"])

        // A pull that began before the rebuild is refused; the next one starts from 0, and the
        // rescued note and claim go on top of the case it brings.
        #expect {
            try replica.applyCentralChanges([file.cases[0]], cursor: 50, after: 41)
        } throws: { error in
            if case .pullOutOfStep(41, 0) = error as? ReplicaError { return true }
            return false
        }
        try replica.applyCentralChanges([file.cases[0]], cursor: 50, after: 0)
        let visible = try #require(try replica.visibleCase(id: file.cases[0].id))
        #expect(visible.comments.map(\.text).contains("Unterlagen am Schalter abgegeben"))
        #expect(visible.claim?.clerk == "m.huber")
        // And it takes writes again.
        try replica.record(operation(file.cases[0].id, .addComment(text: "Nach dem Neuaufbau")))
        #expect(try replica.pendingCount() == 4)
    }
}

/// Damaging a replica file on purpose.
enum PageDamage {
    /// Flips (inverts) 64 bytes at the start of a b-tree page of `table`: its page header and
    /// cell pointers, which SQLite then refuses to read. The page is the table's root, or with
    /// `leaf` its last leaf page (the middle one with `middle`), found through `dbstat`.
    static func flip64(path: String, table: String, leaf: Bool = false, middle: Bool = false) throws {
        let replica = try Replica.open(path: path)
        let pageSize = try replica.sqlInteger("PRAGMA page_size")
        let page: Int
        if leaf {
            let leaves = try replica.sqlStrings(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path", [table]
            ).compactMap { Int($0) }
            page = try #require(middle ? leaves[leaves.count / 2] : leaves.last)
        } else {
            page = try replica.sqlInteger("SELECT rootpage FROM sqlite_master WHERE name = ?", [table])
        }
        try replica.checkpoint()
        try replica.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let offset = UInt64((page - 1) * pageSize)
        try handle.seek(toOffset: offset)
        let bytes = try handle.read(upToCount: 64) ?? Data()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(bytes.map { ~$0 }))
    }
}
