// Test helper for the replica's crash test: writes operations through the façade until it is
// killed, printing each operation id after its write returned.
//
//   clerk-replica-tool crash-writer <replica> <seed>
//
// Seeding and benchmarks are `clerk seed` and `clerk bench`.
import Foundation
import OfflineStore

let arguments = CommandLine.arguments
do {
    guard arguments.count == 4, arguments[1] == "crash-writer", let seed = UInt64(arguments[3]) else {
        FileHandle.standardError.write(Data("usage: clerk-replica-tool crash-writer <replica> <seed>\n".utf8))
        exit(2)
    }
    try CrashTestWriter.run(replicaPath: arguments[2], seed: seed)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
