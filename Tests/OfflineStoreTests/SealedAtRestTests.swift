import CaseModel
import Foundation
import Testing

@testable import OfflineStore

/// No citizen's name or birth date is in any file of a sealed replica's folder — the database,
/// its log, its shared memory, the key file — while it is open with changes in its log, and after
/// it is closed. The same search on a plain replica finds them all, so the search can fail.
@Suite struct SealedAtRestTests {
    /// Family names (at least 6 bytes, so that random ciphertext cannot match by chance) and
    /// birth dates as the replica stores them (UTF-8 text).
    private static func needles(_ replica: Replica) throws -> [String] {
        let names = try replica.sqlStrings("SELECT DISTINCT family_name FROM citizen").filter {
            $0.utf8.count >= 6
        }
        let dates = try replica.sqlStrings("SELECT DISTINCT date_of_birth FROM citizen")
        return names + dates
    }

    /// A replica (sealed or not) with demo data, open, with a pulled citizen and a local edit in
    /// its log (not yet checkpointed); the needles to look for.
    private static func replicaWithLog(sealed: Bool) throws -> (Replica, [String], ReplicaKey?) {
        let path: String
        let key: ReplicaKey?
        if sealed {
            let made = try makeSealedKeyFile()
            (path, key) = (made.path, made.keyFile.key)
        } else {
            (path, key) = (try temporaryDirectory().appendingPathComponent("plain.sqlite").path, nil)
        }
        try seed(replicaPath: path, cases: 150, seed: 3, services: testServices, now: fixedNow, key: key)
        let replica = try Replica.open(path: path, services: testServices, key: key)
        let late = Citizen(
            id: UUID(), name: PersonName(given: "Ottilie", family: "Zwiebelhuber"),
            dateOfBirth: LocalDate(year: 1937, month: 11, day: 23) ?? LocalDate(dayNumber: 0),
            address: PostalAddress(
                street: "Reichenbachstraße", houseNumber: "7", postcode: "80469", city: "München"))
        let pulled = centralCase(number: "UMZ-2026-7777777", citizen: late)
        try replica.applyCentralChanges([pulled], citizens: [late], cursor: 2)
        try replica.record(operation(pulled.id, .addComment(text: "Frau Zwiebelhuber ruft zurück")))
        let needles = try needles(replica) + ["Zwiebelhuber", "1937-11-23"]
        return (replica, needles, key)
    }

    /// Hits of every needle in every file of `folder`.
    private static func hits(_ needles: [String], in folder: String) throws -> [String: Int] {
        let files = try folderContents(folder)
        var hits: [String: Int] = [:]
        for needle in needles {
            hits[needle] = files.values.reduce(0) { $0 + occurrences(of: Data(needle.utf8), in: $1) }
        }
        return hits
    }

    @Test func aPlainReplicaShowsNamesAndBirthDatesSoTheSearchWorks() throws {
        let (replica, needles, _) = try Self.replicaWithLog(sealed: false)
        let files = try folderContents(folder(of: replica.path))
        #expect(occurrences(of: Data("Zwiebelhuber".utf8), in: files["plain.sqlite-wal"] ?? Data()) > 0)
        let open = try Self.hits(needles, in: folder(of: replica.path))
        #expect(open.filter { $0.value == 0 }.isEmpty, "not found: \(open.filter { $0.value == 0 }.keys)")
        try replica.close()
        let closed = try Self.hits(needles, in: folder(of: replica.path))
        #expect(closed.filter { $0.value == 0 }.isEmpty)
    }

    @Test func aSealedReplicaShowsNoNameNoBirthDateAndNoKey() throws {
        let (replica, needles, key) = try Self.replicaWithLog(sealed: true)
        let folderPath = folder(of: replica.path)
        let files = try folderContents(folderPath)
        #expect(
            Set(files.keys).isSuperset(of: [
                "sealed.sqlite", "sealed.sqlite-wal", "sealed.sqlite-shm", "sealed.sqlite.key",
            ]))
        #expect(
            (files["sealed.sqlite-wal"]?.count ?? 0) > 32,
            "the log must hold frames for the test to mean anything")
        #expect(needles.count > 100)
        let open = try Self.hits(needles, in: folderPath)
        #expect(open.filter { $0.value > 0 }.isEmpty, "found: \(open.filter { $0.value > 0 })")
        let dataKey = try #require(key).dataKey.withUnsafeBytes { Data($0) }
        #expect(
            files.values.allSatisfy { occurrences(of: dataKey, in: $0) == 0 }, "the data key is in a file")
        try replica.close()
        let closed = try Self.hits(needles, in: folderPath)
        #expect(closed.filter { $0.value > 0 }.isEmpty, "found: \(closed.filter { $0.value > 0 })")
    }

    @Test func aSealedReplicasFolderAndFilesAreTheOwnersOnly() throws {
        let (replica, _, _) = try Self.replicaWithLog(sealed: true)
        defer { try? replica.close() }
        let folderPath = folder(of: replica.path)
        func mode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(folderPath) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: folderPath) {
            #expect(try mode(folderPath + "/" + name) == 0o600, "\(name)")
        }
    }
}
