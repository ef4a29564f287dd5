import Foundation
import SyncBench

// Runs the sync benchmarks and prints the Markdown report:
//   clerk-sync-bench [--only load|bulk] [--sealed] [--clerks N] [--rounds N] [--cases N] [--changes N] [--seconds N]
// `--only bulk` runs just the initial and incremental sync, `--only load` just the many-clerks load;
// `--sealed` adds the initial sync into sealed against plain replicas to the bulk benchmark.
// PostgreSQL joins the load benchmark when CLERK_BENCH_POSTGRES_URL or CLERK_TEST_POSTGRES_URL is set.
var options = SyncBenchOptions()
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--only" {
        switch arguments.popFirst() {
        case "load": options.runBulk = false
        case "bulk": options.runLoad = false
        default:
            FileHandle.standardError.write(Data("clerk-sync-bench: --only needs load or bulk\n".utf8))
            exit(2)
        }
        continue
    }
    if flag == "--sealed" {
        options.sealedComparison = true
        continue
    }
    guard let text = arguments.popFirst(), let value = Int(text), value > 0 else {
        FileHandle.standardError.write(Data("clerk-sync-bench: \(flag) needs a positive number\n".utf8))
        exit(2)
    }
    switch flag {
    case "--clerks": options.clerks = value
    case "--rounds": options.rounds = value
    case "--cases": options.initialCases = value
    case "--changes": options.incrementalChanges = value
    case "--seconds": options.loadTimeLimit = .seconds(value)
    default:
        FileHandle.standardError.write(Data("clerk-sync-bench: unknown option \(flag)\n".utf8))
        exit(2)
    }
}
do {
    print(try await runSyncBenchmarks(options))
} catch {
    FileHandle.standardError.write(Data("clerk-sync-bench: \(error)\n".utf8))
    exit(1)
}
