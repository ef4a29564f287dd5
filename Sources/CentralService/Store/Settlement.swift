import CaseModel
import Foundation
import SyncProtocol

/// What a store writes for one decided operation; shared by every store implementation.
enum Settlement {
    /// Write the case (version already set), the citizen if any, one change-log entry.
    case write(Case, citizen: Citizen?, result: PushResult)
    /// Nothing changes; only the operation's result is recorded.
    case keep(result: PushResult)

    init(_ decision: OperationDecision, current: Case?) {
        let nextVersion = (current?.version ?? 0) + 1
        switch decision {
        case .rejected(let rejection):
            self = .keep(result: .rejected(rejection))
        case .applied(var next, let citizen):
            if let current, next == current {
                self = .keep(result: .applied(newVersion: current.version))
                return
            }
            next.version = nextVersion
            self = .write(
                next, citizen: current == nil ? citizen : nil, result: .applied(newVersion: nextVersion))
        case .conflict(var next, let fields):
            next.version = nextVersion
            self = .write(next, citizen: nil, result: .conflict(fields: fields, newVersion: nextVersion))
        }
    }
}

/// JSON coding of stored values; the same coding as on the wire.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try WireProtocol.makeEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try WireProtocol.makeDecoder().decode(type, from: Data(text.utf8))
    }
}

extension CaseModel.Operation {
    /// The hex SHA-256 of the operation's canonical JSON; a resent operation has the same hash.
    public func contentHash() throws -> String {
        try Hashing.sha256Hex(WireProtocol.makeEncoder().encode(self))
    }
}
