import CaseModel
import Foundation

/// A sealed replica against a plain one with the same demo data: seeding rate, opening (the key
/// already derived), queue pages, opening a case, searches and a local edit, each through the
/// façade (`runBenchmarks`) on both.
public struct SealedComparisonReport: Sendable {
    /// One operation on both replicas; times in microseconds.
    public struct Line: Sendable {
        public var operation: String
        public var plainP50: Double
        public var plainP99: Double
        public var sealedP50: Double
        public var sealedP99: Double
        public var ratioP50: Double { plainP50 > 0 ? sealedP50 / plainP50 : 0 }
        public var ratioP99: Double { plainP99 > 0 ? sealedP99 / plainP99 : 0 }
    }

    public var cases: Int
    public var iterations: Int
    /// Cases written per second by `seed`; nil when the replicas of an earlier run were reused.
    public var plainSeedingRate: Double?
    public var sealedSeedingRate: Double?
    /// Unwrapping the key file with its password (scrypt), in seconds; not part of any line.
    public var keyDerivationSeconds: Double
    public var scrypt: ScryptCost
    /// Microseconds per page sealed, per page opened and per log checksum mask (mean of many).
    public var pageCosts: PageCosts
    public var lines: [Line]

    /// What sealing costs per page, measured on its own.
    public struct PageCosts: Sendable {
        public var seal: Double
        public var open: Double
        public var mask: Double
    }

    /// The report as a Markdown table.
    public func markdownTable() -> String {
        func f(_ value: Double) -> String { String(format: "%.0f", value) }
        func r(_ value: Double) -> String { String(format: "%.2f×", value) }
        var out = "Sealed against plain replica, \(cases) cases, \(iterations) iterations (times in µs).\n\n"
        if let plainSeedingRate, let sealedSeedingRate {
            out += "Seeding: plain \(f(plainSeedingRate)) cases/s, sealed \(f(sealedSeedingRate)) cases/s "
            out +=
                "(sealed at \(String(format: "%.0f", 100 * sealedSeedingRate / max(plainSeedingRate, 1e-9))) % "
            out += "of the plain rate).\n"
        } else {
            out += "Seeding: not measured (the replicas of an earlier run were reused).\n"
        }
        out += "Key derivation (scrypt n=\(scrypt.n) r=\(scrypt.r) p=\(scrypt.p)): "
        out += "\(String(format: "%.2f", keyDerivationSeconds)) s, not included below.\n"
        out += "Per page: sealing \(String(format: "%.2f", pageCosts.seal)) µs, opening "
        out += "\(String(format: "%.2f", pageCosts.open)) µs, a log checksum mask "
        out += "\(String(format: "%.2f", pageCosts.mask)) µs.\n\n"
        out += "| operation | plain p50 | sealed p50 | ratio p50 | plain p99 | sealed p99 | ratio p99 |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for line in lines {
            out += "| \(line.operation) | \(f(line.plainP50)) | \(f(line.sealedP50)) | \(r(line.ratioP50)) "
            out += "| \(f(line.plainP99)) | \(f(line.sealedP99)) | \(r(line.ratioP99)) |\n"
        }
        return out
    }
}

/// The password of the benchmark's sealed replica (demo data only), so that a later run can
/// reuse it.
let benchmarkPassword = "Vergleich verschlüsselt gegen unverschlüsselt"

/// Seeds `plain.sqlite` and `sealed.sqlite` (with its key file, `cost`) in `folder` with the same
/// `cases` demo cases and measures both. Refuses a folder that holds either already, unless
/// `reuse` is set and it holds both from an earlier run (then seeding is not measured).
///
/// The operations are measured on both replicas in turns, each going first every other time, so
/// that neither gains from caches the other warmed and a noisy machine hurts both alike. Seeding
/// runs one after the other.
public func runSealedComparison(
    folder: String, cases: Int, iterations: Int = 200, services: [ServiceDefinition],
    cost: ScryptCost = .standard, now: Date = Date(), reuse: Bool = false
) throws -> SealedComparisonReport {
    let plainPath = (folder as NSString).appendingPathComponent("plain.sqlite")
    let sealedPath = (folder as NSString).appendingPathComponent("sealed.sqlite")
    let existing = [plainPath, sealedPath, ReplicaKeyFile.path(forReplica: sealedPath)].filter {
        FileManager.default.fileExists(atPath: $0)
    }
    let reusing = reuse && existing.count == 3
    if !reusing, let path = existing.first { throw ReplicaError.notEmpty(path: path) }
    if !reusing {
        _ = try ReplicaKeyFile.create(forReplica: sealedPath, password: benchmarkPassword, cost: cost)
    }
    let derivationStart = DispatchTime.now().uptimeNanoseconds
    let unlocked = try ReplicaKeyFile.unlock(forReplica: sealedPath, password: benchmarkPassword)
    let key = unlocked.key
    let derivation = Double(DispatchTime.now().uptimeNanoseconds - derivationStart) / 1e9
    var plainRate: Double?
    var sealedRate: Double?
    if !reusing {
        // Each seeding starts with what the other wrote on the disk.
        let plainSeed = try seed(replicaPath: plainPath, cases: cases, seed: 1, services: services, now: now)
        settle()
        let sealedSeed = try seed(
            replicaPath: sealedPath, cases: cases, seed: 1, services: services, now: now, key: key)
        settle()
        plainRate = Double(plainSeed.cases) / max(plainSeed.seconds, 1e-9)
        sealedRate = Double(sealedSeed.cases) / max(sealedSeed.seconds, 1e-9)
    }

    let rules = ReplicaRules(services: services)
    let plain = try Replica.open(path: plainPath, rules: rules)
    defer { try? plain.close() }
    let sealed = try Replica.open(path: sealedPath, rules: rules, key: key)
    defer { try? sealed.close() }
    var comparison = Comparison(iterations: iterations)
    comparison.measure("open replica", rounds: min(iterations, 20)) { replica, _ in
        try Replica.open(path: replica.path, rules: rules, key: replica === sealed ? key : nil).close()
    }
    let open = QueueFilter()
    comparison.measure("first queue page (open, by due date)") { replica, _ in
        _ = try replica.queuePage(filter: open, sort: .dueDate, limit: 50)
    }
    comparison.measure("count open cases (queue header)") { replica, _ in
        _ = try replica.count(open)
    }
    comparison.measure("open cases by service and state") { replica, _ in
        _ = try replica.openCountsByServiceAndState()
    }
    let all = QueueFilter(openOnly: false)
    let total = try plain.count(all)
    let depth = String(total / 2)
    let due = try plain.sqlInteger(
        "SELECT due_day FROM case_queue ORDER BY due_day, seq LIMIT 1 OFFSET ?", [depth])
    let seq = try plain.sqlInteger(
        "SELECT seq FROM case_queue ORDER BY due_day, seq LIMIT 1 OFFSET ?", [depth])
    let cursor = QueueCursor(key: Int64(due), seq: Int64(seq))
    comparison.measure("deep queue page (keyset, after \(depth) rows)") { replica, _ in
        _ = try replica.queuePage(filter: all, sort: .dueDate, after: cursor, limit: 50)
    }
    // The same cases in both (the same seed), spread over the file.
    let ids = try plain.sqlStrings("SELECT case_id FROM case_queue ORDER BY case_id").compactMap {
        UUID(uuidString: $0)
    }
    guard !ids.isEmpty else { throw ReplicaError.notEmpty(path: plainPath) }
    let step = max(1, ids.count / max(iterations, 1))
    comparison.measure("open one case (visible state)") { replica, i in
        _ = try replica.visibleCase(id: ids[(i * step) % ids.count])
    }
    comparison.measure("search common prefix \"Mül\"") { replica, _ in
        _ = try replica.search("Mül", limit: 50)
    }
    let rare =
        try plain.queuePage(filter: all, sort: .receivedOldestFirst, limit: 1).first?.citizenName
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.reversed().joined(
            separator: " ")
        ?? "x"
    comparison.measure("search rare name \"\(rare)\"") { replica, _ in _ = try replica.search(rare, limit: 50)
    }
    comparison.measure("local edit + outbox row (one transaction)") { replica, i in
        try replica.record(
            CaseModel.Operation(
                caseID: ids[(i * step + 1) % ids.count], baseVersion: 0, clerk: "bench", device: benchDevice,
                timestamp: Date(),
                kind: .setField(field: FormDefinition.commentFieldID, old: nil, new: .text("S \(i)"))))
    }
    let lines = try comparison.lines(plain: plain, sealed: sealed)
    try removeBenchmarkOperations(plain)
    try removeBenchmarkOperations(sealed)
    return SealedComparisonReport(
        cases: total, iterations: iterations, plainSeedingRate: plainRate, sealedSeedingRate: sealedRate,
        keyDerivationSeconds: derivation, scrypt: unlocked.stored.scrypt.cost,
        pageCosts: measurePageCosts(SealingKeys(key)), lines: lines)
}

/// Seals, opens and masks `count` times each; microseconds per call.
func measurePageCosts(_ keys: SealingKeys, count: Int = 5000) -> SealedComparisonReport.PageCosts {
    var plain = [UInt8](repeating: 0, count: SealedPage.size)
    for index in plain.indices { plain[index] = UInt8(truncatingIfNeeded: index &* 31) }
    var sealed = [UInt8](repeating: 0, count: SealedPage.size)
    var opened = [UInt8](repeating: 0, count: SealedPage.size)
    var header = [UInt8](repeating: 7, count: 24)
    func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(count)
    }
    let seal = time {
        plain.withUnsafeBytes { page in
            sealed.withUnsafeMutableBytes { try? keys.seal(page, into: $0, kind: .database, offset: 4096) }
        }
    }
    let open = time {
        sealed.withUnsafeBytes { page in
            opened.withUnsafeMutableBytes { _ = keys.open(page, into: $0, kind: .database, offset: 4096) }
        }
    }
    let mask = time {
        header.withUnsafeMutableBytes { bytes in
            keys.applyChecksumMask(
                to: UnsafeMutableRawBufferPointer(rebasing: bytes[16..<24]), frameOffset: 32,
                salts: UnsafeRawBufferPointer(rebasing: bytes[8..<16]))
        }
    }
    return .init(seal: seal, open: open, mask: mask)
}

/// Lets what was written reach the disk before the next measurement starts.
private func settle() {
    sync()
    Thread.sleep(forTimeInterval: 1)
}

/// Times of operations on a plain and a sealed replica, taken in turns.
private struct Comparison {
    let iterations: Int
    private var pending: [(String, Int, (Replica, Int) throws -> Void)] = []

    init(iterations: Int) { self.iterations = iterations }

    /// Queues `body` to be measured `rounds` times (default: the iterations) on each replica.
    mutating func measure(_ name: String, rounds: Int? = nil, _ body: @escaping (Replica, Int) throws -> Void)
    {
        pending.append((name, rounds ?? iterations, body))
    }

    func lines(plain: Replica, sealed: Replica) throws -> [SealedComparisonReport.Line] {
        try pending.map { name, rounds, body in
            var plainTimes: [Double] = []
            var sealedTimes: [Double] = []
            for i in 0..<rounds {
                let order = i % 2 == 0 ? [plain, sealed] : [sealed, plain]
                for replica in order {
                    let start = DispatchTime.now().uptimeNanoseconds
                    try body(replica, i)
                    let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
                    if replica === sealed { sealedTimes.append(micros) } else { plainTimes.append(micros) }
                }
            }
            return SealedComparisonReport.Line(
                operation: name, plainP50: quantile(plainTimes, 0.5), plainP99: quantile(plainTimes, 0.99),
                sealedP50: quantile(sealedTimes, 0.5), sealedP99: quantile(sealedTimes, 0.99))
        }
    }

    private func quantile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }
}
