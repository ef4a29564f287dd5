/// Why a request body was refused although it is well-formed JSON.
public enum WireDecodingError: Error, Hashable, Sendable {
    /// A key that the protocol does not know, with its path (e.g. `operations[0].kind.colour`).
    case unknownField(path: String)
    /// An operation kind that this protocol version does not know.
    case unknownOperationKind(String)
    /// A value that does not fit its type, with its path (e.g. a `baseVersion` of 1e30).
    case invalidValue(path: String)
}

/// A coding key for any string, used to list the keys a JSON object really has.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws `WireDecodingError.unknownField` if the object at `decoder` has a key outside `allowed`.
func rejectUnknownKeys(in decoder: any Decoder, allowed: Set<String>) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    try rejectUnknownKeys(in: container, allowed: allowed, path: pathText(decoder.codingPath))
}

/// Throws `WireDecodingError.unknownField` if `container` has a key outside `allowed`.
func rejectUnknownKeys(
    in container: KeyedDecodingContainer<AnyCodingKey>, allowed: Set<String>, path: String
) throws {
    let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
    if let first = unknown.first {
        throw WireDecodingError.unknownField(path: path.isEmpty ? first : "\(path).\(first)")
    }
}

/// A coding path as text, e.g. `operations[2].kind`.
func pathText(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return text
}
