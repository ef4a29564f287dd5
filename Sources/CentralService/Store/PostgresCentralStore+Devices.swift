import Foundation
import PostgresNIO

extension PostgresCentralStore {
    public func escrowKey(clerkID: String, deviceID: String, at now: Date) async throws -> Data {
        try await transaction { connection in
            let rows = try await connection.query(
                """
                SELECT escrow_key, revoked_at IS NOT NULL FROM device_escrow
                WHERE clerk_id = \(clerkID) AND device_id = \(deviceID) FOR UPDATE
                """, logger: logger)
            var found = false
            for try await (key, revoked) in rows.decode((Data?, Bool).self) {
                if revoked { throw StoreError.deviceRevoked }
                found = true
                try await connection.query(
                    """
                    UPDATE device_escrow SET last_contact = \(now)
                    WHERE clerk_id = \(clerkID) AND device_id = \(deviceID)
                    """, logger: logger)
                if let key { return key }
            }
            let key = EscrowKeys.random()
            if found {
                try await connection.query(
                    """
                    UPDATE device_escrow SET escrow_key = \(key)
                    WHERE clerk_id = \(clerkID) AND device_id = \(deviceID)
                    """, logger: logger)
            } else {
                // Two first logins at once: the second waits for the first's row and takes its key.
                let inserted = try await connection.query(
                    """
                    INSERT INTO device_escrow (clerk_id, device_id, escrow_key, first_seen, last_contact)
                    VALUES (\(clerkID), \(deviceID), \(key), \(now), \(now))
                    ON CONFLICT (clerk_id, device_id) DO NOTHING RETURNING 1
                    """, logger: logger)
                if try await inserted.collect().isEmpty {
                    throw StoreError.alreadyExists("device \(deviceID)")
                }
            }
            return key
        }
    }

    public func recordContact(clerkID: String, deviceID: String, at now: Date) async throws {
        try await client.query(
            """
            UPDATE device_escrow SET last_contact = \(now)
            WHERE clerk_id = \(clerkID) AND device_id = \(deviceID) AND last_contact < \(now)
            """, logger: logger)
    }

    public func devices(clerkID: String) async throws -> [DeviceRecord] {
        let rows = try await client.query(
            """
            SELECT device_id, first_seen, last_contact, revoked_at, escrow_key IS NOT NULL
            FROM device_escrow WHERE clerk_id = \(clerkID) ORDER BY device_id
            """, logger: logger)
        var devices: [DeviceRecord] = []
        for try await (device, first, last, revoked, hasKey) in rows.decode(
            (String, Date, Date, Date?, Bool).self)
        {
            devices.append(
                DeviceRecord(
                    clerkID: clerkID, deviceID: device, firstSeen: first, lastContact: last,
                    revokedAt: revoked,
                    hasEscrowKey: hasKey))
        }
        return devices
    }

    public func revokeDevice(clerkID: String, deviceID: String, at now: Date) async throws -> Int {
        try await transaction { connection in
            let marked = try await connection.query(
                """
                UPDATE device_escrow SET escrow_key = NULL, revoked_at = coalesce(revoked_at, \(now))
                WHERE clerk_id = \(clerkID) AND device_id = \(deviceID) RETURNING 1
                """, logger: logger)
            guard try await !marked.collect().isEmpty else { throw StoreError.unknownDevice(deviceID) }
            let rows = try await connection.query(
                """
                UPDATE token SET revoked_at = \(now)
                WHERE clerk_id = \(clerkID) AND device_id = \(deviceID) AND revoked_at IS NULL
                    AND expires_at > \(now)
                RETURNING hash
                """, logger: logger)
            return try await rows.collect().count
        }
    }
}
