import Foundation
import GRDB

/// The last successful contact with the central service, as the replica keeps it.
public struct CentralContact: Hashable, Sendable {
    /// When a sync round or a login last succeeded (nil: never).
    public var lastContact: Date?
    /// How long cases may be shown without contact, as the central service last said (seconds).
    public var offlineLimitSeconds: Int?

    public init(lastContact: Date?, offlineLimitSeconds: Int?) {
        self.lastContact = lastContact
        self.offlineLimitSeconds = offlineLimitSeconds
    }

    /// The limit used when the central service never said one: 14 days.
    public static let defaultOfflineLimitSeconds = 14 * 86400

    /// Whether the workstation may show cases at `now`: the last contact is within the limit.
    /// Never a contact at all counts as too long (a replica that never synced has nothing to
    /// show anyway). A last contact in the future — the clock was set back — counts from `now`
    /// as if it had been at the limit's edge: it is allowed, which is why the clock is not a
    /// protection on its own (see ARCHITECTURE.md).
    public func allowsCases(at now: Date) -> Bool {
        guard let lastContact else { return false }
        let limit = Double(offlineLimitSeconds ?? Self.defaultOfflineLimitSeconds)
        return now.timeIntervalSince(lastContact) <= limit
    }
}

extension Replica {
    /// Records a successful contact with the central service at `date`, and the offline limit it
    /// gave (nil keeps the one recorded before).
    public func recordCentralContact(at date: Date, offlineLimitSeconds: Int?) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE sync_state SET last_contact_at = ?,
                        offline_limit_seconds = coalesce(?, offline_limit_seconds)
                    WHERE id = 1
                    """, arguments: [Millis.from(date), offlineLimitSeconds])
        }
    }

    /// The last recorded contact with the central service.
    public func centralContact() throws -> CentralContact {
        try pool.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT last_contact_at, offline_limit_seconds FROM sync_state WHERE id = 1")
            return CentralContact(
                lastContact: (row?["last_contact_at"] as Int64?).map(Millis.date),
                offlineLimitSeconds: row?["offline_limit_seconds"])
        }
    }
}
