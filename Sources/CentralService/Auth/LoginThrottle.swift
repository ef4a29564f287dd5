import Foundation
import Synchronization

/// Slows password guessing down: per user name and per source address, a few free attempts,
/// then a delay that doubles with every further failure, up to a cap.
///
/// Every admitted attempt counts as a failure until it is known to have succeeded
/// (`succeeded`), so attempts sent in parallel are counted before their passwords are checked
/// and a burst gets no more free tries than a sequence. While a user name or an address is
/// held, every attempt with it — the right password too — is refused without checking
/// (`429` with `Retry-After`), so the holder learns nothing and guessing cannot go on in
/// parallel. A success forgets the user name's failures; the address keeps its earlier ones
/// (one good login of their own must not let an attacker wipe their trail). An entry is
/// forgotten after a quiet `forgetAfter`.
///
/// The table is bounded: past `capacity` entries, the forgettable ones go first, then the ones
/// whose last attempt is oldest. An attacker spraying user names or addresses therefore cannot
/// grow memory without limit, but can push out old entries: each new entry costs them a full
/// password check (bcrypt), and their own address is held after `address.freeAttempts`.
///
/// Counting attempts in flight has a price: more than `address.freeAttempts` logins checked
/// at the same moment from one address (an office behind one NAT address at 8 o'clock) are
/// held too, for a second, until the checks before them succeed and take their counts back.
///
/// The source address is the TCP peer. Behind a reverse proxy that is the proxy, and the
/// per-address limit then holds for everyone behind it; the per-user limit still holds.
public final class LoginThrottle: Sendable {
    /// When attempts of one key are held.
    public struct Policy: Hashable, Sendable {
        /// Attempts allowed before any delay.
        public var freeAttempts: Int
        /// The delay after the first attempt beyond the free ones; it doubles with each further one.
        public var firstDelay: TimeInterval
        /// The longest delay.
        public var maxDelay: TimeInterval

        public init(freeAttempts: Int, firstDelay: TimeInterval, maxDelay: TimeInterval) {
            self.freeAttempts = freeAttempts
            self.firstDelay = firstDelay
            self.maxDelay = maxDelay
        }

        /// The wait after `attempts` counted attempts, from the last one.
        func delay(after attempts: Int) -> TimeInterval {
            guard attempts >= freeAttempts else { return 0 }
            let doublings = min(attempts - freeAttempts, 62)
            return min(maxDelay, firstDelay * pow(2, Double(doublings)))
        }
    }

    /// What is throttled: a user name or a source address.
    public enum Key: Hashable, Sendable {
        case user(String)
        case address(String)
    }

    /// The answer to an attempt.
    public enum Admission: Hashable, Sendable {
        /// Go on and check the password; the attempt is counted as a failure until `succeeded`.
        case admitted
        /// Refuse: held by `key` for `retryAfter` seconds more.
        case held(Key, retryAfter: TimeInterval)
    }

    private struct Entry {
        var attempts: Int
        var last: Date
    }

    /// 5 free attempts per user name, then 1 s, 2 s, 4 s … up to 15 min.
    public static let userPolicy = Policy(freeAttempts: 5, firstDelay: 1, maxDelay: 900)
    /// 20 free attempts per address (an office behind one address has many clerks), then the same.
    public static let addressPolicy = Policy(freeAttempts: 20, firstDelay: 1, maxDelay: 900)

    public let user: Policy
    public let address: Policy
    /// How long an entry is kept after its last attempt.
    public let forgetAfter: TimeInterval
    /// The most entries kept (user names and addresses together).
    public let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    public init(
        user: Policy = userPolicy, address: Policy = addressPolicy, forgetAfter: TimeInterval = 24 * 3600,
        capacity: Int = 10_000
    ) {
        self.user = user
        self.address = address
        self.forgetAfter = forgetAfter
        self.capacity = max(capacity, 2)
    }

    /// The key of a user name; names longer than 64 bytes are kept as their SHA-256, so a
    /// sprayed megabyte name costs the table no more than a short one.
    public static func userKey(_ name: String) -> Key {
        name.utf8.count <= 64 ? .user(name) : .user("sha256:" + Hashing.sha256Hex(Data(name.utf8)))
    }

    /// Admits an attempt as `userName` from `source` at `now` (and counts it), or says which
    /// key holds it and for how long.
    public func admit(userName: String, source: String, at now: Date) -> Admission {
        let keys = [Self.userKey(userName), .address(source)]
        return entries.withLock { entries in
            var longest: (key: Key, wait: TimeInterval)?
            for key in keys {
                guard let entry = entries[key], now.timeIntervalSince(entry.last) < forgetAfter else {
                    continue
                }
                let wait = entry.last.addingTimeInterval(policy(key).delay(after: entry.attempts))
                    .timeIntervalSince(now)
                if wait > 0, wait > longest?.wait ?? 0 { longest = (key, wait) }
            }
            if let longest { return .held(longest.key, retryAfter: longest.wait) }
            for key in keys {
                var entry = entries[key] ?? Entry(attempts: 0, last: now)
                if now.timeIntervalSince(entry.last) >= forgetAfter { entry.attempts = 0 }
                entry.attempts += 1
                entry.last = max(entry.last, now)
                entries[key] = entry
            }
            if entries.count > capacity { prune(&entries, now: now) }
            return .admitted
        }
    }

    /// Records that an admitted attempt as `userName` from `source` succeeded: the user name's
    /// failures are forgotten, the address's count goes back to what it was before the attempt.
    public func succeeded(userName: String, source: String) {
        entries.withLock { entries in
            entries[Self.userKey(userName)] = nil
            let key = Key.address(source)
            if var entry = entries[key] {
                entry.attempts -= 1
                entries[key] = entry.attempts > 0 ? entry : nil
            }
        }
    }

    /// How many user names and addresses are kept.
    public var count: Int { entries.withLock { $0.count } }

    private func policy(_ key: Key) -> Policy {
        switch key {
        case .user: user
        case .address: address
        }
    }

    /// Drops the forgettable entries, then the oldest, down to nine tenths of the capacity (so
    /// pruning happens once per many attempts, not on every one).
    private func prune(_ entries: inout [Key: Entry], now: Date) {
        entries = entries.filter { now.timeIntervalSince($0.value.last) < forgetAfter }
        let target = capacity - capacity / 10
        guard entries.count > target else { return }
        let oldest = entries.sorted { $0.value.last < $1.value.last }.prefix(entries.count - target)
        for (key, _) in oldest { entries[key] = nil }
    }
}
