import CaseModel
import Foundation

/// The outcome of checking a catalogue directory, as `clerk catalog check` prints it.
public struct CatalogCheckReport: Sendable {
    /// The report text, one line per service and per problem.
    public var text: String
    /// True when every file loaded without problems.
    public var isClean: Bool
    /// What was loaded.
    public var result: CatalogLoadResult
}

/// Checks a catalogue directory and describes the result for a terminal.
public enum CatalogCheck {
    /// Loads `directory` and reports every service and problem in `language`.
    public static func run(directory: URL, language: Language = .de) -> CatalogCheckReport {
        let result = CatalogLoader.load(directory: directory)
        return CatalogCheckReport(
            text: report(result, directory: directory.path, language: language), isClean: result.isClean,
            result: result)
    }

    /// The report text for a load result.
    public static func report(_ result: CatalogLoadResult, directory: String, language: Language) -> String {
        var lines: [String] = []
        let de = language == .de
        lines.append(de ? "Katalog \(directory)" : "Catalogue \(directory)")
        for service in result.catalog.services {
            let fields = service.form.fields.count
            lines.append(
                "  ok  \(service.id) v\(service.version) — \(service.title.text(language)) "
                    + (de
                        ? "(\(fields) Felder, Präfix \(service.numberPrefix))"
                        : "(\(fields) fields, prefix \(service.numberPrefix))"))
        }
        for problem in result.problems {
            lines.append("  \(de ? "FEHLER" : "ERROR") \(problem.text(language))")
        }
        let count = result.services.count
        let problems = result.problems.count
        lines.append(
            de
                ? "\(count) \(count == 1 ? "Dienst" : "Dienste") geladen, \(problems) \(problems == 1 ? "Problem" : "Probleme")."
                : "\(count) \(count == 1 ? "service" : "services") loaded, \(problems) \(problems == 1 ? "problem" : "problems")."
        )
        return lines.joined(separator: "\n") + "\n"
    }
}
