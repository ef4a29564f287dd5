import CaseModel
import Foundation

/// Sends a batch of outbox operations, in order.
public struct PushRequest: Hashable, Sendable, Codable {
    public var deviceID: String
    public var operations: [CaseModel.Operation]

    public init(deviceID: String, operations: [CaseModel.Operation]) {
        self.deviceID = deviceID
        self.operations = operations
    }

    private enum CodingKeys: String, CodingKey {
        case operations
        case deviceID = "device_id"
    }

    /// Decodes strictly: unknown keys anywhere in an operation and unknown kinds are errors.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: ["device_id", "operations"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deviceID = try c.decode(String.self, forKey: .deviceID)
        operations = try c.decode([StrictOperation].self, forKey: .operations).map(\.operation)
    }
}

/// The central answer to each pushed operation, in the order sent.
public struct PushResponse: Hashable, Sendable, Codable {
    public var results: [OperationResponse]

    public init(results: [OperationResponse]) { self.results = results }
}

/// The result for one pushed operation.
public struct OperationResponse: Hashable, Sendable, Codable {
    public var operationID: UUID
    public var result: PushResult

    public init(operationID: UUID, result: PushResult) {
        self.operationID = operationID
        self.result = result
    }

    private enum CodingKeys: String, CodingKey {
        case result
        case operationID = "operation_id"
    }
}

/// What the central service did with one operation.
public indirect enum PushResult: Hashable, Sendable {
    /// Applied; the case is now at `newVersion`.
    case applied(newVersion: Int64)
    /// Seen before: the result it got the first time.
    case duplicate(original: PushResult)
    /// Applied as far as possible; these fields conflict and are kept with both values.
    case conflict(fields: [FieldConflict], newVersion: Int64)
    /// Refused; the operation changed nothing and does not block later ones.
    case rejected(Rejection)

    /// The result with any `duplicate` wrapping removed.
    public var original: PushResult {
        if case .duplicate(let original) = self { return original.original }
        return self
    }
}

extension PushResult: Codable {
    private enum Key: String, CodingKey {
        case status, fields, rejection, original
        case newVersion = "new_version"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let status = try c.decode(String.self, forKey: .status)
        switch status {
        case "applied": self = .applied(newVersion: try c.decode(Int64.self, forKey: .newVersion))
        case "duplicate": self = .duplicate(original: try c.decode(PushResult.self, forKey: .original))
        case "conflict":
            self = .conflict(
                fields: try c.decode([FieldConflict].self, forKey: .fields),
                newVersion: try c.decode(Int64.self, forKey: .newVersion))
        case "rejected": self = .rejected(try c.decode(Rejection.self, forKey: .rejection))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: c, debugDescription: "unknown push status \(status)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .applied(let version):
            try c.encode("applied", forKey: .status)
            try c.encode(version, forKey: .newVersion)
        case .duplicate(let original):
            try c.encode("duplicate", forKey: .status)
            try c.encode(original, forKey: .original)
        case .conflict(let fields, let version):
            try c.encode("conflict", forKey: .status)
            try c.encode(fields, forKey: .fields)
            try c.encode(version, forKey: .newVersion)
        case .rejected(let rejection):
            try c.encode("rejected", forKey: .status)
            try c.encode(rejection, forKey: .rejection)
        }
    }
}
