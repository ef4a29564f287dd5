import Foundation

/// The settings of the central service: defaults, then a JSON file, then environment variables,
/// then command-line flags (each overriding the one before).
public struct CentralConfiguration: Hashable, Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8080
    /// `sqlite:PATH` or a `postgres://` URL.
    public var store = "sqlite:clerk-central.sqlite"
    public var tokenLifetimeSeconds: Double = 12 * 3600
    /// How long a workstation may show cases without a successful contact with the service
    /// (sent at login and with every pull page); 14 days.
    public var offlineLimitSeconds = 14 * 86400
    /// Larger request bodies are refused with 413.
    public var maxBodyBytes = 1 << 20
    /// Larger push batches are refused with 413.
    public var maxBatchOperations = 500
    public var defaultPullLimit = 200
    public var maxPullLimit = 1000
    /// A pull page holds, past its first case, at most this many bytes of case data (clients
    /// read up to 64 MiB; the largest case the limits allow stays well below that).
    public var maxPullBytes = 4 << 20
    /// How far ahead of the service's clock a device's time may be and still be kept as when
    /// a change was made offline; later times are taken as the time of arrival.
    public var clockSkewSeconds: Double = 300
    /// Claims are shortened to at most this long.
    public var maxClaimSeconds: Double = 8 * 3600
    public var logLevel = "info"
    /// A connection that sends nothing for this long (no request, or a request stalled part-way)
    /// is closed.
    public var idleTimeoutSeconds: Double = 30
    /// At most this many connections are open at once; further clients wait to be accepted.
    public var maxConnections = 1024
    /// The certificate chain (PEM) to serve HTTPS with; nil serves plain HTTP.
    public var tlsCertificatePath: String?
    /// The private key (PEM) of `tlsCertificatePath`.
    public var tlsKeyPath: String?

    public init() {}

    /// The JSON keys of a configuration file.
    static let fileKeys: Set<String> = [
        "host", "port", "store", "token_lifetime_seconds", "offline_limit_seconds", "max_body_bytes",
        "max_batch_operations",
        "default_pull_limit", "max_pull_limit", "max_pull_bytes", "max_claim_seconds",
        "clock_skew_seconds", "log_level", "idle_timeout_seconds", "max_connections", "tls_cert", "tls_key",
    ]

    /// The environment variables read, by setting.
    public static let environmentVariables: [String: String] = [
        "CLERK_CENTRAL_HOST": "host", "CLERK_CENTRAL_PORT": "port", "CLERK_CENTRAL_STORE": "store",
        "CLERK_CENTRAL_TOKEN_LIFETIME_SECONDS": "token_lifetime_seconds",
        "CLERK_CENTRAL_OFFLINE_LIMIT_SECONDS": "offline_limit_seconds",
        "CLERK_CENTRAL_MAX_BODY_BYTES": "max_body_bytes",
        "CLERK_CENTRAL_MAX_BATCH_OPERATIONS": "max_batch_operations",
        "CLERK_CENTRAL_DEFAULT_PULL_LIMIT": "default_pull_limit",
        "CLERK_CENTRAL_MAX_PULL_LIMIT": "max_pull_limit", "CLERK_CENTRAL_MAX_PULL_BYTES": "max_pull_bytes",
        "CLERK_CENTRAL_CLOCK_SKEW_SECONDS": "clock_skew_seconds",
        "CLERK_CENTRAL_MAX_CLAIM_SECONDS": "max_claim_seconds", "CLERK_CENTRAL_LOG_LEVEL": "log_level",
        "CLERK_CENTRAL_IDLE_TIMEOUT_SECONDS": "idle_timeout_seconds",
        "CLERK_CENTRAL_MAX_CONNECTIONS": "max_connections", "CLERK_CENTRAL_TLS_CERT": "tls_cert",
        "CLERK_CENTRAL_TLS_KEY": "tls_key",
    ]

    /// Loads defaults, then `file` (JSON, snake_case keys; unknown keys are errors), then the
    /// `CLERK_CENTRAL_*` variables of `environment`.
    public static func load(file: String?, environment: [String: String]) throws -> CentralConfiguration {
        var configuration = CentralConfiguration()
        if let file {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ConfigurationError.invalid("\(file): not a JSON object")
            }
            for (key, value) in object {
                guard fileKeys.contains(key) else {
                    throw ConfigurationError.invalid("\(file): unknown key \(key)")
                }
                try configuration.set(key, to: "\(value)")
            }
        }
        for (variable, key) in environmentVariables {
            if let value = environment[variable] { try configuration.set(key, to: value) }
        }
        return configuration
    }

    /// Sets one setting from its text form.
    public mutating func set(_ key: String, to value: String) throws {
        func int() throws -> Int {
            guard let number = Int(value) else {
                throw ConfigurationError.invalid("\(key): not a number: \(value)")
            }
            return number
        }
        func double() throws -> Double {
            guard let number = Double(value) else {
                throw ConfigurationError.invalid("\(key): not a number: \(value)")
            }
            return number
        }
        func positive(_ number: Double) throws -> Double {
            guard number > 0 else {
                throw ConfigurationError.invalid("\(key): must be greater than 0: \(value)")
            }
            return number
        }
        switch key {
        case "host": host = value
        case "port": port = try int()
        case "store": store = value
        case "token_lifetime_seconds": tokenLifetimeSeconds = try double()
        case "offline_limit_seconds":
            offlineLimitSeconds = try int()
            guard offlineLimitSeconds > 0 else {
                throw ConfigurationError.invalid("offline_limit_seconds: must be greater than 0")
            }
        case "max_body_bytes": maxBodyBytes = try int()
        case "max_batch_operations": maxBatchOperations = try int()
        case "default_pull_limit": defaultPullLimit = try int()
        case "max_pull_limit": maxPullLimit = try int()
        case "max_pull_bytes": maxPullBytes = try int()
        case "max_claim_seconds": maxClaimSeconds = try double()
        case "clock_skew_seconds": clockSkewSeconds = try double()
        case "log_level": logLevel = value
        case "idle_timeout_seconds": idleTimeoutSeconds = try positive(double())
        case "max_connections":
            maxConnections = try int()
            guard maxConnections > 0 else {
                throw ConfigurationError.invalid("max_connections: must be greater than 0")
            }
        case "tls_cert": tlsCertificatePath = value
        case "tls_key": tlsKeyPath = value
        default: throw ConfigurationError.invalid("unknown setting \(key)")
        }
    }
}

/// A configuration that cannot be used.
public enum ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): text
        }
    }
}
