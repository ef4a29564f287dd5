import Foundation
import Synchronization

/// Which devices' last contact the store already knows to within a minute, so that a pull (every
/// few seconds from every workstation) writes the device's last contact at most once a minute,
/// not on every request.
final class ContactNotes: Sendable {
    /// How stale the stored last contact may get.
    static let interval: TimeInterval = 60
    /// Beyond this many devices the notes start afresh (memory stays bounded).
    static let capacity = 100_000

    private let noted = Mutex<[String: Date]>([:])

    /// Whether the contact of `device` at `now` should be written: the first time, or a minute
    /// after the last one written. Takes note of it when it says yes.
    func shouldRecord(clerkID: String, deviceID: String, at now: Date) -> Bool {
        let key = clerkID + "\u{0}" + deviceID
        return noted.withLock { noted in
            if let last = noted[key], now.timeIntervalSince(last) < Self.interval, now >= last {
                return false
            }
            if noted.count >= Self.capacity { noted.removeAll(keepingCapacity: true) }
            noted[key] = now
            return true
        }
    }
}
