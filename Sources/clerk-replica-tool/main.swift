// Developer tool for the replica: the crash-test child, seeding and benchmarks until the `clerk`
// command line offers them.
//
//   clerk-replica-tool crash-writer <replica> <seed>   write operations until killed (crash test)
//   clerk-replica-tool seed <replica> <cases> <seed>    fill an empty replica with demo cases
//   clerk-replica-tool bench <replica> <iterations>     print the benchmark table (Markdown)
import DemoData
import Foundation
import OfflineStore

let arguments = CommandLine.arguments
let usage = """
    usage: clerk-replica-tool crash-writer <replica> <seed>
           clerk-replica-tool seed <replica> <cases> <seed>
           clerk-replica-tool bench <replica> <iterations>

    """
do {
    switch (arguments.count, arguments.count > 1 ? arguments[1] : "") {
    case (4, "crash-writer"):
        try CrashTestWriter.run(replicaPath: arguments[2], seed: UInt64(arguments[3]) ?? 0)
    case (5, "seed"):
        let report = try seed(
            replicaPath: arguments[2], cases: Int(arguments[3]) ?? 0, seed: UInt64(arguments[4]) ?? 0,
            progress: { n in FileHandle.standardError.write(Data("\r\(n) cases".utf8)) })
        print(
            "\n\(report.cases) cases, \(report.citizens) citizens in \(String(format: "%.1f", report.seconds)) s"
        )
    case (4, "bench"):
        let report = try runBenchmarks(
            replicaPath: arguments[2], iterations: Int(arguments[3]) ?? 200, services: DemoServices.all)
        print(report.markdownTable())
    default:
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
