import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The way a city runs Clerk, with the real binaries: a `clerk-central serve` started on its own
/// with TLS (a certificate the test makes with openssl) and a SQLite store set up with `admin`,
/// then for each clerk `clerk login` and `clerk` in a terminal of their own (own HOME).
@Suite("Production path in tmux", .serialized)
struct ProductionPathEndToEndTests {
    static let root = WorkstationEndToEndTests.root
    static var clerk: String { root.appendingPathComponent(".build/debug/clerk").path }
    static var central: String { root.appendingPathComponent(".build/debug/clerk-central").path }
    static let password = "Hunde-Steuer-2026"

    /// A central service process of its own, over TLS on a free loopback port.
    final class CentralProcess {
        let process = Process()
        let port: Int
        let folder: URL
        var url: String { "https://localhost:\(port)" }

        init(folder: URL) throws {
            self.folder = folder
            port = try Self.freePort()
            let log = folder.appendingPathComponent("central.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.executableURL = URL(fileURLWithPath: ProductionPathEndToEndTests.central)
            process.arguments = [
                "serve", "--store", "sqlite:" + folder.appendingPathComponent("central.sqlite").path,
                "--host", "127.0.0.1", "--port", "\(port)",
                "--tls-cert", folder.appendingPathComponent("cert.pem").path,
                "--tls-key", folder.appendingPathComponent("key.pem").path,
            ]
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            try waitUntilListening()
        }

        deinit {
            kill(process.processIdentifier, SIGCONT)
            process.terminate()
            process.waitUntilExit()
        }

        /// Sends a signal to the central process (SIGSTOP: it hangs; SIGCONT: it goes on).
        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits until the port takes connections.
        func waitUntilListening() throws {
            let end = Date().addingTimeInterval(20)
            while Date() < end {
                if Self.connects(port) { return }
                guard process.isRunning else { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            let log =
                (try? String(contentsOf: folder.appendingPathComponent("central.log"), encoding: .utf8)) ?? ""
            throw E2EError.timeout(waitingFor: "clerk-central on port \(port)", screen: log)
        }

        static func connects(_ port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
        }

        /// A port nobody listens on now (the kernel's pick for port 0).
        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard bound else { throw E2EError.cannotRun("bind", errno) }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// The certificate, the store with the catalogue, an org unit and two clerks — the README's
    /// "Running it for real" steps.
    func setUpCentral(in folder: URL) throws {
        for binary in [Self.clerk, Self.central] where !FileManager.default.isExecutableFile(atPath: binary) {
            throw E2EError.missingBinary(binary)
        }
        let made = try TmuxSession.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", folder.appendingPathComponent("key.pem").path,
                "-out", folder.appendingPathComponent("cert.pem").path,
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            ])
        #expect(
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("cert.pem").path), "\(made)")
        let store = "sqlite:" + folder.appendingPathComponent("central.sqlite").path
        let catalog = Self.root.appendingPathComponent("Catalog").path
        let steps: [([String], String?)] = [
            (["admin", "import-catalog", catalog, "--store", store], nil),
            (
                [
                    "admin", "create-org-unit", "--store", store, "--id", "ska-4-2", "--name",
                    "Stadtkämmerei SKA 4.2", "--phone", "+49 89 233-20300",
                ], nil
            ),
            (
                [
                    "admin", "create-clerk", "--store", store, "--user", "anna", "--name", "Anna Berger",
                    "--roles", "counter", "--org-units", "ska-4-2", "--password-stdin",
                ], Self.password + "\n"
            ),
            (
                [
                    "admin", "create-clerk", "--store", store, "--user", "lena", "--name", "Lena Vogt",
                    "--roles", "team_lead", "--org-units", "ska-4-2", "--password-stdin",
                ], Self.password + "\n"
            ),
        ]
        for (arguments, input) in steps {
            let output = try TmuxSession.run(Self.central, arguments, input: input)
            #expect(!output.contains("rror"), "\(arguments): \(output)")
        }
    }

    /// A terminal of the clerk's own (HOME in `folder/name`) with `clerk login` done by typing
    /// the password at the prompt.
    func loggedIn(_ name: String, in folder: URL, central: CentralProcess) throws -> TmuxSession {
        let home = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let tmux = try TmuxSession(columns: 100, rows: 30, directory: home.path)
        try tmux.waitFor("$")
        try tmux.type(
            "'\(Self.clerk)' login --server \(central.url) --user \(name) --ca '\(folder.path)/cert.pem'")
        try tmux.press("Enter")
        try tmux.waitFor("Passwort für \(name):")
        try tmux.type(Self.password)
        try tmux.press("Enter")
        let screen = try tmux.waitFor("Angemeldet als", timeout: 60)
        #expect(!screen.contains(Self.password), "the password is never echoed:\n\(screen)")
        let login = home.appendingPathComponent(".config/clerk/login.json").path
        let mode = try FileManager.default.attributesOfItem(atPath: login)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        return tmux
    }

    /// `clerk` with no subcommand, the shell's exit status printed after it; the password that
    /// unlocks the replica typed at the workstation's unlock screen (never echoed).
    func startWorkstation(_ tmux: TmuxSession, arguments: String = "") throws {
        try clearScreen(tmux)
        try tmux.type("clear; '\(Self.clerk)'\(arguments); echo EXIT=$((0+$?))")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("Arbeitsplatz entsperren", timeout: 30)
        #expect(!screen.contains("Müller"), "no personal data before the unlock:\n\(screen)")
        try tmux.type(Self.password)
        try tmux.press("Enter")
    }

    /// Clears the terminal and waits until no earlier password prompt is on it, so the next one
    /// waited for is new.
    func clearScreen(_ tmux: TmuxSession) throws {
        try tmux.type("clear")
        try tmux.press("Enter")
        try tmux.waitUntilGone("Passwort für")
    }

    /// Waits for the password prompt of a command (`clerk logout`) and types the password.
    func typePassword(_ tmux: TmuxSession) throws {
        try tmux.waitFor("Passwort für", timeout: 30)
        try tmux.type(Self.password)
        try tmux.press("Enter")
    }

    func press(_ tmux: TmuxSession, _ keys: String...) throws {
        for key in keys {
            try tmux.press(key)
            Thread.sleep(forTimeInterval: 0.3)
        }
    }

    func type(_ tmux: TmuxSession, _ text: String) throws {
        try tmux.type(text)
        Thread.sleep(forTimeInterval: 0.3)
    }

    @Test func loginWorkstationEditArrivesAndAnotherClerksChangeShows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-prod-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try setUpCentral(in: folder)
        let central = try CentralProcess(folder: folder)

        // Anna: login, `clerk`, a new dog tax case.
        let anna = try loggedIn("anna", in: folder, central: central)
        try startWorkstation(anna)
        var screen = try anna.waitFor("Übersicht – Ihre Arbeitskörbe")
        screen = try anna.waitFor("● online")
        #expect(screen.contains("Anna Berger"))
        #expect(screen.contains("Hundesteuer"))
        #expect(!screen.contains("Wohngeld"), "only the services of Anna's own unit:\n\(screen)")
        try press(anna, "F4")
        try type(anna, "Hunde")
        try anna.waitFor("▸ Hundesteuer")
        try press(anna, "Enter")
        try anna.waitFor("Wie kam der Antrag herein?")
        try press(anna, "Enter", "Enter")
        try anna.waitFor("Name der Person")
        try type(anna, "Jürgen Müller")
        try press(anna, "Enter")
        try type(anna, "12.03.1961")
        try press(anna, "Enter")
        try type(anna, "Sendlinger Straße 12, 80331 München")
        try press(anna, "Enter", "Enter", "Insert")
        try anna.waitFor("Name des Hundes")
        try type(anna, "Bello")
        try press(anna, "Enter")
        try type(anna, "Dackel")
        try press(anna, "Enter", "Enter")
        try type(anna, "01.02.2024")
        try press(anna, "Enter", "Enter", "F9", "Enter", "Enter", "F9", "Enter", "F4")
        screen = try anna.waitFor("Vorgang angelegt")
        #expect(
            screen.contains("(vorläufig)"),
            "the workstation's own number until the service has it:\n\(screen)")
        // The central service numbers it: its first dog tax case of the year.
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        screen = try anna.waitFor("HUN-\(year)-000001 ·", timeout: 40)
        #expect(screen.contains("Ausgang 0"), "nothing left to send:\n\(screen)")
        let stored = try TmuxSession.run(
            "/usr/bin/sqlite3",
            [folder.appendingPathComponent("central.sqlite").path, "SELECT number FROM case_number"])
        #expect(stored.contains("HUN-\(year)-000001"), "in the central store: \(stored)")

        // Lena, on a terminal of her own, sees Anna's case and writes a note on it.
        let lena = try loggedIn("lena", in: folder, central: central)
        try startWorkstation(lena)
        try lena.waitFor("● online")
        try press(lena, "Down", "Enter")
        try lena.waitFor("Müller, Jürgen", timeout: 30)
        try press(lena, "Enter")
        try lena.waitFor("Notizen")
        try press(lena, "F11")
        try lena.waitFor("Notiz zum Vorgang")
        try type(lena, "Rückruf vereinbart")
        try press(lena, "F4")
        try lena.waitFor("Notiz gespeichert")

        // Anna, still on the case, sees Lena's note arrive without touching a key.
        screen = try anna.waitFor("Rückruf vereinbart", timeout: 40)
        #expect(screen.contains("lena"), "the note names its author:\n\(screen)")

        // Both quit cleanly.
        for tmux in [anna, lena] {
            try tmux.press("M-x")
            try tmux.waitFor("EXIT=0")
        }

        // What a thief finds on either laptop: none of the citizen's data in any byte of any file
        // the workstations wrote (replica and its log, key file, saved login, log file), and no
        // file or folder others may read. The same search finds the citizen in the central
        // service's (unsealed) store, so it is a search that finds what is there.
        let clerkFolders = ["anna", "lena"].flatMap {
            AtRestProof.clerkFolders(home: folder.appendingPathComponent($0))
        }
        let written = AtRestProof.files(in: clerkFolders)
        let names = written.map(\.lastPathComponent)
        #expect(names.contains("anna.sqlite") && names.contains("anna.sqlite.key"), "\(names)")
        #expect(names.contains("login.json") && names.contains("clerk.log"), "\(names)")
        let personal = [
            "Jürgen", "Müller", "1961-03-12", "12.03.1961", "Sendlinger", "Bello", "Dackel",
            "Rückruf vereinbart",
        ]
        #expect(AtRestProof.hits(of: personal, in: written) == [])
        #expect(AtRestProof.looseModes(in: clerkFolders) == [])
        let centralStore = ["central.sqlite", "central.sqlite-wal"].map { folder.appendingPathComponent($0) }
        #expect(!AtRestProof.hits(of: ["Müller"], in: centralStore).isEmpty, "the search finds what is there")

        // A hanging central service: the workstation starts at once on its replica, works, and
        // says it is offline.
        central.signal(SIGSTOP)
        let started = Date()
        try startWorkstation(anna)
        screen = try anna.waitFor("Übersicht – Ihre Arbeitskörbe", timeout: 5)
        let shownAfter = Date().timeIntervalSince(started)
        screen = try anna.waitFor("○ offline", timeout: 20)
        let offlineAfter = Date().timeIntervalSince(started)
        print(
            "production path: overview after \(shownAfter) s, offline after \(offlineAfter) s (central hangs)"
        )
        #expect(offlineAfter < 15, "offline within 10 s of a round starting:\n\(screen)")
        central.signal(SIGCONT)
        try anna.waitFor("● online", timeout: 30)
        try anna.press("M-x")
        try anna.waitFor("EXIT=0")

        // Logout revokes the token at the service and forgets it: a copy kept of the saved login
        // no longer works (the workstation asks for the password), and `clerk` says to log in.
        let saved = folder.appendingPathComponent("anna/.config/clerk/login.json")
        let copy = folder.appendingPathComponent("kept-login.json")
        try FileManager.default.copyItem(at: saved, to: copy)
        try clearScreen(anna)
        try anna.type("clear; '\(Self.clerk)' logout; '\(Self.clerk)'; echo LOGGED-OUT-$((40+2))")
        try anna.press("Enter")
        try typePassword(anna)
        screen = try anna.waitFor("LOGGED-OUT-42", timeout: 30)
        #expect(!screen.contains(Self.password), "\(screen)")
        #expect(screen.contains("abgemeldet; der Zugang ist gesperrt"), "\(screen)")
        #expect(screen.contains("Noch nicht angemeldet"), "\(screen)")
        #expect(!FileManager.default.fileExists(atPath: saved.path))
        try startWorkstation(anna, arguments: " --credentials '\(copy.path)'")
        screen = try anna.waitFor("Anmeldung nötig", timeout: 30)
        try anna.press("Escape")
        try anna.press("M-x")
        try anna.waitFor("EXIT=0")
    }
}
