import CaseModel
import Foundation

/// The rules for new user names and passwords, and what a login refuses without checking.
///
/// - A **user name** is 1…64 characters of `a-z`, `0-9`, `.`, `_` and `-`, beginning with a
///   letter or digit. It is the clerk id in every operation, log line and file name, so it must
///   be unambiguous (no capitals, no look-alike letters, no spaces) and can never be read as a
///   command-line flag.
/// - A **new password** has at least 12 characters (BSI IT-Grundschutz ORP.4 for a password
///   without a second factor) and at most 256, and no control characters (a NUL, a tab, an
///   escape): bytes that are easy to type by mistake and that some tools cut at. A password of
///   only spaces is refused too. Every character counts (see `Credentials`).
/// - **At login** a password with a NUL or longer than the maximum is refused without checking,
///   because no stored password can match it; the answer is the same as for a wrong password.
///   The minimum length is not checked at login, so passwords set before the rule still work.
public enum CredentialRules {
    /// The longest user name.
    public static let maxUserNameLength = 64
    /// The fewest characters of a new password.
    public static let minPasswordLength = 12
    /// The most characters of any password.
    public static let maxPasswordLength = 256

    /// Why `name` cannot be a new user name, or nil if it can.
    public static func problem(userName name: String) -> LocalizedText? {
        let alphanumerics = Set("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
        let allowed = alphanumerics.union("._-".unicodeScalars)
        let scalars = name.unicodeScalars
        guard let first = scalars.first, alphanumerics.contains(first),
            scalars.count <= maxUserNameLength, scalars.allSatisfy(allowed.contains)
        else {
            return LocalizedText(
                de:
                    "Ungültiger Benutzername „\(CredentialRules.printable(name))“: 1 bis \(maxUserNameLength) Zeichen aus a–z, 0–9, Punkt, Unterstrich und Bindestrich, am Anfang ein Buchstabe oder eine Ziffer.",
                en:
                    "Invalid user name '\(CredentialRules.printable(name))': 1 to \(maxUserNameLength) characters of a-z, 0-9, dot, underscore and hyphen, beginning with a letter or digit."
            )
        }
        return nil
    }

    /// Why `password` cannot be set as a new password, or nil if it can. `minimumLength` is
    /// lowered only for the demo clerks of `seed-demo`.
    public static func problem(newPassword password: String, minimumLength: Int = minPasswordLength)
        -> LocalizedText?
    {
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return LocalizedText(
                de: "Das Passwort darf keine Steuerzeichen enthalten (auch kein NUL oder Tabulator).",
                en: "The password must not contain control characters (no NUL or tab either).")
        }
        if password.count < minimumLength || password.allSatisfy(\.isWhitespace) {
            return LocalizedText(
                de: "Das Passwort muss mindestens \(minimumLength) Zeichen haben (nicht nur Leerzeichen).",
                en: "The password must have at least \(minimumLength) characters (not only spaces).")
        }
        if password.count > maxPasswordLength {
            return LocalizedText(
                de: "Das Passwort darf höchstens \(maxPasswordLength) Zeichen haben.",
                en: "The password must not have more than \(maxPasswordLength) characters.")
        }
        return nil
    }

    /// Whether a login with `password` can be refused without checking it: no stored password
    /// has a NUL or is longer than the maximum.
    static func cannotMatch(password: String) -> Bool {
        password.utf8.contains(0) || password.count > maxPasswordLength
    }

    /// Whether a login as `name` can be refused without looking it up: no clerk has an empty
    /// name or one of more than 256 bytes (the user-name rule allows 64 characters; names from
    /// before the rule are still looked up).
    static func cannotExist(userName name: String) -> Bool {
        name.isEmpty || name.utf8.count > 256
    }

    /// `text` for a log line or a message: at most 64 characters, every character outside
    /// printable ASCII written as `\u{…}`, so a name can neither forge a line nor hide a letter.
    public static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(64) {
            if scalar.isASCII, scalar.value >= 0x20, scalar.value != 0x7F, scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        if text.unicodeScalars.count > 64 { out += "…(\(text.unicodeScalars.count))" }
        return out
    }
}
