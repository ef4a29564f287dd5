import ArgumentParser
import Foundation
import ServiceCatalog

/// `clerk catalog check [DIR]`.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Leistungskatalog prüfen.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prüft alle Leistungsdefinitionen eines Ordners; Rückgabewert ungleich 0 bei Fehlern.")

        @Argument(help: "Ordner mit den Leistungsdefinitionen (Standard: Catalog).")
        var directory: String?

        @OptionGroup var language: LanguageOption

        func run() throws {
            let report = CatalogCheck.run(
                directory: catalogDirectory(directory), language: try language.resolved())
            print(report.text)
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
