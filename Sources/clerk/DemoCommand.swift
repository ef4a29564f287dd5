import ArgumentParser
import CaseModel
import ClerkTUI
import Foundation
import OfflineStore
import TerminalKit

/// `clerk demo` — the workstation on a seeded demo replica.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Startet den Arbeitsplatz mit einem Demo-Replikat (wird beim ersten Start angelegt).")

    @Option(help: "Replikat-Datei (Standard: im Datenordner des Benutzers).") var replica: String?
    @Option(help: "Anzahl der Demo-Vorgänge beim Anlegen.") var cases: Int = 10_000
    @Option(help: "Ordner mit den Leistungsdefinitionen.") var catalog: String?
    @Option(help: "Kennung der Sachbearbeitung.") var clerk: String = "m.huber"
    @Option(help: "Angezeigter Name.") var name: String = "Maria Huber"
    @Option(help: "Rolle: counter, phone, field, team_lead.") var role: String = "counter"
    @Flag(help: "Das Demo-Replikat neu anlegen.") var reset = false
    @OptionGroup var language: LanguageOption

    func run() throws {
        let services = try loadServices(catalog)
        let path = replica ?? defaultDemoReplicaPath()
        guard let role = Role(rawValue: role) else {
            throw ValidationError("Unbekannte Rolle „\(role)“ – erlaubt: counter, phone, field, team_lead.")
        }
        if reset { try? removeReplica(at: path) }
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            printError("Lege das Demo-Replikat mit \(cases) Vorgängen an: \(path)")
            try OfflineStore.seed(
                replicaPath: path, cases: cases, seed: 1, services: services,
                progress: { done in FileHandle.standardError.write(Data("\r\(done) Vorgänge …".utf8)) })
            printError("")
        }
        let environment = ProcessInfo.processInfo.environment
        var overrides: [String] = []
        if let user = KeymapLoader.userKeymapPath(environment: environment) { overrides.append(user) }
        let options = WorkstationOptions(
            replicaPath: path, catalogDirectory: catalogDirectory(catalog).path, services: services,
            keymapOverridePaths: overrides, language: try language.resolved(),
            clerk: ClerkIdentity(
                id: clerk, displayName: name, orgUnit: services.first?.orgUnit.id ?? "", role: role,
                device: ProcessInfo.processInfo.hostName))
        let status = try runWorkstation(options: options)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `$XDG_DATA_HOME/clerk/demo-replica.sqlite` or `~/.local/share/clerk/demo-replica.sqlite`.
func defaultDemoReplicaPath() -> String {
    let environment = ProcessInfo.processInfo.environment
    let base =
        environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
    return base.appendingPathComponent("clerk").appendingPathComponent("demo-replica.sqlite").path
}

/// Deletes a replica and its WAL files.
func removeReplica(at path: String) throws {
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
        try FileManager.default.removeItem(atPath: path + suffix)
    }
}
