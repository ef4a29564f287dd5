import CaseModel
import Foundation
import Yams

/// Loads the service catalogue: one YAML file per service, every problem with file, line and column.
public enum CatalogLoader {
    /// Loads every `*.yaml`/`*.yml` file of `directory` (by name); broken files are reported, the others load.
    ///
    /// Two files with the same service id and version are a problem of the second file.
    public static func load(directory: URL) -> CatalogLoadResult {
        let name = directory.lastPathComponent
        let urls: [URL]
        do {
            urls = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]
            )
            .filter { ["yaml", "yml"].contains($0.pathExtension.lowercased()) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            return CatalogLoadResult(
                services: [],
                problems: [
                    CatalogProblem(
                        file: name, line: 1, column: 1,
                        message: LocalizedText(
                            de: "Das Katalogverzeichnis lässt sich nicht lesen: \(directory.path)",
                            en: "The catalogue directory cannot be read: \(directory.path)"))
                ])
        }
        var services: [ServiceDefinition] = []
        var problems: [CatalogProblem] = []
        var origin: [String: String] = [:]
        for url in urls {
            let file = url.lastPathComponent
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                problems.append(
                    CatalogProblem(
                        file: file, line: 1, column: 1,
                        message: LocalizedText(
                            de: "Die Datei lässt sich nicht als UTF-8 lesen.",
                            en: "The file cannot be read as UTF-8.")))
                continue
            }
            let result = load(yaml: text, file: file)
            problems += result.problems
            for service in result.services {
                let key = "\(service.id)@\(service.version)"
                if let other = origin[key] {
                    problems.append(
                        CatalogProblem(
                            file: file, line: 1, column: 1,
                            message: LocalizedText(
                                de:
                                    "Dienst „\(service.id)“ Version \(service.version) steht schon in \(other).",
                                en:
                                    "Service '\(service.id)' version \(service.version) is already defined in \(other)."
                            )))
                    continue
                }
                origin[key] = file
                services.append(service)
            }
        }
        return CatalogLoadResult(services: services, problems: problems)
    }

    /// Loads one service from YAML text; `file` names it in problems.
    public static func load(yaml: String, file: String) -> CatalogLoadResult {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return CatalogLoadResult(services: [], problems: [problem(for: error, file: file)])
        }
        var reader = NodeReader(file: file)
        guard let root else {
            reader.report(line: 1, column: 1, de: "Die Datei ist leer.", en: "The file is empty.")
            return CatalogLoadResult(services: [], problems: reader.problems)
        }
        let service = reader.service(root)
        return CatalogLoadResult(services: service.map { [$0] } ?? [], problems: reader.problems)
    }

    private static func problem(for error: any Error, file: String) -> CatalogProblem {
        func make(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> CatalogProblem {
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return CatalogProblem(
                file: file, line: mark.line, column: mark.column,
                message: LocalizedText(de: "YAML-Syntaxfehler: \(detail)", en: "YAML syntax error: \(detail)")
            )
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _): return make(mark, problem, context)
        case .parser(let context, let problem, let mark, _): return make(mark, problem, context)
        case .composer(let context, let problem, let mark, _): return make(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.joined(separator: ", ")
            return CatalogProblem(
                file: file, line: context.mark.line, column: context.mark.column,
                message: LocalizedText(
                    de: "Doppelter Schlüssel in einer Zuordnung: \(keys)",
                    en: "Duplicate key in a mapping: \(keys)"))
        case .reader(let problem, _, _, _):
            return CatalogProblem(
                file: file, line: 1, column: 1,
                message: LocalizedText(
                    de: "Die Datei ist nicht lesbar: \(problem)", en: "The file is not readable: \(problem)"))
        default:
            return CatalogProblem(
                file: file, line: 1, column: 1,
                message: LocalizedText(de: "YAML-Fehler: \(error)", en: "YAML error: \(error)"))
        }
    }
}
