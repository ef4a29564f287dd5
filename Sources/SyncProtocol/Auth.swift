import CaseModel
import Foundation

/// Asks for an access token with a clerk's user name and password.
public struct LoginRequest: Hashable, Sendable, Codable {
    public var username: String
    public var password: String
    /// The workstation asking, recorded with the token.
    public var deviceID: String

    public init(username: String, password: String, deviceID: String) {
        self.username = username
        self.password = password
        self.deviceID = deviceID
    }

    private enum CodingKeys: String, CodingKey {
        case username, password
        case deviceID = "device_id"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: ["username", "password", "device_id"])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        username = try c.decode(String.self, forKey: .username)
        password = try c.decode(String.self, forKey: .password)
        deviceID = try c.decode(String.self, forKey: .deviceID)
    }
}

/// A fresh access token and who it belongs to.
public struct LoginResponse: Hashable, Sendable, Codable {
    /// The bearer token; only its hash is stored centrally.
    public var token: String
    public var expiresAt: Date
    /// The clerk's id, used as `Operation.clerk`.
    public var clerkID: String
    public var name: String
    public var orgUnits: [String]
    public var roles: [Role]
    public var protocolVersion: Int
    /// The escrow key of this clerk on this device (32 bytes, base64): wraps the replica's key a
    /// second time, so a password reset at the central service opens the replica again. Never
    /// stored by the workstation (`SavedLogin` drops it).
    public var escrowKey: String?
    /// How long the workstation may show cases without a successful contact with the central
    /// service, in seconds.
    public var offlineLimitSeconds: Int?

    public init(
        token: String, expiresAt: Date, clerkID: String, name: String, orgUnits: [String], roles: [Role],
        protocolVersion: Int = WireProtocol.version, escrowKey: String? = nil, offlineLimitSeconds: Int? = nil
    ) {
        self.escrowKey = escrowKey
        self.offlineLimitSeconds = offlineLimitSeconds
        self.token = token
        self.expiresAt = expiresAt
        self.clerkID = clerkID
        self.name = name
        self.orgUnits = orgUnits
        self.roles = roles
        self.protocolVersion = protocolVersion
    }

    private enum CodingKeys: String, CodingKey {
        case token, name, roles
        case expiresAt = "expires_at"
        case clerkID = "clerk_id"
        case orgUnits = "org_units"
        case protocolVersion = "protocol_version"
        case escrowKey = "escrow_key"
        case offlineLimitSeconds = "offline_limit_seconds"
    }
}
