// Test helper for the replica's crash test: writes operations through the façade until it is
// killed, printing each operation id after its write returned.
//
//   clerk-replica-tool crash-writer <replica> <seed> [--password-env <variable>]
//
// With --password-env the replica is sealed; its password is in the environment variable (never
// on the command line, where other users could read it).
//
// Seeding and benchmarks are `clerk seed` and `clerk bench`.
import Foundation
import OfflineStore

let arguments = CommandLine.arguments
let usage = "usage: clerk-replica-tool crash-writer <replica> <seed> [--password-env <variable>]\n"
do {
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
