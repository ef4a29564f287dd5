import ArgumentParser
import Foundation
import SyncClient

/// `clerk login --server URL --user NAME` — asks for the password without echo and stores the
/// access token readable only by the user.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "An der Zentrale anmelden und den Zugang sicher speichern.")

    @Option(help: "Adresse der Zentrale, z. B. http://127.0.0.1:8080.") var server: String
    @Option(help: "Benutzerkennung.") var user: String
    @Flag(help: "Passwort von der Standardeingabe lesen (für Skripte).") var passwordStdin = false
    @Option(help: "Datei für den gespeicherten Zugang (Standard: ~/.config/clerk/login.json).")
    var credentials: String?
    @OptionGroup var language: LanguageOption

    func run() async throws {
        let lang = try language.resolved()
        let password =
            passwordStdin
            ? PasswordInput.readFromStandardInput()
            : PasswordInput.readFromTerminal(
                prompt: say(lang, "Passwort für \(user): ", "Password for \(user): "))
        guard let password, !password.isEmpty else {
            throw ValidationError(say(lang, "Kein Passwort eingegeben.", "No password given."))
        }
        let store = CredentialStore(
            url: credentials.map { URL(fileURLWithPath: $0) } ?? CredentialStore.defaultURL())
        do {
            let saved = try await LoginFlow.login(
                server: server, user: user, password: password, device: ProcessInfo.processInfo.hostName,
                store: store)
            print(
                say(
                    lang, "Angemeldet als \(saved.login.name); Zugang gespeichert in \(store.url.path).",
                    "Logged in as \(saved.login.name); login saved to \(store.url.path)."))
        } catch {
            throw ValidationError(error.message.text(lang))
        }
    }
}
