import Foundation
import Logging

/// The central service running inside another program (the workstation's demo) on loopback.
///
/// It serves until `stop()`; it installs no signal handlers, so the host program keeps
/// control of the terminal and its signals.
public final class EmbeddedCentral: Sendable {
    /// The base URL, e.g. `http://127.0.0.1:8471`.
    public let url: String
    let task: Task<Void, any Error>

    /// Starts serving `store` (already migrated) on `127.0.0.1:port`.
    public init(store: any CentralStore, port: Int, logger: Logger) throws {
        var configuration = CentralConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        let app = try buildApplication(
            configuration: configuration, environment: CentralEnvironment(store: store, logger: logger))
        url = "http://127.0.0.1:\(port)"
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
    }

    /// Stops serving and waits until the service is down.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
