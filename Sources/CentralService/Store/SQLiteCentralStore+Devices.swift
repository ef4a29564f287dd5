import Foundation
import GRDB

extension SQLiteCentralStore {
    public func escrowKey(clerkID: String, deviceID: String, at now: Date) async throws -> Data {
        try await pool.write { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT escrow_key, revoked_at FROM device_escrow WHERE clerk_id = ? AND device_id = ?",
                arguments: [clerkID, deviceID])
            if let row {
                if (row["revoked_at"] as Double?) != nil { throw StoreError.deviceRevoked }
                try db.execute(
                    sql: "UPDATE device_escrow SET last_contact = ? WHERE clerk_id = ? AND device_id = ?",
                    arguments: [now.timeIntervalSince1970, clerkID, deviceID])
                if let key = row["escrow_key"] as Data? { return key }
            }
            let key = EscrowKeys.random()
            try db.execute(
                sql: """
                    INSERT INTO device_escrow (clerk_id, device_id, escrow_key, first_seen, last_contact)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (clerk_id, device_id) DO UPDATE SET escrow_key = excluded.escrow_key
                    """,
                arguments: [clerkID, deviceID, key, now.timeIntervalSince1970, now.timeIntervalSince1970])
            return key
        }
    }

    public func recordContact(clerkID: String, deviceID: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE device_escrow SET last_contact = ?
                    WHERE clerk_id = ? AND device_id = ? AND last_contact < ?
                    """,
                arguments: [now.timeIntervalSince1970, clerkID, deviceID, now.timeIntervalSince1970])
        }
    }

    public func devices(clerkID: String) async throws -> [DeviceRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT device_id, first_seen, last_contact, revoked_at, escrow_key IS NOT NULL AS has_key
                    FROM device_escrow WHERE clerk_id = ? ORDER BY device_id
                    """, arguments: [clerkID]
            ).map { row in
                DeviceRecord(
                    clerkID: clerkID, deviceID: row["device_id"],
                    firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
                    lastContact: Date(timeIntervalSince1970: row["last_contact"]),
                    revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    hasEscrowKey: row["has_key"])
            }
        }
    }

    public func revokeDevice(clerkID: String, deviceID: String, at now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE device_escrow SET escrow_key = NULL, revoked_at = coalesce(revoked_at, ?)
                    WHERE clerk_id = ? AND device_id = ?
                    """,
                arguments: [now.timeIntervalSince1970, clerkID, deviceID])
            guard db.changesCount == 1 else { throw StoreError.unknownDevice(deviceID) }
            try db.execute(
                sql: """
                    UPDATE token SET revoked_at = ?
                    WHERE clerk_id = ? AND device_id = ? AND revoked_at IS NULL AND expires_at > ?
                    """,
                arguments: [now.timeIntervalSince1970, clerkID, deviceID, now.timeIntervalSince1970])
            return db.changesCount
        }
    }
}

/// Escrow keys as the stores make them.
enum EscrowKeys {
    /// 32 bytes from the system's random source.
    static func random() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
