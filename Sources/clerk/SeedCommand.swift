import ArgumentParser
import CaseModel
import ClerkTUI
import Foundation
import OfflineStore
import ServiceCatalog

/// `clerk seed --replica PATH --cases N --seed S`; with `CLERK_PASSWORD` set, the replica is
/// sealed with that password (as the workstation opens it).
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Füllt ein Replikat mit realistischen, reproduzierbaren Münchner Demodaten.")

    @Option(help: "Pfad der Replikat-Datei (wird angelegt).") var replica: String
    @Option(help: "Anzahl der Vorgänge.") var cases: Int = 10_000
    @Option(help: "Startwert des Zufallsgenerators; gleicher Wert, gleiche Daten.") var seed: UInt64 = 1
    @Option(help: "Stichtag der Daten (JJJJ-MM-TT); Standard: heute.") var today: String?
    @Option(help: "Ordner mit den Leistungsdefinitionen.") var catalog: String?

    func validate() throws {
        guard cases >= 0 else { throw ValidationError("--cases darf nicht negativ sein.") }
    }

    func run() throws {
        let services = try loadServices(catalog)
        let now = try referenceDate(today)
        let started = Date()
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: replica).deletingLastPathComponent(), withIntermediateDirectories: true)
        var key: ReplicaKey?
        if let password = WorkstationUnlock.takePasswordFromEnvironment() {
            let keyFile =
                FileManager.default.fileExists(atPath: ReplicaKeyFile.path(forReplica: replica))
                ? try ReplicaKeyFile.unlock(forReplica: replica, password: password)
                : try ReplicaKeyFile.create(forReplica: replica, password: password)
            key = keyFile.key
        }
        let report = try OfflineStore.seed(
            replicaPath: replica, cases: cases, seed: seed, services: services, now: now, key: key,
            progress: { done in
                FileHandle.standardError.write(Data("\r\(done) Vorgänge geschrieben …".utf8))
            })
        printError("")
        print(
            "\(report.cases) Vorgänge und \(report.citizens) Bürgerinnen und Bürger in \(replica) "
                + "(\(String(format: "%.1f", Date().timeIntervalSince(started))) s).")
    }
}

/// Loads the catalogue's services; problems are printed, the good files are used.
func loadServices(_ directory: String?) throws -> [ServiceDefinition] {
    let result = CatalogLoader.load(directory: catalogDirectory(directory))
    for problem in result.problems { printError(problem.text(.de)) }
    guard !result.catalog.services.isEmpty else {
        throw ValidationError("Keine gültige Leistungsdefinition gefunden (Ordner mit --catalog angeben).")
    }
    return result.catalog.services
}

/// Noon in Munich of `text` (yyyy-MM-dd), or now.
func referenceDate(_ text: String?) throws -> Date {
    guard let text else { return Date() }
    guard let day = LocalDate(parsing: text) else {
        throw ValidationError("„\(text)“ ist kein Datum (JJJJ-MM-TT).")
    }
    return MunichClock.startOfDay(day).addingTimeInterval(12 * 3600)
}
