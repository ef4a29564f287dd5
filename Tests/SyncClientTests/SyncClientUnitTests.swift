import Foundation
import Logging
import OfflineStore
import SyncClient
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("SyncClient parts")
struct SyncClientUnitTests {
    /// A fixed sequence of random numbers.
    struct Counter: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 {
            value &+= 0x9E37_79B9_7F4A_7C15
            return value
        }
    }

    @Test("back-off waits at most base·2ⁿ, never more than the cap, and starts over after reset")
    func backoff() {
        var backoff = Backoff(base: 1, cap: 60)
        var random = Counter(value: 7)
        var ceilings: [Double] = []
        for attempt in 0..<10 {
            let delay = backoff.nextDelay(using: &random)
            let ceiling = min(60, pow(2, Double(attempt)))
            ceilings.append(ceiling)
            #expect(delay >= 0 && delay <= ceiling)
        }
        #expect(backoff.attempt == 10)
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.nextDelay(using: &random) <= 1)
        // With jitter, delays of one attempt spread over the range.
        var spread = Set<Int>()
        for _ in 0..<200 {
            var fresh = Backoff(base: 1, cap: 60)
            for _ in 0..<6 { _ = fresh.nextDelay(using: &random) }
            spread.insert(Int(fresh.nextDelay(using: &random)))
        }
        #expect(spread.count > 20)
    }

    @Test("the log file gets one quoted line per message, mode 0600")
    func logFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-log-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sync.log").path
        let file = try LogFile(path: path)
        let logger = FileLogHandler.logger(label: "clerk.sync", file: file, level: .info)
        logger.debug("not written")
        logger.warning("sync failed", metadata: ["error": "HTTP 502: bad \"gateway\""])
        file.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#"level=warning label=clerk.sync msg="sync failed""#) == true)
        #expect(lines.first?.contains(#"error="HTTP 502: bad \"gateway\"""#) == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("a token file is written with mode 0600, its token sealed, and read back")
    func credentialFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-cred-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CredentialStore(url: directory.appendingPathComponent("clerk/login.json"))
        #expect(try store.load() == nil)
        let login = SavedLogin(
            server: "http://127.0.0.1:8080", username: "anna",
            login: .init(
                token: "secret", expiresAt: Date(timeIntervalSince1970: 1_800_000_000), clerkID: "anna",
                name: "Anna", orgUnits: ["bb-mitte"], roles: [.counter]))
        let key = try ReplicaKeyFile.create(
            forReplica: directory.appendingPathComponent("r/anna.sqlite").path, password: "pw",
            cost: ScryptCost(n: 1024, r: 8, p: 1)
        ).key
        try store.save(login, sealingWith: key)
        try store.save(login, sealingWith: key)
        let raw = try Data(contentsOf: store.url)
        #expect(raw.range(of: Data("secret".utf8)) == nil, "the token is in clear")
        let loaded = try #require(try store.load())
        #expect(loaded.login.token.isEmpty)
        #expect(loaded.unsealed(with: key)?.login == login.login)
        let attributes = try FileManager.default.attributesOfItem(atPath: store.url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try store.delete()
        #expect(try store.load() == nil)
    }

    @Test("--password-stdin reads the first line without its line ending")
    func passwordFromPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = Array("Geheim 123\r\nzweite Zeile\n".utf8)
        _ = text.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        let saved = dup(STDIN_FILENO)
        dup2(fds[0], STDIN_FILENO)
        let password = PasswordInput.readFromStandardInput()
        dup2(saved, STDIN_FILENO)
        close(saved)
        close(fds[0])
        #expect(password == "Geheim 123")
    }

    @Test("errors read as a clerk would say them; only clerk-fixable ones stop retrying")
    func errorWords() {
        let errors: [SyncError] = [
            .unreachable(detail: "connect refused"), .unauthorized(detail: "expired"),
            .badResponse(detail: "junk"), .serverFailure(status: 500, detail: "x"),
            .localStore(detail: "disk"), .tooLarge(limit: 64 << 20, detail: "GET /v1/sync/pull"),
        ]
        for error in errors {
            #expect(!error.message.de.isEmpty && !error.message.en.isEmpty)
            #expect(!error.message.de.contains("HTTP"))
        }
        #expect(errors.map(\.isTransient) == [true, false, true, true, true, true])
        #expect(SyncError.tooLarge(limit: 64 << 20, detail: "").message.de.contains("64 MB"))
        #expect(SyncError.tooLarge(limit: 64 << 20, detail: "").message.en.contains("64 MB"))
    }
}
