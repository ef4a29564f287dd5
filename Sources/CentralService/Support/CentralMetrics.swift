import Foundation
import Synchronization

/// Counters of the central service, rendered in the Prometheus text format (version 0.0.4).
public final class CentralMetrics: Sendable {
    /// Upper bounds (seconds) of the request-duration histogram buckets.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct RequestKey: Hashable, Comparable {
        var method: String
        var route: String
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method) < (b.route, b.method) }
    }

    private struct Durations {
        var bucketCounts = Array(repeating: 0, count: CentralMetrics.buckets.count)
        var count = 0
        var sum = 0.0
    }

    private struct State {
        var requests: [RequestKey: [Int: Int]] = [:]
        var durations: [RequestKey: Durations] = [:]
        var operations: [String: Int] = [:]
        var loginFailures = 0
        var loginsThrottled: [String: Int] = [:]
    }

    /// The operation outcomes counted, in output order.
    public static let operationResults = ["applied", "duplicate", "conflict", "rejected"]

    private let state = Mutex(State())
    private let storeKind: StoreKind

    public init(storeKind: StoreKind) { self.storeKind = storeKind }

    /// Counts one finished request.
    public func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        let key = RequestKey(method: method, route: route)
        state.withLock { state in
            state.requests[key, default: [:]][status, default: 0] += 1
            var durations = state.durations[key] ?? Durations()
            durations.count += 1
            durations.sum += seconds
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound {
                durations.bucketCounts[index] += 1
            }
            state.durations[key] = durations
        }
    }

    /// Counts one pushed operation's outcome (`applied`, `duplicate`, `conflict`, `rejected`).
    public func recordOperation(_ result: String) {
        state.withLock { $0.operations[result, default: 0] += 1 }
    }

    /// Counts one login refused for a wrong password, an unknown or disabled clerk.
    public func recordLoginFailure() {
        state.withLock { $0.loginFailures += 1 }
    }

    /// Counts one login refused with 429 because the throttle held its `user` name or `address`.
    public func recordLoginThrottled(heldBy scope: String) {
        state.withLock { $0.loginsThrottled[scope, default: 0] += 1 }
    }

    /// What the login throttle can hold, in output order.
    public static let throttleScopes = ["user", "address"]

    /// All metrics in the Prometheus text exposition format.
    public func render() -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP clerk_central_http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE clerk_central_http_requests_total counter\n"
        for key in snapshot.requests.keys.sorted() {
            for (status, count) in (snapshot.requests[key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                out +=
                    "clerk_central_http_requests_total{method=\"\(escape(key.method))\",route=\"\(escape(key.route))\",status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP clerk_central_http_request_duration_seconds Time to answer HTTP requests.\n"
        out += "# TYPE clerk_central_http_request_duration_seconds histogram\n"
        for key in snapshot.durations.keys.sorted() {
            guard let durations = snapshot.durations[key] else { continue }
            let labels = "method=\"\(escape(key.method))\",route=\"\(escape(key.route))\""
            for (index, bound) in Self.buckets.enumerated() {
                out +=
                    "clerk_central_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(durations.bucketCounts[index])\n"
            }
            out +=
                "clerk_central_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(durations.count)\n"
            out += "clerk_central_http_request_duration_seconds_sum{\(labels)} \(durations.sum)\n"
            out += "clerk_central_http_request_duration_seconds_count{\(labels)} \(durations.count)\n"
        }
        out += "# HELP clerk_central_operations_total Pushed operations, by result.\n"
        out += "# TYPE clerk_central_operations_total counter\n"
        for result in Self.operationResults {
            out +=
                "clerk_central_operations_total{result=\"\(result)\"} \(snapshot.operations[result] ?? 0)\n"
        }
        out += "# HELP clerk_central_login_failures_total Logins refused for wrong credentials.\n"
        out += "# TYPE clerk_central_login_failures_total counter\n"
        out += "clerk_central_login_failures_total \(snapshot.loginFailures)\n"
        out +=
            "# HELP clerk_central_login_throttled_total Logins refused (429) while the throttle held the user name or the address.\n"
        out += "# TYPE clerk_central_login_throttled_total counter\n"
        for scope in Self.throttleScopes {
            out +=
                "clerk_central_login_throttled_total{held=\"\(scope)\"} \(snapshot.loginsThrottled[scope] ?? 0)\n"
        }
        out += "# HELP clerk_central_store_info The storage implementation in use.\n"
        out += "# TYPE clerk_central_store_info gauge\n"
        out += "clerk_central_store_info{kind=\"\(storeKind.rawValue)\"} 1\n"
        return out
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
