import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing

@Suite("Catalog, health and metrics")
struct ServiceEndpointTests {
    @Test(arguments: StoreFlavor.allCases)
    func catalogGivesTheNewestVersionOfEachService(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            for entry in [
                CatalogEntry(serviceID: "hundesteuer", version: 1, source: "id: hundesteuer\nversion: 1\n"),
                CatalogEntry(serviceID: "hundesteuer", version: 2, source: "id: hundesteuer\nversion: 2\n"),
                CatalogEntry(serviceID: "anmeldung", version: 1, source: "id: anmeldung\nversion: 1\n"),
            ] {
                try await server.store.putCatalogEntry(entry)
            }
            let token = try await server.login("bernd").token
            let response = try await server.send(.get, "/v1/catalog", token: token)
            #expect(response.status == .ok)
            let catalog = try server.decode(CatalogResponse.self, response)
            #expect(catalog.services.mapValues(\.version) == ["hundesteuer": 2, "anmeldung": 1])
            #expect(catalog.services["hundesteuer"]?.source == "id: hundesteuer\nversion: 2\n")
            #expect(try await server.send(.get, "/v1/catalog").status == .unauthorized)
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func healthAndMetricsTellWhatHappened(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor) { server in
            let health = try await server.send(.get, "/health")
            #expect(health.status == .ok)
            #expect(String(buffer: health.body).contains("\"store\":\"\(flavor.rawValue)\""))

            let token = try await server.login("anna").token
            let create = Fixtures.create()
            _ = try await server.push(token, [create, create])
            _ = try await server.push(
                token,
                [
                    Fixtures.op(
                        create.caseID, base: 1,
                        .transition(from: "eingegangen", to: "entschieden", reason: nil))
                ])
            _ = try await server.send(.get, "/v1/sync/pull")

            let response = try await server.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            let samples = Self.samples(text)
            #expect(samples["clerk_central_operations_total{result=\"applied\"}"] == 1)
            #expect(samples["clerk_central_operations_total{result=\"duplicate\"}"] == 1)
            #expect(samples["clerk_central_operations_total{result=\"rejected\"}"] == 1)
            #expect(samples["clerk_central_operations_total{result=\"conflict\"}"] == 0)
            #expect(samples["clerk_central_store_info{kind=\"\(flavor.rawValue)\"}"] == 1)
            #expect(
                samples[
                    "clerk_central_http_requests_total{method=\"POST\",route=\"/v1/sync/push\",status=\"200\"}"
                ] == 2)
            #expect(
                samples[
                    "clerk_central_http_requests_total{method=\"GET\",route=\"/v1/sync/pull\",status=\"401\"}"
                ] == 1)
            #expect(
                samples[
                    "clerk_central_http_request_duration_seconds_count{method=\"POST\",route=\"/v1/sync/push\"}"
                ] == 2)
            #expect(text.contains("# TYPE clerk_central_http_request_duration_seconds histogram"))
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                #expect(line.split(separator: " ").count == 2, "sample line: \(line)")
            }
        }
    }

    /// Parses `name{labels} value` lines of the Prometheus text format.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
