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
    /// Cases written per second by `seed`.
    public var plainSeedingRate: Double
    public var sealedSeedingRate: Double
    /// Unwrapping the key file with its password (scrypt), in seconds; not part of any line.
    public var keyDerivationSeconds: Double
    public var scrypt: ScryptCost
    public var lines: [Line]

    /// The report as a Markdown table.
    public func markdownTable() -> String {
        func f(_ value: Double) -> String { String(format: "%.0f", value) }
        func r(_ value: Double) -> String { String(format: "%.2f×", value) }
        var out = "Sealed against plain replica, \(cases) cases, \(iterations) iterations (times in µs).\n\n"
        out += "Seeding: plain \(f(plainSeedingRate)) cases/s, sealed \(f(sealedSeedingRate)) cases/s "
        out += "(\(r(plainSeedingRate > 0 ? plainSeedingRate / max(sealedSeedingRate, 1) : 0)) the time).\n"
        out += "Key derivation (scrypt n=\(scrypt.n) r=\(scrypt.r) p=\(scrypt.p)): "
        out += "\(String(format: "%.2f", keyDerivationSeconds)) s, not included below.\n\n"
        out += "| operation | plain p50 | sealed p50 | ratio p50 | plain p99 | sealed p99 | ratio p99 |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for line in lines {
            out += "| \(line.operation) | \(f(line.plainP50)) | \(f(line.sealedP50)) | \(r(line.ratioP50)) "
            out += "| \(f(line.plainP99)) | \(f(line.sealedP99)) | \(r(line.ratioP99)) |\n"
        }
        return out
    }
}

/// Seeds `plain.sqlite` and `sealed.sqlite` (with its key file, `cost`) in `folder` with the same
/// `cases` demo cases and measures both. Refuses a folder that holds either already.
public func runSealedComparison(
    folder: String, cases: Int, iterations: Int = 200, services: [ServiceDefinition],
    cost: ScryptCost = .standard, now: Date = Date()
) throws -> SealedComparisonReport {
    let plainPath = (folder as NSString).appendingPathComponent("plain.sqlite")
    let sealedPath = (folder as NSString).appendingPathComponent("sealed.sqlite")
    for path in [plainPath, sealedPath] where FileManager.default.fileExists(atPath: path) {
        throw ReplicaError.notEmpty(path: path)
    }
    let password = "Vergleich \(UUID().uuidString)"
    let created = try ReplicaKeyFile.create(forReplica: sealedPath, password: password, cost: cost)
    let derivationStart = DispatchTime.now().uptimeNanoseconds
    let key = try ReplicaKeyFile.unlock(forReplica: sealedPath, password: password).key
    let derivation = Double(DispatchTime.now().uptimeNanoseconds - derivationStart) / 1e9
    let plainSeed = try seed(replicaPath: plainPath, cases: cases, seed: 1, services: services, now: now)
    let sealedSeed = try seed(
        replicaPath: sealedPath, cases: cases, seed: 1, services: services, now: now, key: created.key)
    let plain = try runBenchmarks(replicaPath: plainPath, iterations: iterations, services: services)
    let sealed = try runBenchmarks(
        replicaPath: sealedPath, iterations: iterations, services: services, key: key)
    let lines = zip(plain.lines, sealed.lines).map { plainLine, sealedLine in
        SealedComparisonReport.Line(
            operation: plainLine.operation, plainP50: plainLine.facadeP50, plainP99: plainLine.facadeP99,
            sealedP50: sealedLine.facadeP50, sealedP99: sealedLine.facadeP99)
    }
    return SealedComparisonReport(
        cases: plainSeed.cases, iterations: iterations,
        plainSeedingRate: Double(plainSeed.cases) / max(plainSeed.seconds, 1e-9),
        sealedSeedingRate: Double(sealedSeed.cases) / max(sealedSeed.seconds, 1e-9),
        keyDerivationSeconds: derivation, scrypt: cost, lines: lines)
}
