import ArgumentParser
import Foundation
import SyncClient

/// `clerk login --server URL --user NAME [--ca FILE] [--insecure-http]` — asks for the password
/// without echo and stores the access token readable only by the user, with how the server is
/// checked.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "An der Zentrale anmelden und den Zugang sicher speichern.")

    @Option(
        help: "Adresse der Zentrale, z. B. https://zentrale.example:8443 (http:// nur zu diesem Rechner).")
    var server: String
    @Option(help: "Benutzerkennung.") var user: String
    @Flag(help: "Passwort von der Standardeingabe lesen (für Skripte).") var passwordStdin = false
    @Option(help: "Datei für den gespeicherten Zugang (Standard: ~/.config/clerk/login.json).")
    var credentials: String?
    @Option(
        help:
            "Zertifikate der Zentrale (PEM), denen statt der Systemzertifikate vertraut wird. / CA file (PEM)."
    )
    var ca: String?
    @Flag(
        name: .customLong("insecure-http"),
        help:
            "Unverschlüsseltes http:// auch zu anderen Rechnern erlauben – nur für Tests. / Allow plain HTTP (testing only)."
    )
    var insecureHTTP = false
    @OptionGroup var language: LanguageOption

    func run() async throws {
        let lang = try language.resolved()
        let transport = SyncTransport(
            caFile: ca.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, insecureHTTP: insecureHTTP)
        // Before asking for the password: it must never go out in clear.
        do throws(SyncError) { try transport.check(server) } catch {
            throw ValidationError(error.message.text(lang))
        }
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
                store: store, transport: transport)
            print(
                say(
                    lang, "Angemeldet als \(saved.login.name); Zugang gespeichert in \(store.url.path).",
                    "Logged in as \(saved.login.name); login saved to \(store.url.path)."))
        } catch {
            throw ValidationError(error.message.text(lang))
        }
    }
}
