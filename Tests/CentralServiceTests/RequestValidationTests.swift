import CaseModel
import CentralService
import Foundation
import Hummingbird
import SyncProtocol
import Testing

@Suite("Bad requests get precise JSON errors")
struct RequestValidationTests {
    static func pushBody(_ edit: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        let request = PushRequest(deviceID: "d", operations: [Fixtures.create()])
        let data = try WireProtocol.makeEncoder().encode(request)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test(arguments: StoreFlavor.allCases)
    func malformedTruncatedAndUnknownContentIsRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(flavor, configure: { $0.maxBodyBytes = 16 * 1024 }) { server in
            let token = try await server.login("anna").token
            let good = try Self.pushBody()
            let cases: [(String, Data, HTTPResponse.Status, String)] = [
                ("truncated", good.prefix(good.count / 2), .badRequest, "malformed_json"),
                ("not json", Data("operations=1".utf8), .badRequest, "malformed_json"),
                ("empty", Data(), .badRequest, "malformed_json"),
                (
                    "unknown top-level field", try Self.pushBody { $0["priority"] = 1 }, .badRequest,
                    "unknown_field"
                ),
                (
                    "unknown operation field",
                    try Self.pushBody { root in
                        var operations = root["operations"] as? [[String: Any]] ?? []
                        operations[0]["colour"] = "red"
                        root["operations"] = operations
                    }, .badRequest, "unknown_field"
                ),
                (
                    "unknown operation kind",
                    try Self.pushBody { root in
                        var operations = root["operations"] as? [[String: Any]] ?? []
                        operations[0]["kind"] = ["kind": "delete_case"]
                        root["operations"] = operations
                    }, .unprocessableContent, "unknown_operation_kind"
                ),
                ("missing field", try Self.pushBody { $0["device_id"] = nil }, .badRequest, "missing_field"),
                ("wrong type", try Self.pushBody { $0["operations"] = "all" }, .badRequest, "invalid_value"),
            ]
            for (name, body, status, code) in cases {
                let response = try await server.send(.post, "/v1/sync/push", token: token, body: body)
                #expect(response.status == status, "\(name)")
                #expect(try server.error(response).code == code, "\(name)")
                #expect(try server.error(response).message.de.isEmpty == false, "\(name)")
            }
            let unknownLoginField = try await server.send(
                .post, "/v1/auth/login",
                body: Data(#"{"username":"anna","password":"x","device_id":"d","admin":true}"#.utf8))
            #expect(try server.error(unknownLoginField).code == "unknown_field")
            #expect(try await server.pull(token).changes.isEmpty, "nothing was applied")
        }
    }

    @Test(arguments: StoreFlavor.allCases)
    func oversizedBodiesAndBatchesAreRefused(_ flavor: StoreFlavor) async throws {
        try await withServer(
            flavor,
            configure: {
                $0.maxBodyBytes = 8 * 1024
                $0.maxBatchOperations = 3
            }
        ) { server in
            let token = try await server.login("anna").token
            let huge = Fixtures.create(fields: ["bemerkung": .text(String(repeating: "x", count: 9 * 1024))])
            let oversized = try await server.send(
                .post, "/v1/sync/push", token: token, json: PushRequest(deviceID: "d", operations: [huge]))
            #expect(oversized.status == .contentTooLarge)
            #expect(try server.error(oversized).code == "body_too_large")

            let batch = try await server.send(
                .post, "/v1/sync/push", token: token,
                json: PushRequest(deviceID: "d", operations: (0..<4).map { _ in Fixtures.create() }))
            #expect(batch.status == .contentTooLarge)
            #expect(try server.error(batch).code == "batch_too_large")
            #expect(try await server.push(token, (0..<3).map { _ in Fixtures.create() }).count == 3)
        }
    }

    @Test func unknownRoutesGetAJSONNotFound() async throws {
        try await withServer(.sqlite) { server in
            let response = try await server.send(.get, "/v1/nothing")
            #expect(response.status == .notFound)
            #expect(try server.error(response).code == "not_found")
        }
    }
}
