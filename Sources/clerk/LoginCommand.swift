import ArgumentParser
import ClerkTUI
import Foundation
import SyncClient

/// `clerk login --server URL --user NAME [--ca FILE] [--insecure-http]` — asks for the password
/// without echo, makes or opens the replica's key file with it (the password of the replica is
/// the login password; the central service's escrow key lets a password reset there open it
/// again), and stores the access token sealed with the replica's key, readable only by the user.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "An der Zentrale anmelden und den Zugang sicher speichern.")

    @Option(
        help:
            "Adresse der Zentrale, z. B. https://zentrale.example:8443 (http:// nur zu diesem Rechner; Standard: server in config.yaml)."
    )
    var server: String?
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
    @Option(help: "Einstellungsdatei (Standard: ~/.config/clerk/config.yaml). / Settings file.")
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings: WorkstationSettings
        do {
            settings = try WorkstationSettings.load(
                file: config.map { URL(fileURLWithPath: $0) } ?? WorkstationSettings.defaultFile()
            ).overridden(by: environment)
        } catch {
            throw ValidationError(error.text(try language.resolved(environment: environment)))
        }
        let lang = try language.resolvedOver(settings.language, environment: environment)
        guard let server = server ?? settings.server else {
            throw ValidationError(
                say(
                    lang, "Welche Zentrale? --server https://… angeben (oder server: in config.yaml).",
                    "Which central service? Give --server https://… (or server: in config.yaml)."))
        }
        let caFile = ca ?? settings.caFile
        let transport = SyncTransport(
            caFile: caFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            insecureHTTP: insecureHTTP)
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
            let outcome = try await LoginFlow.login(
                server: server, user: user, password: password, device: ProcessInfo.processInfo.hostName,
                store: store,
                replicaPath: ConnectedWorkstation.replicaURL(server: server, username: user).path,
                transport: transport)
            if outcome.rewrapped {
                print(
                    say(
                        lang, "Das Replikat ist jetzt mit dem neuen Passwort geschützt.",
                        "The replica is now protected by the new password."))
            }
            print(
                say(
                    lang,
                    "Angemeldet als \(outcome.saved.login.name); Zugang gespeichert in \(store.url.path).",
                    "Logged in as \(outcome.saved.login.name); login saved to \(store.url.path)."))
        } catch {
            throw ValidationError(error.message.text(lang))
        }
    }
}
