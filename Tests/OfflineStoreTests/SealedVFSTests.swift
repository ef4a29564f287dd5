import Foundation
import GRDBSQLite
import Testing

@testable import OfflineStore

/// The sealing VFS below SQLite: reads of any shape, the log, rollback journals, temporary
/// storage, and plain files beside sealed ones.
@Suite struct SealedVFSTests {
    /// A registered (sealed) database at a fresh path, laid out for sealing, with a table of
    /// `rows` rows of 600 bytes each; its raw connection in WAL mode without automatic
    /// checkpoints. The caller unregisters `fullPath`.
    private static func sealedDatabase(rows: Int) throws -> (
        RawConnection, path: String, fullPath: String, key: ReplicaKey
    ) {
        let path = try temporaryDirectory().appendingPathComponent("raw.sqlite").path
        let key = ReplicaKey.random()
        let fullPath = try SealedFiles.register(databasePath: path, key: key)
        let connection = try RawConnection(path)
        var reserve = Int32(SealedPage.reserved)
        sqlite3_file_control(connection.db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        #expect(connection.text("PRAGMA journal_mode = WAL") == "wal")
        sqlite3_wal_autocheckpoint(connection.db, 0)
        #expect(connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)") == SQLITE_OK)
        #expect(connection.execute("BEGIN") == SQLITE_OK)
        for id in 0..<rows {
            connection.execute("INSERT INTO t VALUES (\(id), 'Zeile \(id) ' || printf('%.590c', 'x'))")
        }
        #expect(connection.execute("COMMIT") == SQLITE_OK)
        return (connection, path, fullPath, key)
    }

    @Test func readsOfAnyShapeReturnThePlaintextSlice() throws {
        let (connection, _, fullPath, _) = try Self.sealedDatabase(rows: 40)
        defer { SealedFiles.unregister(fullPath: fullPath) }
        #expect(connection.text("PRAGMA wal_checkpoint(TRUNCATE)") == "0")
        let file = try #require(connection.file())
        let (rc1, page1) = RawConnection.read(file, count: SealedPage.size, at: 0)
        let (rc2, page2) = RawConnection.read(file, count: SealedPage.size, at: Int64(SealedPage.size))
        #expect(rc1 == SQLITE_OK && rc2 == SQLITE_OK)
        #expect(Array(page1.prefix(16)) == Array("SQLite format 3\u{0}".utf8))
        #expect(page1[20] == 28 && page1.suffix(28).allSatisfy { $0 == 0 })
        // The 100-byte header, a few bytes inside a page, and a read across two pages.
        #expect(RawConnection.read(file, count: 100, at: 0) == (SQLITE_OK, Array(page1.prefix(100))))
        #expect(RawConnection.read(file, count: 7, at: 1_000) == (SQLITE_OK, Array(page1[1_000..<1_007])))
        let across = RawConnection.read(file, count: 40, at: Int64(SealedPage.size - 20))
        #expect(across == (SQLITE_OK, Array(page1.suffix(20) + page2.prefix(20))))
        // Past the end: zeros and a short read, as from the base VFS.
        var size: sqlite3_int64 = 0
        _ = file.pointee.pMethods.pointee.xFileSize?(file, &size)
        let beyond = RawConnection.read(file, count: 300, at: size + 10)
        #expect(beyond.0 == IOCode.shortRead && beyond.1.allSatisfy { $0 == 0 })
    }

    @Test func theLogIsSealedAndReadFrameByFrameOrPartByPart() throws {
        let (connection, path, fullPath, key) = try Self.sealedDatabase(rows: 30)
        defer { SealedFiles.unregister(fullPath: fullPath) }
        let log = try #require(connection.file(log: true))
        let frame = Int(LogUnit.frameCount)
        let second = Int64(LogUnit.logHeaderCount) + Int64(frame)
        let whole = RawConnection.read(log, count: frame, at: second)
        let header = RawConnection.read(log, count: 24, at: second)
        let page = RawConnection.read(log, count: SealedPage.size, at: second + 24)
        let checksum = RawConnection.read(log, count: 8, at: second + 16)
        #expect(
            whole.0 == SQLITE_OK && header.0 == SQLITE_OK && page.0 == SQLITE_OK && checksum.0 == SQLITE_OK)
        #expect(Array(whole.1.prefix(24)) == header.1)
        #expect(Array(whole.1.suffix(SealedPage.size)) == page.1)
        #expect(Array(header.1.suffix(8)) == checksum.1)
        // On disk the page is not the plaintext, and the checksum is masked.
        let stored = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        let storedFrame = Array(stored[Int(second)..<Int(second) + frame])
        #expect(Array(storedFrame.prefix(16)) == Array(header.1.prefix(16)))
        #expect(Array(storedFrame[16..<24]) != checksum.1)
        #expect(Array(storedFrame.suffix(SealedPage.size)) != page.1)
        #expect(occurrences(of: Data("Zeile 7 ".utf8), in: stored) == 0)
        // SQLite itself reads it all back.
        #expect(connection.text("SELECT count(*) FROM t WHERE text LIKE 'Zeile %'") == "30")
        #expect(SealingKeys(key).fileID == Array(key.fileID))
    }

    @Test func aTornLastFrameEndsTheLogAfterACrashButAChangedPageInTheLogIsRefused() throws {
        let (connection, path, fullPath, key) = try Self.sealedDatabase(rows: 5)
        defer { SealedFiles.unregister(fullPath: fullPath) }
        #expect(connection.execute("INSERT INTO t VALUES (1000, 'die letzte Zeile')") == SQLITE_OK)
        // A copy of the files as a crash would leave them (the log not checkpointed).
        let crashed = folder(of: path) + "/crashed.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: crashed)
        var log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        let frames = (log.count - Int(LogUnit.logHeaderCount)) / Int(LogUnit.frameCount)
        let lastPage = Int(LogUnit.logHeaderCount) + (frames - 1) * Int(LogUnit.frameCount) + 24
        log.replaceSubrange(lastPage..<lastPage + 2_000, with: Data(count: 2_000))  // torn
        try log.write(to: URL(fileURLWithPath: crashed + "-wal"))
        let crashedFull = try SealedFiles.register(databasePath: crashed, key: key)
        defer { SealedFiles.unregister(fullPath: crashedFull) }
        let recovered = try RawConnection(crashed)
        #expect(
            recovered.text("SELECT count(*) FROM t") == "5", "the torn transaction is dropped, the rest kept")
        #expect(recovered.text("PRAGMA integrity_check") == "ok")

        // A page of the log changed while the log is in use (its index in shared memory) is refused.
        var live = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        let firstPage = Int(LogUnit.logHeaderCount) + 24
        for offset in stride(from: firstPage, to: live.count, by: Int(LogUnit.frameCount)) {
            live[offset + 100] ^= 0xFF
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "-wal"))
        try handle.write(contentsOf: live)
        try handle.close()
        let fresh = try RawConnection(path)
        #expect(fresh.text("SELECT count(*) FROM t") == nil)
        #expect(fresh.lastError == IOCode.data)
    }

    @Test func aRollbackJournalNeverReceivesAPage() throws {
        // A sealed database in rollback mode: creating its first table needs no page in the
        // journal; changing a page that exists would put the old page there, and is refused.
        let path = try temporaryDirectory().appendingPathComponent("journal.sqlite").path
        let fullPath = try SealedFiles.register(databasePath: path, key: ReplicaKey.random())
        defer { SealedFiles.unregister(fullPath: fullPath) }
        let connection = try RawConnection(path)
        var reserve = Int32(SealedPage.reserved)
        sqlite3_file_control(connection.db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        #expect(connection.text("PRAGMA journal_mode") == "delete")
        let create = "BEGIN; CREATE TABLE t (text TEXT); INSERT INTO t VALUES ('Frau Obermaier'); COMMIT"
        #expect(connection.execute(create) == SQLITE_OK)
        #expect(connection.execute("INSERT INTO t VALUES ('Herr Untermaier')") == IOCode.write)
        #expect(connection.text("SELECT group_concat(text) FROM t") == "Frau Obermaier")
        for (_, bytes) in try folderContents(folder(of: path)) {
            #expect(occurrences(of: Data("maier".utf8), in: bytes) == 0)
        }
    }

    @Test func aFirstPageWithoutRoomForNonceAndTagIsNeverWrittenNorOpened() throws {
        // Without 28 reserved bytes SQLite would store data where the nonce and tag go.
        let path = try temporaryDirectory().appendingPathComponent("tight.sqlite").path
        let key = ReplicaKey.random()
        let fullPath = try SealedFiles.register(databasePath: path, key: key)
        let connection = try RawConnection(path)
        #expect(connection.execute("CREATE TABLE t (x)") == IOCode.write)
        SealedFiles.unregister(fullPath: fullPath)
        #expect((try? Data(contentsOf: URL(fileURLWithPath: path)))?.isEmpty ?? true)

        // A sealed first page that declares no reserved bytes is refused before SQLite reads it.
        let plainPath = try makeReplica().path
        var page = try Array(Data(contentsOf: URL(fileURLWithPath: plainPath)).prefix(SealedPage.size))
        #expect(page[20] == 0)
        var sealed = [UInt8](repeating: 0, count: SealedPage.size)
        try page.withUnsafeMutableBytes { plain in
            try sealed.withUnsafeMutableBytes {
                try SealingKeys(key).seal(UnsafeRawBufferPointer(plain), into: $0, kind: .database, offset: 0)
            }
        }
        page = sealed
        let forged = try temporaryDirectory().appendingPathComponent("forged.sqlite").path
        try Data(page).write(to: URL(fileURLWithPath: forged))
        #expect(
            throws: ReplicaError.sealed(.layout(path: forged, detail: "page size 4096, reserved bytes 0"))
        ) {
            _ = try Replica.open(path: forged, key: key)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: forged)) == Data(sealed))
    }

    @Test func sealedConnectionsKeepTemporaryStorageInMemoryPlainOnesAreLeftAlone() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        let replica = try Replica.open(path: path, services: testServices, key: keyFile.key)
        defer { try? replica.close() }
        #expect(try replica.sqlInteger("PRAGMA temp_store") == 2)
        #expect(try RawConnection(path).text("PRAGMA temp_store") == "2")
        let plain = try temporaryDirectory().appendingPathComponent("plain.sqlite").path
        #expect(try RawConnection(plain).text("PRAGMA temp_store") == "0")
    }

    @Test func aPlainDatabaseBesideASealedOneIsPlainAndUntouched() throws {
        let (path, keyFile) = try makeSealedKeyFile()
        let sealed = try Replica.open(path: path, services: testServices, key: keyFile.key)
        defer { try? sealed.close() }
        let person = citizen("Kreszenz", "Hintermaier")
        try sealed.applyCentralChanges(
            [centralCase(number: "UMZ-2026-5550001", citizen: person)], citizens: [person], cursor: 1)

        let plainReplica = try makeReplica()
        let other = citizen("Korbinian", "Vordermaier")
        try plainReplica.applyCentralChanges(
            [centralCase(number: "UMZ-2026-5550002", citizen: other)], citizens: [other], cursor: 1)
        #expect(try plainReplica.search("Vordermaier").map(\.number) == ["UMZ-2026-5550002"])
        let plainStore = try RawConnection(folder(of: plainReplica.path) + "/store.sqlite")
        #expect(
            plainStore.execute(
                "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('Vordermaier, Korbinian')")
                == SQLITE_OK)
        #expect(plainStore.text("SELECT text FROM note") == "Vordermaier, Korbinian")
        // Plain files use the base VFS's own methods and hold plaintext.
        let sealedMethods = try #require(SealingVFS.shared).methods
        #expect(try #require(plainStore.file()).pointee.pMethods != UnsafePointer(sealedMethods))
        try plainReplica.checkpoint()
        let plainFiles = try folderContents(folder(of: plainReplica.path))
        #expect(plainFiles.values.contains { occurrences(of: Data("Vordermaier".utf8), in: $0) > 0 })
        #expect(SealedRegistration.hasPlainHeader(plainReplica.path))
        try plainReplica.close()

        #expect(try sealed.search("Hintermaier").map(\.number) == ["UMZ-2026-5550001"])
        let sealedConnection = try RawConnection(path)
        #expect(try #require(sealedConnection.file()).pointee.pMethods == UnsafePointer(sealedMethods))
    }
}
