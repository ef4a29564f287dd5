// Test helper for the replica's crash test: writes operations through the façade until it is
// killed, printing each operation id after its write returned.
//
//   clerk-replica-tool crash-writer <replica> <seed> [--password-env <variable>]
//
// With --password-env the replica is sealed; its password is in the environment variable (never
// on the command line, where other users could read it).
//
//   clerk-replica-tool sealed-bench <folder> <cases> <iterations> [--reuse]
//
// The sealed-against-plain comparison of `clerk bench --sealed` with the demo services built in
// (no catalogue to load), for a build of the replica alone.
//
// Seeding and benchmarks are `clerk seed` and `clerk bench`.
import DemoData
import Foundation
import OfflineStore

let arguments = CommandLine.arguments
let usage = """
    usage: clerk-replica-tool crash-writer <replica> <seed> [--password-env <variable>]
           clerk-replica-tool sealed-bench <folder> <cases> <iterations> [--reuse]

    """
do {
    if arguments.count >= 5, arguments[1] == "sealed-bench", let cases = Int(arguments[3]),
        let iterations = Int(arguments[4])
    {
        try FileManager.default.createDirectory(atPath: arguments[2], withIntermediateDirectories: true)
        let report = try runSealedComparison(
            folder: arguments[2], cases: cases, iterations: iterations, services: DemoServices.all,
            reuse: arguments.count == 6 && arguments[5] == "--reuse")
        print(report.markdownTable())
        exit(0)
    }
    let sealed = arguments.count == 6 && arguments[4] == "--password-env"
    guard arguments.count == 4 || sealed, arguments[1] == "crash-writer", let seed = UInt64(arguments[3])
    else {
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
    var key: ReplicaKey?
    if sealed {
        guard let password = ProcessInfo.processInfo.environment[arguments[5]] else {
            FileHandle.standardError.write(Data("\(arguments[5]) is not set\n".utf8))
            exit(2)
        }
        key = try ReplicaKeyFile.unlock(forReplica: arguments[2], password: password).key
    }
    try CrashTestWriter.run(replicaPath: arguments[2], seed: seed, key: key)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
