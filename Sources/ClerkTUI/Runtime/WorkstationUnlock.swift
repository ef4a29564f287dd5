import CaseModel
import Foundation
import OfflineStore
import Synchronization
import TerminalKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Unlocks a workstation's sealed replica at start, before it is opened: the one way from a
/// replica's path to its unlocked key file (`ReplicaKeyFile`), for `clerk demo`,
/// `clerk --replica FILE` and the connected `clerk`.
///
/// The password comes from, in this order: `knownPassword` (the demo's); the environment
/// variable `CLERK_PASSWORD` (for scripts and tests: read once, then removed from the process's
/// environment; a wrong one ends the start); else a full-screen prompt on the terminal that
/// shows the clerk and the server and nothing else, never echoes, derives the key off the loop
/// thread ("Entsperre …") and waits longer after each wrong password (1, 2, 4 … 30 s). A replica
/// without a key file gets a new one when `whenKeyFileMissing` is `.create` — the prompt then asks
/// for the password twice; a plain replica left by an older version is never replaced here.
public struct WorkstationUnlock: Sendable {
    /// What to do when the replica has no key file yet.
    public enum MissingKeyFile: Sendable {
        /// Make a new key file (and so a new sealed replica) with the password given.
        case create
        /// Refuse to start, with this message.
        case refuse(LocalizedText)
    }

    /// The prompt was left with Esc; nothing was opened or created.
    public struct Cancelled: Error {}

    /// The replica file (its key file is `<replica>.key`).
    public var replicaPath: String
    /// The clerk's name as the prompt shows it.
    public var clerkName: String
    /// The central service's address, shown by the prompt when there is one.
    public var server: String?
    public var language: Language
    public var whenKeyFileMissing: MissingKeyFile
    /// A password known beforehand (the demo's); nil: `CLERK_PASSWORD` or the prompt.
    public var knownPassword: String?
    /// A hint under the password field (the demo's password); never a secret.
    public var hint: LocalizedText?
    /// The key derivation's cost for a new key file.
    public var cost: ScryptCost

    public init(
        replicaPath: String, clerkName: String, server: String? = nil, language: Language,
        whenKeyFileMissing: MissingKeyFile, knownPassword: String? = nil, hint: LocalizedText? = nil,
        cost: ScryptCost = .standard
    ) {
        self.replicaPath = replicaPath
        self.clerkName = clerkName
        self.server = server
        self.language = language
        self.whenKeyFileMissing = whenKeyFileMissing
        self.knownPassword = knownPassword
        self.hint = hint
        self.cost = cost
    }

    /// The environment variable a script or test may give the password in.
    public static let passwordVariable = "CLERK_PASSWORD"

    /// Unlocks the replica's key file (creating it if allowed): with the known password, else
    /// `CLERK_PASSWORD`, else the full-screen prompt on the terminal. Throws
    /// `WorkstationStartError` (with a message in both languages) or `Cancelled`.
    public func unlock() throws -> ReplicaKeyFile {
        try checkStart()
        if let knownPassword { return try unlockOnce(knownPassword) }
        if let password = Self.takePasswordFromEnvironment() { return try unlockOnce(password) }
        return try NcursesBackend.run { backend in try prompt(on: backend) }
    }

    /// Reads `CLERK_PASSWORD` and removes it from the environment; nil when unset or empty.
    public static func takePasswordFromEnvironment() -> String? {
        guard let value = getenv(passwordVariable) else { return nil }
        let password = String(cString: value)
        unsetenv(passwordVariable)
        return password.isEmpty ? nil : password
    }

    private var keyFilePath: String { ReplicaKeyFile.path(forReplica: replicaPath) }
    private var keyFileExists: Bool { FileManager.default.fileExists(atPath: keyFilePath) }

    /// Refuses what no password can fix: a missing key file that may not be made, or a plain
    /// replica (an older version's) that a new key would not open.
    func checkStart() throws {
        guard !keyFileExists else { return }
        if case .refuse(let message) = whenKeyFileMissing { throw WorkstationStartError(message: message) }
        if FileManager.default.fileExists(atPath: replicaPath) {
            throw WorkstationStartError(
                message: LocalizedText(
                    de: "Das Replikat \(replicaPath) ist nicht verschlüsselt (von einer älteren Version) und "
                        + "hat keine Schlüsseldatei. Es wird nicht verändert; bitte ausstehende Arbeit abgleichen "
                        + "und das Replikat dann neu anlegen lassen.",
                    en: "The replica \(replicaPath) is not encrypted (from an older version) and has no key "
                        + "file. It is left unchanged; please sync pending work, then let the replica be "
                        + "created anew."))
        }
    }

    /// One attempt without a prompt: a wrong password ends the start.
    func unlockOnce(_ password: String) throws -> ReplicaKeyFile {
        switch attempt(password) {
        case .success(let keyFile): return keyFile
        case .failure(let error):
            if case .sealed(.wrongPassword) = error as? ReplicaError {
                throw WorkstationStartError(
                    message: LocalizedText(
                        de: "Falsches Passwort für das Replikat.", en: "Wrong password for the replica."))
            }
            throw Self.startError(error)
        }
    }

    /// Creates the key file (when it is missing and may be made) or unlocks it.
    func attempt(_ password: String) -> Result<ReplicaKeyFile, any Error> {
        Result {
            if !keyFileExists, case .create = whenKeyFileMissing {
                return try ReplicaKeyFile.create(forReplica: replicaPath, password: password, cost: cost)
            }
            return try ReplicaKeyFile.unlock(forReplica: replicaPath, password: password)
        }
    }

    static func startError(_ error: any Error) -> WorkstationStartError {
        if let error = error as? WorkstationStartError { return error }
        if let error = error as? ReplicaError { return WorkstationStartError(message: error.message) }
        return WorkstationStartError(message: LocalizedText(de: "Fehler: \(error)", en: "Error: \(error)"))
    }

    /// The full-screen prompt on `backend` until the password unlocks (or Esc: `Cancelled`).
    /// Tests pass a headless backend.
    public func prompt(
        on backend: any TerminalBackend, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> ReplicaKeyFile {
        try checkStart()
        let creating = !keyFileExists
        let renderer = FrameRenderer(backend: backend)
        var entry = PasswordEntry()
        let answer = PendingAnswer()
        while true {
            let now = clock()
            entry.tick(now)
            if entry.checking, let result = answer.take() {
                switch result {
                case .success(let keyFile): return keyFile
                case .failure(let error):
                    guard case .sealed(.wrongPassword) = error as? ReplicaError else {
                        throw Self.startError(error)
                    }
                    entry.refused(at: clock())
                }
            }
            var buffer = ScreenBuffer(size: backend.size)
            LockView.draw(screen(entry, creating: creating, now: now), into: &buffer)
            try renderer.render(buffer)
            guard let event = try backend.pollInput(timeout: .milliseconds(100)) else { continue }
            if case .resize = event {
                renderer.invalidate()
                continue
            }
            switch entry.key(event, at: clock(), confirming: creating, cancellable: true) {
            case .none: break
            case .cancel: throw Cancelled()
            case .submit(let password):
                let unlock = self
                // The key derivation takes a moment: off this thread, so the screen says so.
                let thread = Thread { answer.put(unlock.attempt(password)) }
                thread.start()
            }
        }
    }

    /// What the prompt shows now.
    func screen(_ entry: PasswordEntry, creating: Bool, now: Date) -> LockScreen {
        var info = [LockText.clerk(clerkName).text(language)]
        if let server { info.append(LockText.server(server).text(language)) }
        let label = creating && entry.first != nil ? LockText.passwordAgain : LockText.password
        return LockScreen(
            title: (creating ? LockText.newPasswordTitle : LockText.unlockTitle).text(language),
            time: Formatting.time(now), info: info, label: label.text(language), entry: entry, now: now,
            help: (creating ? LockText.enterConfirmsEscQuits : LockText.enterUnlocksEscQuits).text(language),
            hint: hint?.text(language), language: language)
    }
}

/// The answer of a password check running on another thread.
private final class PendingAnswer: Sendable {
    private let value = Mutex<Result<ReplicaKeyFile, any Error>?>(nil)

    func put(_ result: Result<ReplicaKeyFile, any Error>) { value.withLock { $0 = result } }

    /// The answer, once; nil while the check runs.
    func take() -> Result<ReplicaKeyFile, any Error>? {
        value.withLock { current in
            defer { current = nil }
            return current
        }
    }
}
