import CaseModel
import Foundation
import Logging
import SyncClient
import SyncProtocol
import Testing

@Suite("Workstation log lines and transport checks")
struct LogAndTransportTests {
    @Test("a value with CR, LF, ESC, C1 or a bidi override stays on its line, escaped")
    func logValuesAreEscaped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "clerk-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("clerk.log").path
        let file = try LogFile(path: path)
        let logger = FileLogHandler.logger(label: "clerk.sync", file: file)
        let forged =
            "ws-1\r\nts=2026-01-01T00:00:00Z level=error msg=\"forged\"\u{1B}[2J\u{9B}\u{202E}\u{2066}x\u{7F}"
        logger.warning("sync failed", metadata: ["device": "\(forged)"])
        file.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1, "\(text.debugDescription)")
        #expect(
            !text.dropLast().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(
            text.contains(
                #"device="ws-1\r\nts=2026-01-01T00:00:00Z level=error msg=\"forged\"\u{1B}[2J\u{9B}\u{202E}\u{2066}x\u{7F}""#
            ))
        #expect(LogLine.quote("plain") == "plain")
        #expect(LogLine.quote("back\\slash") == #""back\\slash""#)
        #expect(LogLine.quote("") == #""""#)
    }

    @Test("a saved login keeps its CA file and plain-HTTP choice; an older one reads with the defaults")
    func savedLoginKeepsTheTransport() throws {
        let login = LoginResponse(
            token: "t", expiresAt: Date(timeIntervalSince1970: 0), clerkID: "anna", name: "Anna",
            orgUnits: ["m"],
            roles: [.counter])
        let saved = SavedLogin(
            server: "https://zentrale:8443", username: "anna", login: login,
            transport: SyncTransport(caFile: "/etc/clerk/ca.pem", insecureHTTP: false))
        let data = try WireProtocol.makeEncoder().encode(saved)
        #expect(String(decoding: data, as: UTF8.self).contains(#""ca_file":"/etc/clerk/ca.pem""#))
        // A token in clear (a file of an older version) is not taken: that login is made again.
        var withoutToken = saved
        withoutToken.login.token = ""
        #expect(try WireProtocol.makeDecoder().decode(SavedLogin.self, from: data) == withoutToken)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["transport"] = nil
        let older = try WireProtocol.makeDecoder().decode(
            SavedLogin.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.transport == SyncTransport())
    }

    @Test("plain http:// only to this machine unless allowed; https always; other schemes never")
    func transportCheck() throws {
        let strict = SyncTransport()
        for url in [
            "http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:8080", "http://[::1]:8080",
            "https://zentrale.muenchen.de", "https://10.0.0.5:8443",
        ] {
            #expect(throws: Never.self, "\(url)") { try strict.check(url) }
        }
        for url in [
            "http://10.0.0.5:8080", "http://zentrale.muenchen.de", "ftp://127.0.0.1", "zentrale", "http://",
        ] {
            #expect(throws: SyncError.self, "\(url)") { try strict.check(url) }
        }
        #expect(throws: Never.self) { try SyncTransport(insecureHTTP: true).check("http://10.0.0.5:8080") }
    }
}
