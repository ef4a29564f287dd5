import Foundation

/// The version of the sync wire protocol and the JSON coding both sides use.
///
/// Envelope types of this module use explicit snake_case keys; the domain values they carry
/// (`Case`, `Citizen`, `Operation`, `FieldValue`) travel in their own CaseModel coding. No key
/// strategy is applied, because one would also rewrite the field ids in `[String: FieldValue]`.
/// Dates are ISO-8601 in UTC with milliseconds; decoding accepts them with or without fraction.
public enum WireProtocol {
    /// The protocol version this build speaks; bumped on every incompatible change.
    public static let version = 1

    /// A JSON encoder for wire values (sorted keys, ISO-8601 dates with milliseconds).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    /// A JSON decoder for wire values (ISO-8601 dates, with or without fractional seconds).
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO-8601 date: \(text)")
            }
            return date
        }
        return decoder
    }

    /// Formats an instant as ISO-8601 UTC with milliseconds, e.g. `2026-03-02T08:15:00.250Z`.
    public static func formatDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses an ISO-8601 instant with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
