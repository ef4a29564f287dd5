import ArgumentParser
import CaseModel
import ClerkTUI
import Foundation

/// `clerk` — the workstation and its tools.
@main
struct ClerkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerk",
        abstract: "Clerk – Arbeitsplatz für die Sachbearbeitung der Landeshauptstadt München.",
        subcommands: [
            WorkstationCommand.self, DemoCommand.self, LoginCommand.self, LogoutCommand.self,
            LockCommand.self,
            SeedCommand.self, BenchCommand.self,
            CatalogCommand.self, QueuesCommand.self,
        ],
        defaultSubcommand: WorkstationCommand.self
    )
}

/// Options every command that talks to people shares.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Sprache der Oberfläche: de oder en (Standard: aus LANG, sonst de).")
    var lang: String?

    /// The language from `--lang`, else from `LANG`/`LC_ALL`, else German.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Language {
        if let lang {
            guard let language = Language(rawValue: lang.lowercased()) else {
                throw ValidationError("Unbekannte Sprache „\(lang)“ – erlaubt sind de und en.")
            }
            return language
        }
        return WorkstationOptions.language(flag: nil, environment: environment)
    }

    /// The language from `--lang`, else `setting` (the settings file or `CLERK_LANG`), else from
    /// `LANG`/`LC_ALL`, else German.
    func resolvedOver(_ setting: Language?, environment: [String: String]) throws -> Language {
        if lang == nil, let setting { return setting }
        return try resolved(environment: environment)
    }
}

/// Finds the service catalogue folder: the option, `CLERK_CATALOG`, `./Catalog`, or the package root
/// above the executable.
func catalogDirectory(_ option: String?) -> URL {
    if let option { return URL(fileURLWithPath: option) }
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["CLERK_CATALOG"] { return URL(fileURLWithPath: path) }
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
        "Catalog")
    if FileManager.default.fileExists(atPath: here.path) { return here }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent()
    for _ in 0..<6 {
        let candidate = folder.appendingPathComponent("Catalog")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return here
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
