import CaseModel

/// Something wrong in a catalogue file, with where it is (1-based line and column).
public struct CatalogProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file name as given to the loader (e.g. `hundesteuer.yaml`).
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, in German and English.
    public var message: LocalizedText

    public init(file: String, line: Int, column: Int, message: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// "file:line:column: message" in `language`, as compilers print it.
    public func text(_ language: Language) -> String {
        "\(file):\(line):\(column): \(message.text(language))"
    }

    public var description: String { text(.en) }
}

/// The services read from a catalogue and the problems found; a broken file does not stop the others.
public struct CatalogLoadResult: Sendable {
    /// Every service that loaded without problems.
    public var services: [ServiceDefinition]
    /// Every problem, in file order.
    public var problems: [CatalogProblem]

    public init(services: [ServiceDefinition], problems: [CatalogProblem]) {
        self.services = services
        self.problems = problems
    }

    /// True when no file had a problem.
    public var isClean: Bool { problems.isEmpty }

    /// The loaded services as a catalogue.
    public var catalog: Catalog { Catalog(services: services) }
}
