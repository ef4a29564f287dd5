import ArgumentParser
import Foundation
import OfflineStore

/// `clerk bench` — replica benchmarks against raw SQLite on the same file.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Misst das Replikat (Seiten, Öffnen, Suche, Bearbeiten) gegen rohes SQLite.")

    @Option(help: "Replikat; wird mit --cases Vorgängen angelegt, falls es fehlt.") var replica: String
    @Option(help: "Vorgänge beim Anlegen.") var cases: Int = 1_000_000
    @Option(help: "Wiederholungen je Messung.") var iterations: Int = 300
    @Option(help: "Ordner mit den Leistungsdefinitionen.") var catalog: String?

    func run() throws {
        let services = try loadServices(catalog)
        if !FileManager.default.fileExists(atPath: replica) {
            printError("Lege \(replica) mit \(cases) Vorgängen an …")
            try OfflineStore.seed(replicaPath: replica, cases: cases, seed: 1, services: services)
        }
        let report = try runBenchmarks(replicaPath: replica, iterations: iterations, services: services)
        print(report.markdownTable())
    }
}
