import CaseModel
import Foundation
import Logging
import OfflineStore
import SyncClient
import SyncProtocol
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Every line a logger was given, with its metadata, as the log would hold it.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    /// A logger writing here at every level.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in CapturingHandler(label: label, log: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingHandler: LogHandler {
    let label: String
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append("\(event.level) \(label) \(event.message) \(all)")
    }
}

@Suite("Personal data in logs")
struct PersonalDataInLogsTests {
    /// Values that are the citizen's: none may reach a log.
    static let family = "Brandlhuberová"
    static let personal = [family, "Josefine", "1941-05-17", "17.05.1941", "Sendlinger", "Waldi-Maxl"]

    @Test("a sync with conflicts, refusals and a malformed push logs none of a citizen's data")
    func syncLogsNoPersonalData() async throws {
        let central = CapturedLog()
        try await withCentral(configure: { $0.logLevel = "trace" }, logger: central.logger("central")) {
            world in
            let directory = try World.temporaryDirectory("logs")
            defer { try? FileManager.default.removeItem(at: directory) }
            let logPath = directory.appendingPathComponent("clerk.log").path
            let logFile = try LogFile(path: logPath)
            let clientLogger = FileLogHandler.logger(label: "clerk.sync", file: logFile)
            let anna = try await Node.make("anna", central: world, logger: clientLogger)
            let dora = try await Node.make("dora", central: world, logger: clientLogger)
            let bernd = try await Node.make("bernd", central: world, logger: clientLogger)
            defer { for node in [anna, dora, bernd] { node.close() } }

            var citizen = World.citizen(Self.family)
            citizen.name = PersonName(given: "Josefine", family: Self.family)
            let create = World.create(by: "anna", citizen: citizen)
            try anna.replica.record(create)
            try anna.record(
                create.caseID, .addComment(text: "Rückruf an Frau \(Self.family) wegen Waldi-Maxl"))
            _ = try await anna.engine.syncOnce()
            _ = try await dora.engine.syncOnce()
            _ = try await bernd.engine.syncOnce()

            // The same field changed by two clerks: a conflict, logged by both sides.
            try anna.record(
                create.caseID, .setField(field: "name_hund", old: .text("Bello"), new: .text("Waldi-Maxl")))
            try dora.record(
                create.caseID,
                .setField(field: "name_hund", old: .text("Bello"), new: .text("Maxl \(Self.family)")))
            // A change the central refuses: bernd is on the phone and may not start work.
            try bernd.record(
                create.caseID, .transition(from: "eingegangen", to: "in_bearbeitung", reason: nil))
            _ = try await anna.engine.syncOnce()
            _ = try await dora.engine.syncOnce()
            _ = try await bernd.engine.syncOnce()

            // A push the central cannot read, carrying a name and a broken birth date.
            let token = try await world.token("anna")
            var request = URLRequest(url: URL(string: world.url + "/v1/sync/push")!)
            request.httpMethod = "POST"
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(
                """
                {"device_id":"dev-anna","operations":[{"citizen":{"family":"\(Self.family)",\
                "date_of_birth":"1941-05-17T99"}}]}
                """.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 400)

            logFile.close()
            let client = try String(contentsOfFile: logPath, encoding: .utf8)
            // The logs are there and speak of what happened, so an empty log cannot pass.
            #expect(client.contains("operation rejected"), "\(client)")
            #expect(central.text.contains("/v1/sync/push"))
            #expect(central.text.contains("login"))
            for value in Self.personal {
                #expect(!client.contains(value), "the workstation's log holds \(value)")
                #expect(!central.text.contains(value), "the central service's log holds \(value)")
            }
        }
    }
}
