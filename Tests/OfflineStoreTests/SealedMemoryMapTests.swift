import Foundation
import GRDBSQLite
import Testing

@testable import OfflineStore

/// Memory-mapped I/O never reaches a sealed file: its methods have no `xFetch`, so a connection
/// that asks for a map still reads every page through the VFS (a mapped page would be ciphertext).
@Suite struct SealedMemoryMapTests {
    @Test func aConnectionAskingForAMapReadsThePlaintextPages() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        try seed(
            replicaPath: path, cases: 120, seed: 4, services: testServices, now: fixedNow, key: keyFile.key)
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        defer { try? replica.close() }
        let expected = try replica.count(QueueFilter(openOnly: false))

        let connection = try RawConnection(path, flags: SQLITE_OPEN_READONLY)
        #expect(connection.execute("PRAGMA mmap_size = 268435456") == SQLITE_OK)
        let file = try #require(connection.file())
        #expect(file.pointee.pMethods.pointee.iVersion < 3)
        #expect(connection.text("SELECT count(*) FROM case_queue") == "\(expected)")
        #expect(connection.text("PRAGMA integrity_check") == "ok")
        #expect(connection.text("SELECT count(*) FROM case_search WHERE case_search MATCH 'M*'") != nil)
    }
}
