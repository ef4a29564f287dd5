import CaseModel
import Yams

/// Reads a YAML node tree and collects every problem with its file, line and column.
struct NodeReader {
    let file: String
    private(set) var problems: [CatalogProblem] = []

    init(file: String) { self.file = file }

    mutating func report(at node: Node?, de: String, en: String) {
        let mark = node?.mark
        report(line: mark?.line ?? 1, column: mark?.column ?? 1, de: de, en: en)
    }

    mutating func report(line: Int, column: Int, de: String, en: String) {
        problems.append(
            CatalogProblem(file: file, line: line, column: column, message: LocalizedText(de: de, en: en)))
    }

    /// The entries of a mapping by key; reports a non-mapping, unknown keys and missing required keys.
    mutating func mapping(
        _ node: Node, what: String, allowed: [String], required: [String]
    ) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            report(
                at: node,
                de: "\(what): hier wird eine Zuordnung (Schlüssel: Wert) erwartet, nicht \(kind(node).de).",
                en: "\(what): a mapping (key: value) is expected here, not \(kind(node).en).")
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(
                    at: keyNode, de: "\(what): Schlüssel müssen Text sein.", en: "\(what): keys must be text."
                )
                continue
            }
            guard allowed.contains(key) else {
                let list = allowed.joined(separator: ", ")
                report(
                    at: keyNode, de: "\(what): unbekannter Schlüssel „\(key)“. Erlaubt sind: \(list).",
                    en: "\(what): unknown key '\(key)'. Allowed are: \(list).")
                continue
            }
            entries[key] = value
        }
        for key in required where entries[key] == nil {
            report(
                at: node, de: "\(what): der Schlüssel „\(key)“ fehlt.",
                en: "\(what): the key '\(key)' is missing.")
        }
        return entries
    }

    /// The items of a sequence; reports anything else.
    mutating func sequence(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(
                at: node, de: "\(what): hier wird eine Liste erwartet, nicht \(kind(node).de).",
                en: "\(what): a list is expected here, not \(kind(node).en).")
            return nil
        }
        return Array(sequence)
    }

    /// The text of a scalar (numbers and booleans as written); reports empty text and non-scalars.
    mutating func string(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(
                at: node, de: "\(what): hier wird ein Text erwartet, nicht \(kind(node).de).",
                en: "\(what): text is expected here, not \(kind(node).en).")
            return nil
        }
        return scalar.string
    }

    /// A whole number; reports anything else.
    mutating func int(_ node: Node?, what: String) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report(
                at: node, de: "\(what): hier wird eine ganze Zahl erwartet, nicht \(kind(node).de).",
                en: "\(what): a whole number is expected here, not \(kind(node).en).")
            return nil
        }
        return value
    }

    /// `true` or `false`; reports anything else.
    mutating func bool(_ node: Node?, what: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, scalar.string == "true" || scalar.string == "false" else {
            report(
                at: node, de: "\(what): hier wird true oder false erwartet, nicht \(kind(node).de).",
                en: "\(what): true or false is expected here, not \(kind(node).en).")
            return nil
        }
        return scalar.string == "true"
    }

    /// `{de: …, en: …}`; both are required.
    mutating func localized(_ node: Node?, what: String) -> LocalizedText? {
        guard let node else { return nil }
        guard let entries = mapping(node, what: what, allowed: ["de", "en"], required: ["de", "en"]),
            let de = string(entries["de"], what: "\(what).de"),
            let en = string(entries["en"], what: "\(what).en")
        else { return nil }
        return LocalizedText(de: de, en: en)
    }

    /// A parsed expression; a syntax error is reported at its column inside the file where possible.
    mutating func expression(_ node: Node?, what: String) -> CaseModel.Expression? {
        guard let node, let source = string(node, what: what) else { return nil }
        do {
            return try CaseModel.Expression(parsing: source)
        } catch {
            let (line, column) = position(in: node, offset: error.column)
            report(
                line: line, column: column,
                de:
                    "\(what): der Ausdruck „\(source)“ ist fehlerhaft (Spalte \(error.column)): \(error.message.de)",
                en:
                    "\(what): the expression '\(source)' is invalid (column \(error.column)): \(error.message.en)"
            )
            return nil
        }
    }

    /// The file position of the `offset`-th (1-based) character of a one-line scalar.
    func position(in node: Node, offset: Int) -> (line: Int, column: Int) {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else { return (1, 1) }
        switch scalar.style {
        case .plain, .any: return (mark.line, mark.column + offset - 1)
        case .singleQuoted, .doubleQuoted: return (mark.line, mark.column + offset)
        case .literal, .folded: return (mark.line, mark.column)
        }
    }

    private func kind(_ node: Node) -> LocalizedText {
        switch node {
        case .scalar(let s):
            return s.string.isEmpty
                ? LocalizedText(de: "nichts", en: "nothing")
                : LocalizedText(de: "„\(s.string)“", en: "'\(s.string)'")
        case .mapping: return LocalizedText(de: "eine Zuordnung", en: "a mapping")
        case .sequence: return LocalizedText(de: "eine Liste", en: "a list")
        case .alias: return LocalizedText(de: "ein Alias", en: "an alias")
        }
    }
}
