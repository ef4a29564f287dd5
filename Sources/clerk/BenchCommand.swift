import ArgumentParser
import ClerkTUI
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
    @Flag(help: "Statt des Replikats den Arbeitsplatz messen (Tastendruck bis Bild, Bytes je Taste).")
    var workstation = false
    @Flag(
        help:
            "Verschlüsseltes gegen unverschlüsseltes Replikat mit denselben --cases Vorgängen messen; --replica ist dann der Ordner, in dem beide neu angelegt werden."
    )
    var sealed = false
    @Flag(
        help:
            "Mit --sealed: die beiden Replikate eines früheren Laufs im Ordner wieder verwenden (das Anlegen wird dann nicht gemessen)."
    )
    var reuse = false

    func run() throws {
        let services = try loadServices(catalog)
        if sealed {
            try FileManager.default.createDirectory(atPath: replica, withIntermediateDirectories: true)
            if !reuse { printError("Lege zwei Replikate mit je \(cases) Vorgängen in \(replica) an …") }
            let report = try runSealedComparison(
                folder: replica, cases: cases, iterations: iterations, services: services, reuse: reuse)
            print(report.markdownTable())
            return
        }
        if !FileManager.default.fileExists(atPath: replica) {
            printError("Lege \(replica) mit \(cases) Vorgängen an …")
            try OfflineStore.seed(replicaPath: replica, cases: cases, seed: 1, services: services)
        }
        if workstation {
            print(
                try runWorkstationBenchmark(replicaPath: replica, services: services, iterations: iterations))
        } else {
            let report = try runBenchmarks(replicaPath: replica, iterations: iterations, services: services)
            print(report.markdownTable())
        }
    }
}
