import CaseModel
import Foundation
import SyncClient

/// The password that unlocks the clerk's replica at `clerk` start and at `clerk logout`, read
/// before the full screen starts: from `CLERK_PASSWORD` or standard input for scripts, else asked
/// on the terminal without echo (as `clerk login` does). Kept in one place: it gives way to a
/// prompt inside the workstation.
enum StartPassword {
    /// The variable scripts may set instead of typing the password.
    static let variable = "CLERK_PASSWORD"

    static func read(
        user: String, fromStandardInput: Bool, environment: [String: String], language lang: Language
    ) -> String? {
        if let given = environment[variable], !given.isEmpty { return given }
        let typed =
            fromStandardInput
            ? PasswordInput.readFromStandardInput()
            : PasswordInput.readFromTerminal(
                prompt: say(lang, "Passwort für \(user): ", "Password for \(user): "))
        guard let typed, !typed.isEmpty else { return nil }
        return typed
    }
}
