import CoreMetrics
import Foundation
import Prometheus

/// The central service's metrics, recorded through the swift-metrics API into a Prometheus
/// registry of this service's own (not the process-wide `MetricsSystem`, so that several services
/// in one process — tests, the demo — never count into each other) and exposed in the Prometheus
/// text format (version 0.0.4).
///
/// swift-metrics carries no help texts; `render()` adds a `# HELP` line for each metric family
/// from `help`, so `promtool check metrics` finds every family described.
public final class CentralMetrics: Sendable {
    /// Upper bounds (seconds) of the request-duration histogram buckets.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// The operation outcomes counted.
    public static let operationResults = ["applied", "duplicate", "conflict", "rejected"]
    /// What the login throttle can hold.
    public static let throttleScopes = ["user", "address"]

    enum Name {
        static let requests = "clerk_central_http_requests_total"
        static let durations = "clerk_central_http_request_duration_seconds"
        static let operations = "clerk_central_operations_total"
        static let pulledCases = "clerk_central_pulled_cases_total"
        static let loginFailures = "clerk_central_login_failures_total"
        static let loginsThrottled = "clerk_central_login_throttled_total"
        static let storeInfo = "clerk_central_store_info"
    }

    /// The help text of each metric family.
    static let help: [String: String] = [
        Name.requests: "HTTP requests answered, by method, route and status.",
        Name.durations: "Time to answer HTTP requests, by method and route.",
        Name.operations: "Pushed operations, by result.",
        Name.pulledCases: "Cases delivered to workstations in pull pages.",
        Name.loginFailures: "Logins refused for wrong credentials.",
        Name.loginsThrottled: "Logins refused (429) while the throttle held the user name or the address.",
        Name.storeInfo: "The storage implementation in use.",
    ]

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init(storeKind: StoreKind) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Name.durations] = Self.buckets.map {
            .nanoseconds(Int64(($0 * 1e9).rounded()))
        }
        self.factory = factory
        // Every series a dashboard or an alert expects is there from the start, at 0.
        for result in Self.operationResults {
            _ = Counter(label: Name.operations, dimensions: [("result", result)], factory: factory)
        }
        for scope in Self.throttleScopes {
            _ = Counter(label: Name.loginsThrottled, dimensions: [("held", scope)], factory: factory)
        }
        _ = Counter(label: Name.loginFailures, factory: factory)
        _ = Counter(label: Name.pulledCases, factory: factory)
        Gauge(label: Name.storeInfo, dimensions: [("kind", storeKind.rawValue)], factory: factory).record(1)
    }

    /// Counts one finished request and its duration.
    public func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        Counter(
            label: Name.requests,
            dimensions: [("method", method), ("route", route), ("status", "\(status)")],
            factory: factory
        ).increment()
        Timer(label: Name.durations, dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Counts one pushed operation's outcome (`applied`, `duplicate`, `conflict`, `rejected`).
    public func recordOperation(_ result: String) {
        Counter(label: Name.operations, dimensions: [("result", result)], factory: factory).increment()
    }

    /// Counts the cases one pull page delivered.
    public func recordPulled(cases: Int) {
        Counter(label: Name.pulledCases, factory: factory).increment(by: cases)
    }

    /// Counts one login refused for a wrong password, an unknown or disabled clerk.
    public func recordLoginFailure() {
        Counter(label: Name.loginFailures, factory: factory).increment()
    }

    /// Counts one login refused with 429 because the throttle held its `user` name or `address`.
    public func recordLoginThrottled(heldBy scope: String) {
        Counter(label: Name.loginsThrottled, dimensions: [("held", scope)], factory: factory).increment()
    }

    /// All metrics in the Prometheus text exposition format, each family with its help text.
    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var out = ""
        for line in String(decoding: buffer, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: true)
        {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first,
                let help = Self.help[String(name)]
            {
                out += "# HELP \(name) \(help)\n"
            }
            out += line + "\n"
        }
        return out
    }
}
