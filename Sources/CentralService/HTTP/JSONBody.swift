import Foundation
import Hummingbird
import SyncProtocol

/// Reading and writing JSON bodies with the wire coding and precise errors.
enum JSONBody {
    /// A JSON response with `status`.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try WireProtocol.makeEncoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The error as a JSON response.
    static func response(_ error: APIError) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = (try? WireProtocol.makeEncoder().encode(error.body)) ?? Data()
        return Response(
            status: error.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Collects at most `limit` bytes of the body and decodes it, mapping failures to 4xx errors.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.bodyTooLarge
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge
        } catch {
            // The body stream ended early: the client closed or half-closed the connection before
            // sending what Content-Length announced, or the connection timed out. Its fault, not ours.
            throw APIError.incompleteBody
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// Decodes `data`, mapping failures to 4xx errors.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try WireProtocol.makeDecoder().decode(type, from: data)
        } catch WireDecodingError.unknownField(let path) {
            throw APIError.badRequest(
                "unknown_field", "Unbekanntes Feld „\(path)“.", "Unknown field “\(path)”.")
        } catch WireDecodingError.invalidValue(let path) {
            throw invalidValue(path)
        } catch WireDecodingError.unknownOperationKind(let kind) {
            throw APIError(
                .unprocessableContent, "unknown_operation_kind",
                .init(de: "Unbekannte Vorgangsart „\(kind)“.", en: "Unknown operation kind “\(kind)”."))
        } catch let error as DecodingError {
            throw describe(error, data: data)
        }
    }

    private static func describe(_ error: DecodingError, data: Data) -> APIError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation's decoder reports a number that does not fit its type (1e30 for an Int64)
            // like broken JSON, without a path; the data being valid JSON tells the two apart.
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                return .numberOutOfRange
            }
            return .badRequest(
                "malformed_json", "Die Anfrage ist kein gültiges JSON.", "The request body is not valid JSON."
            )
        case .dataCorrupted(let context):
            return invalid(context)
        case .keyNotFound(let key, let context):
            let path = pathText(context.codingPath + [key])
            return .badRequest(
                "missing_field", "Pflichtfeld „\(path)“ fehlt.", "Required field “\(path)” is missing.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return invalid(context)
        @unknown default:
            return .badRequest("invalid_request", "Die Anfrage ist ungültig.", "The request is invalid.")
        }
    }

    private static func invalid(_ context: DecodingError.Context) -> APIError {
        invalidValue(pathText(context.codingPath))
    }

    private static func invalidValue(_ path: String) -> APIError {
        .badRequest("invalid_value", "Ungültiger Wert bei „\(path)“.", "Invalid value at “\(path)”.")
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
