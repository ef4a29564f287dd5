import ArgumentParser
import CaseModel
import ClerkTUI
import DemoData
import Foundation
import TerminalKit

/// `clerk workstation`: the full-screen clerk workstation on a replica.
struct WorkstationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workstation",
        abstract:
            "Startet den Arbeitsplatz (Vollbild) auf einem Replikat. / Starts the full-screen workstation.")

    @Option(name: .long, help: "Die Replikat-Datei (SQLite). / The replica file.")
    var replica: String

    @Option(name: .long, help: "Ordner mit Katalog-YAML-Dateien. / A folder of catalogue YAML files.")
    var catalog: String?

    @Flag(
        name: .long,
        help: "Die eingebauten Demo-Leistungen statt eines Katalogordners. / The built-in demo services.")
    var demoServices = false

    @Option(name: .long, help: "Vollständige Tastaturbelegung (YAML). / A complete keymap file.")
    var keymap: String?

    @Option(name: .long, help: "Zusätzliche Tastenbelegungen (YAML). / Keymap override files.")
    var keys: [String] = []

    @OptionGroup var language: LanguageOption

    @Option(name: .long, help: "Kennung der Sachbearbeitung. / The clerk's login.")
    var clerk: String = "m.huber"

    @Option(name: .long, help: "Angezeigter Name. / The clerk's display name.")
    var name: String = "M. Huber"

    @Option(name: .long, help: "Organisationseinheit. / The org unit.")
    var orgUnit: String = "KVR Bürgerbüro"

    @Option(name: .long, help: "Rolle: counter, phone, field, team_lead.")
    var role: String = "counter"

    mutating func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var overrides = keys
        if let user = KeymapLoader.userKeymapPath(environment: environment) { overrides.insert(user, at: 0) }
        guard let role = Role(rawValue: role) else {
            throw ValidationError(
                "Unbekannte Rolle „\(role)“ – erlaubt sind \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        let options = WorkstationOptions(
            replicaPath: replica,
            services: demoServices ? DemoServices.all : try loadServices(catalog), keymapPath: keymap,
            keymapOverridePaths: overrides,
            language: try language.resolved(environment: environment),
            clerk: ClerkIdentity(
                id: clerk, displayName: name, orgUnit: orgUnit, role: role,
                device: ProcessInfo.processInfo.hostName))
        let status = try runWorkstation(options: options)
        if status != 0 { throw ExitCode(status) }
    }
}
