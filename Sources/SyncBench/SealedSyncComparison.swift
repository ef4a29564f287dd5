import Foundation
import OfflineStore
import SyncClient
import SyncProtocol

/// The initial sync into a fresh sealed replica against the same into a fresh plain one, from the
/// same central service in the same run: four pulls of every case, sealed–plain–plain–sealed, so
/// that a service warming up or a machine getting busier favours neither. No edits run meanwhile.
struct SealedSyncComparison {
    let directory: URL

    func run(_ central: BenchCentral) async throws -> String {
        var seconds: [Bool: [Double]] = [:]
        var changes = 0
        for (round, sealed) in [true, false, false, true].enumerated() {
            settleDisk()
            let (pulled, time) = try await pull(central, sealed: sealed, round: round)
            changes = pulled
            seconds[sealed, default: []].append(time)
        }
        let plainRate = Double(changes) * 2 / max(seconds[false, default: []].reduce(0, +), 1e-9)
        let sealedRate = Double(changes) * 2 / max(seconds[true, default: []].reduce(0, +), 1e-9)
        var out = "\nInitial sync into fresh replicas, sealed against plain (two pulls each, "
        out += "sealed–plain–plain–sealed, no edits meanwhile; the key is derived before):\n\n"
        out += "| replica | changes | seconds (each pull) | changes/s |\n| --- | ---: | ---: | ---: |\n"
        for (name, sealed, rate) in [("plain", false, plainRate), ("sealed", true, sealedRate)] {
            let times = seconds[sealed, default: []].map { Milliseconds.format($0, digits: 2) }
            out += "| \(name) | \(changes) | \(times.joined(separator: ", ")) | "
            out += "\(Milliseconds.format(rate, digits: 0)) |\n"
        }
        out += "\nSealed at \(Milliseconds.format(100 * sealedRate / max(plainRate, 1e-9), digits: 0)) % "
        out += "of the plain rate.\n"
        return out
    }

    /// One initial sync into a fresh replica; the changes pulled and the seconds it took.
    private func pull(_ central: BenchCentral, sealed: Bool, round: Int) async throws -> (Int, Double) {
        let path = directory.appendingPathComponent("initial-\(round)-\(sealed ? "sealed" : "plain").sqlite")
            .path
        var key: ReplicaKey?
        if sealed {
            let password = "Bank \(round)"
            _ = try ReplicaKeyFile.create(
                forReplica: path, password: password, cost: ScryptCost(n: 1 << 10, r: 8, p: 1))
            key = try ReplicaKeyFile.unlock(forReplica: path, password: password).key
        }
        let device = "dev-initial-\(round)"
        let login = try await central.http.login(
            LoginRequest(username: "bulk", password: BenchCentral.password, deviceID: device))
        let started = ContinuousClock.now
        let replica = try Replica.open(path: path, key: key)
        let engine = SyncEngine(
            replica: replica, server: central.http, token: login.token, deviceID: device, pullPageSize: 1000)
        let report = try await engine.syncOnce()
        try replica.close()
        let time = Milliseconds.since(started) / 1000
        for suffix in ["", "-wal", "-shm", ".key"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        return (report.pulledChanges, time)
    }
}
