import Foundation
import Testing

@testable import OfflineStore

/// A changed, moved or foreign page is refused when it is read — never returned, never repaired.
@Suite struct SealedTamperTests {
    private static let pageSize = SealedPage.size

    /// A closed sealed replica with demo data (its log checkpointed away), its key, and the
    /// number of a page that holds case rows.
    private static func closedReplica(seed seedValue: UInt64 = 21) throws -> (
        path: String, key: ReplicaKey, casePage: Int
    ) {
        let (path, keyFile) = try makeSealedKeyFile()
        try seed(
            replicaPath: path, cases: 200, seed: seedValue, services: testServices, now: fixedNow,
            key: keyFile.key)
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        // A leaf page of the cases' central state: reading every case reads it.
        let page = try replica.sqlInteger(
            "SELECT pageno FROM dbstat WHERE name = 'case_central' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3"
        )
        try replica.close()
        return (path, keyFile.key, page)
    }

    private static func pageRange(_ page: Int) -> Range<Int> { (page - 1) * pageSize..<page * pageSize }
}

extension Data {
    /// The bytes in `range`, cut to the data's end (empty past it).
    fileprivate func clamped(_ range: Range<Int>) -> Data {
        let lower = Swift.min(range.lowerBound, count)
        return self[(startIndex + lower)..<(startIndex + Swift.min(range.upperBound, count))]
    }
}

extension SealedTamperTests {

    /// The pages an open and a close change in an intact copy of the replica at `path`: opening
    /// any replica writes its log (GRDB creates and drops a table so that the log is never
    /// empty) and closing copies the log into the file.
    private static func pagesAnOpenWrites(path: String, key: ReplicaKey) throws -> Set<Int> {
        let copy = folder(of: path) + "/control.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        try Replica.open(path: copy, services: testServices, key: key).close()
        return changedPages(before, try Data(contentsOf: URL(fileURLWithPath: copy)))
    }

    private static func changedPages(_ a: Data, _ b: Data) -> Set<Int> {
        let pages = (max(a.count, b.count) + pageSize - 1) / pageSize
        return Set(
            (1...pages).filter { page in
                let range = pageRange(page)
                return a.clamped(range) != b.clamped(range)
            })
    }

    private static func isRefusal(_ error: any Error, path: String) -> Bool {
        guard let error = error as? ReplicaError, case .sealed(.pageRefused(let refused)) = error else {
            return false
        }
        #expect(error.message.de.contains("verändert") && error.message.en.contains("changed"))
        return refused == path
    }

    /// Opens the tampered replica and reads every case and every page: each read is refused with
    /// `pageRefused`. Closing writes nothing but what an open and a close write in an intact copy
    /// (`control`); the changed pages stay exactly as the tamperer left them, and the replica
    /// refuses them again when it is opened again.
    private static func expectRefused(
        path: String, key: ReplicaKey, tamperedPages: Set<Int>, control: Set<Int>
    )
        throws
    {
        #expect(
            control.isDisjoint(with: tamperedPages), "the test must tamper with pages an open leaves alone")
        let tampered = try Data(contentsOf: URL(fileURLWithPath: path))
        let replica = try Replica.open(path: path, services: testServices, key: key)
        #expect {
            _ = try replica.integrityCheck()
        } throws: { isRefusal($0, path: path) }
        let ids = try replica.sqlStrings("SELECT case_id FROM case_queue").compactMap(UUID.init(uuidString:))
        #expect(ids.count == 200)
        #expect {
            for id in ids { _ = try replica.visibleCase(id: id) }
        } throws: { isRefusal($0, path: path) }
        #expect {
            _ = try replica.sqlStrings("SELECT hex(body) FROM case_central")
        } throws: { isRefusal($0, path: path) }
        try replica.close()
        let written = changedPages(tampered, try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.isSubset(of: control), "pages \(written.subtracting(control)) were written")
        #expect(written.isDisjoint(with: tamperedPages))
        let again = try Replica.open(path: path, services: testServices, key: key)
        defer { try? again.close() }
        #expect {
            _ = try again.integrityCheck()
        } throws: { isRefusal($0, path: path) }
    }

    @Test func aFlippedByteIsRefused() throws {
        let (path, key, page) = try Self.closedReplica()
        let control = try Self.pagesAnOpenWrites(path: path, key: key)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[Self.pageRange(page).lowerBound + 1_000] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path: path, key: key, tamperedPages: [page], control: control)
    }

    @Test func twoSwappedPagesAreRefused() throws {
        let (path, key, page) = try Self.closedReplica()
        let control = try Self.pagesAnOpenWrites(path: path, key: key)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let other = page + 1
        let first = bytes[Self.pageRange(page)]
        bytes.replaceSubrange(Self.pageRange(page), with: bytes[Self.pageRange(other)])
        bytes.replaceSubrange(Self.pageRange(other), with: first)
        try bytes.write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path: path, key: key, tamperedPages: [page, other], control: control)
    }

    @Test func aPageFromAnotherReplicaWithTheSamePasswordIsRefused() throws {
        // The same demo data with the same password: the page's plaintext is very likely the
        // same; only the key and file id differ.
        let (path, key, page) = try Self.closedReplica()
        let (foreign, _, _) = try Self.closedReplica()
        let control = try Self.pagesAnOpenWrites(path: path, key: key)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let foreignBytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        #expect(bytes[Self.pageRange(page)] != foreignBytes[Self.pageRange(page)])
        bytes.replaceSubrange(Self.pageRange(page), with: foreignBytes[Self.pageRange(page)])
        try bytes.write(to: URL(fileURLWithPath: path))
        try Self.expectRefused(path: path, key: key, tamperedPages: [page], control: control)
    }

    @Test func aChangedFirstPageRefusesTheOpenAndTouchesNothing() throws {
        let (path, key, _) = try Self.closedReplica()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[40] ^= 0x80
        try bytes.write(to: URL(fileURLWithPath: path))
        let before = try folderContents(folder(of: path))
        #expect(throws: ReplicaError.sealed(.pageRefused(path: path))) {
            _ = try Replica.open(path: path, services: testServices, key: key)
        }
        #expect(try folderContents(folder(of: path)) == before)
    }

    @Test func theKeyOfAnotherReplicaRefusesTheOpenAndTouchesNothing() throws {
        let (path, _, _) = try Self.closedReplica()
        let (_, otherKey, _) = try Self.closedReplica()
        let before = try folderContents(folder(of: path))
        #expect(throws: ReplicaError.sealed(.pageRefused(path: path))) {
            _ = try Replica.open(path: path, services: testServices, key: otherKey)
        }
        #expect(try folderContents(folder(of: path)) == before)
    }
}
