import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing

/// `promtool` from the Prometheus distribution, if it is installed.
enum Promtool {
    static let path = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs `promtool arguments…` with `input` on standard input; its status and what it said.
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String)? {
        guard let path else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("promtool is not installed (scripts/install-deps installs it)")
            } else {
                print("notice: promtool is not installed; skipping the check")
            }
            return nil
        }
        let run = try Subprocess.run(URL(fileURLWithPath: path), arguments, input: input)
        return (run.status, run.output + run.errors)
    }
}

@Suite("Prometheus exposition")
struct PrometheusExpositionTests {
    @Test("a scrape of a live service that answered logins, pushes and pulls passes promtool check metrics")
    func liveScrapePassesPromtool() async throws {
        try await withServer(.sqlite) { server in
            let anna = try await server.login("anna")
            _ = try await server.send(
                .post, "/v1/auth/login",
                json: LoginRequest(username: "anna", password: "falsch", deviceID: "dev-anna"))
            let create = Fixtures.create(by: "anna")
            #expect(try await server.push(anna.token, [create]) == [.applied(newVersion: 1)])
            let again = try await server.push(anna.token, [create])
            #expect(again == [.duplicate(original: .applied(newVersion: 1))])
            let page = try await server.pull(anna.token)
            #expect(page.changes.count == 1)
            _ = try await server.send(.get, "/nowhere")

            let scrape = String(buffer: try await server.send(.get, "/metrics").body)
            // The counts are those of the requests above.
            #expect(scrape.contains(#"clerk_central_operations_total{result="applied"} 1"#), "\(scrape)")
            #expect(scrape.contains(#"clerk_central_operations_total{result="duplicate"} 1"#))
            #expect(scrape.contains(#"clerk_central_operations_total{result="conflict"} 0"#))
            #expect(scrape.contains("clerk_central_pulled_cases_total 1"))
            #expect(scrape.contains("clerk_central_login_failures_total 1"))
            #expect(
                scrape.contains(
                    #"clerk_central_http_requests_total{method="POST",route="/v1/sync/push",status="200"} 2"#)
            )
            #expect(scrape.contains(#"clerk_central_store_info{kind="sqlite"} 1"#))
            // A histogram in seconds with its buckets, sum and count.
            #expect(
                scrape.contains(
                    #"clerk_central_http_request_duration_seconds_bucket{method="POST",route="/v1/sync/push",le="+Inf"} 2"#
                ))
            #expect(scrape.contains("# TYPE clerk_central_http_request_duration_seconds histogram"))
            // Every family is described.
            let types = scrape.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.count
            let helps = scrape.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.count
            #expect(types == helps && types >= 7, "\(scrape)")

            guard let checked = try Promtool.run(["check", "metrics"], input: scrape) else { return }
            #expect(checked.status == 0, "promtool check metrics: \(checked.output)\n\(scrape)")
        }
    }

    @Test("every metric the shipped alerting rules use is one the service exposes")
    func alertRulesUseExposedMetrics() async throws {
        let rulesFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/prometheus/alerts.yml")
        let rules = try String(contentsOf: rulesFile, encoding: .utf8)
        let used = Set(
            rules.matches(of: /clerk_central_[a-z_]+/).map { match in
                String(match.output).replacing(/_(bucket|sum|count)$/, with: "")
            })
        #expect(used.count >= 4, "\(used)")
        try await withServer(.sqlite) { server in
            _ = try await server.send(.get, "/health")  // request series appear with the first request
            let scrape = String(buffer: try await server.send(.get, "/metrics").body)
            for name in used.sorted() {
                #expect(
                    scrape.contains("# TYPE \(name) "),
                    "alerts.yml uses \(name), which /metrics does not have")
            }
        }
    }

    @Test("promtool refuses a broken exposition, so the check above can fail")
    func promtoolRefusesBrokenText() throws {
        let broken = "# TYPE clerk_x counter\nclerk_x{a=\"1\"} not-a-number\n"
        guard let checked = try Promtool.run(["check", "metrics"], input: broken) else { return }
        #expect(checked.status != 0, "\(checked.output)")
    }
}
