import DemoData
import Foundation
import Testing

@testable import OfflineStore

@Suite struct SeedTests {
    private func bodies(_ path: String) throws -> [String] {
        let replica = try Replica.open(path: path, services: testServices)
        defer { try? replica.close() }
        return try replica.sqlStrings("SELECT hex(body) FROM case_central ORDER BY number")
    }

    @Test func sameSeedGivesTheSameReplica() throws {
        let dir = try temporaryDirectory()
        let a = dir.appendingPathComponent("a.sqlite").path
        let b = dir.appendingPathComponent("b.sqlite").path
        let c = dir.appendingPathComponent("c.sqlite").path
        let report = try seed(replicaPath: a, cases: 400, seed: 5, services: testServices, now: fixedNow)
        try seed(replicaPath: b, cases: 400, seed: 5, services: testServices, now: fixedNow)
        try seed(replicaPath: c, cases: 400, seed: 6, services: testServices, now: fixedNow)
        #expect(report.cases == 400)
        #expect(try bodies(a) == bodies(b))
        #expect(try bodies(a) != bodies(c))
        let replica = try Replica.open(path: a, services: testServices)
        #expect(try replica.count(QueueFilter(openOnly: false)) == 400)
        #expect(try replica.integrityCheck() == ["ok"])
        #expect(try scalar(replica, "SELECT count(*) FROM case_search") == 400)
        #expect(
            try scalar(
                replica, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'case_queue'"
            ) >= 15)
    }

    @Test func seedingRefusesAReplicaWithCases() throws {
        let path = try temporaryDirectory().appendingPathComponent("r.sqlite").path
        try seed(replicaPath: path, cases: 10, seed: 1, services: testServices, now: fixedNow)
        #expect(throws: ReplicaError.notEmpty(path: path)) {
            try seed(replicaPath: path, cases: 10, seed: 1, services: testServices, now: fixedNow)
        }
    }
}
