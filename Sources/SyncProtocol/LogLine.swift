/// The `key=value` log line both programs write: one event, one line, whatever the values hold.
///
/// Values often come from a client (a device id, a path, a user name), so a value can never end
/// the line, start a forged one, move the cursor of a terminal showing the log, or reorder the
/// text around it: line breaks, every other C0 and C1 control character, DEL and the Unicode
/// direction controls are written as escapes.
public enum LogLine {
    /// The value as is if it is plain, else in double quotes with `\"`, `\\`, `\n`, `\r`, `\t`
    /// and `\u{…}` escapes.
    public static func quote(_ value: String) -> String {
        if !value.isEmpty, !value.unicodeScalars.contains(where: needsQuotes) { return value }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar):
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// Whether `scalar` forces quotes: a space, a quote, `=`, a backslash or a control character.
    static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\"" || scalar == "=" || scalar == "\\" || isControl(scalar)
    }

    /// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls
    /// (embeddings, overrides, isolates and marks).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
