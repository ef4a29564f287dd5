import CaseModel
import Foundation
import SyncProtocol

/// What a store writes for one decided operation; shared by every store implementation.
enum Settlement {
    /// Write the case (version already set), the citizen if any, one change-log entry; a new
    /// case gets its number under `numberPrefix` first, if one is given.
    case write(Case, citizen: CitizenWrite?, numberPrefix: String?, result: PushResult)
    /// Nothing changes; only the operation's result is recorded.
    case keep(result: PushResult)

    init(_ decision: OperationDecision, current: Case?) {
        let nextVersion = (current?.version ?? 0) + 1
        switch decision.outcome {
        case .rejected(let rejection):
            self = .keep(result: .rejected(rejection))
        case .applied(var next):
            if let current, next == current, decision.citizen == nil {
                self = .keep(result: .applied(newVersion: current.version))
                return
            }
            next.version = nextVersion
            let citizen = decision.citizen.map { current == nil ? CitizenWrite.addIfNew($0) : .replace($0) }
            self = .write(
                next, citizen: citizen, numberPrefix: current == nil ? decision.numberPrefix : nil,
                result: .applied(newVersion: nextVersion))
        case .conflict(var next, let fields):
            next.version = nextVersion
            self = .write(
                next, citizen: nil, numberPrefix: nil,
                result: .conflict(fields: fields, newVersion: nextVersion))
        }
    }
}

/// How a citizen's record is written.
enum CitizenWrite {
    /// With a new case: stored only if the org unit does not know the citizen yet.
    case addIfNew(Citizen)
    /// `update_citizen`: the corrected data replaces the stored data, all but the information
    /// block, which stays as stored.
    case replace(Citizen)

    var citizen: Citizen {
        switch self {
        case .addIfNew(let citizen), .replace(let citizen): citizen
        }
    }
}

/// Case numbers handed out by the store: the prefix, then a six-digit counter per prefix.
enum CaseNumbers {
    static func format(prefix: String, counter: Int64) -> String {
        let digits = String(counter)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
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

/// An operation as the store keeps it: its canonical JSON (what changed, with the device's
/// time) and the hash that recognises a resent operation.
struct StoredOperation: Sendable {
    let operation: CaseModel.Operation
    let body: String
    let contentHash: String

    /// The operation with its body and hash, from one encoding.
    init(_ operation: CaseModel.Operation) throws {
        let data = try WireProtocol.makeEncoder().encode(operation)
        self.operation = operation
        self.body = String(decoding: data, as: UTF8.self)
        self.contentHash = Hashing.sha256Hex(data)
    }
}
