import Foundation
import Testing

@testable import OfflineStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kills a real writer process (`clerk-replica-tool crash-writer`) with SIGKILL at random moments
/// and checks that nothing it reported is lost and nothing is half-applied.
@Suite struct CrashTests {
    static func writerURL() -> URL? {
        let names = ["clerk-replica-tool"]
        var dirs = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for dir in dirs {
            for name in names {
                let url = dir.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    @Test func killedWritersLoseNothingAndLeaveNothingHalfApplied() throws {
        let path = try temporaryDirectory().appendingPathComponent("crash.sqlite").path
        try Replica.open(path: path).close()
        try killWriters(path: path) { try Replica.open(path: path) }
    }

    @Test func killedWritersOfASealedReplicaLoseNothingAndLeaveNothingHalfApplied() throws {
        let (path, keyFile) = try makeSealedKeyFile(name: "crash.sqlite")
        try Replica.open(path: path, key: keyFile.key).close()
        let variable = "CLERK_CRASH_TEST_PASSWORD"
        try killWriters(
            path: path, arguments: ["--password-env", variable], environment: [variable: testPassword]
        ) {
            try Replica.open(
                path: path, key: ReplicaKeyFile.unlock(forReplica: path, password: testPassword).key)
        }
    }

    /// Runs the writer (with `arguments` after its own, and `environment` added to this
    /// process's) and kills it 30 times; then checks the replica that `open` opens.
    private func killWriters(
        path: String, arguments: [String] = [], environment: [String: String] = [:],
        open: () throws -> Replica
    ) throws {
        let writer = try #require(Self.writerURL(), "build the clerk-replica-tool product first")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        var reported: [UUID] = []
        var rng = SystemRandomNumberGenerator()
        let rounds = 30
        for round in 0..<rounds {
            let out = dir.appendingPathComponent("out-\(round).txt")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            let handle = try FileHandle(forWritingTo: out)
            let process = Process()
            process.executableURL = writer
            process.arguments = ["crash-writer", path, String(round)] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = handle
            try process.run()
            usleep(UInt32.random(in: 150_000...600_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try handle.close()
            let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
            // Only complete lines count: the kill may cut the last one.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            reported += lines.compactMap { UUID(uuidString: String($0)) }
        }
        #expect(reported.count > rounds, "the writer reported too few operations to test anything")

        let replica = try open()
        defer { try? replica.close() }
        #expect(try replica.integrityCheck() == ["ok"])
        for id in reported {
            let inOutbox = try scalar(replica, "SELECT count(*) FROM outbox WHERE op_id = ?", [id.uuidString])
            let inHistory = try scalar(
                replica, "SELECT count(*) FROM case_history WHERE op_id = ?", [id.uuidString])
            #expect(inOutbox == 1 && inHistory == 1, "operation \(id) lost")
        }
        // Nothing half-applied: every outbox row has its local change and vice versa.
        #expect(
            try scalar(
                replica,
                "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM case_history h WHERE h.op_id = o.op_id)"
            )
                == 0)
        #expect(
            try scalar(
                replica,
                """
                SELECT count(*) FROM case_history h
                WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.op_id = h.op_id)
                """) == 0)
        #expect(
            try scalar(
                replica,
                """
                SELECT count(*) FROM case_queue q
                WHERE q.pending != (SELECT count(*) FROM outbox o WHERE o.case_id = q.case_id)
                """) == 0)
        #expect(
            try scalar(
                replica,
                "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM case_queue q WHERE q.case_id = o.case_id)"
            )
                == 0)
        // The visible state of every case equals its pending operations replayed.
        let caseIDs = try replica.sqlStrings("SELECT DISTINCT case_id FROM outbox")
        for caseID in caseIDs.prefix(50) {
            let id = try #require(UUID(uuidString: caseID))
            let visible = try #require(try replica.visibleCase(id: id))
            #expect(try replica.queueRow(caseID: id)?.number == visible.number)
        }
    }
}
