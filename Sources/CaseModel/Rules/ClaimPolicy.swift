import Foundation

/// How long a claim on a case lasts before it is released automatically.
///
/// Counter and phone work is short: 30 minutes, renewed while the clerk works. Field staff take
/// cases along and work offline for hours, so their claims last a working day (10 hours).
public struct ClaimPolicy: Hashable, Sendable {
    /// The claim duration for counter, phone and team-lead work.
    public var duration: TimeInterval
    /// The claim duration for field staff.
    public var fieldDuration: TimeInterval
    /// How far a claim may reach beyond the allowed duration, for clocks that differ slightly.
    public var tolerance: TimeInterval

    public init(
        duration: TimeInterval = 30 * 60, fieldDuration: TimeInterval = 10 * 3600,
        tolerance: TimeInterval = 120
    ) {
        self.duration = duration
        self.fieldDuration = fieldDuration
        self.tolerance = tolerance
    }

    /// 30 minutes, 10 hours in the field, 2 minutes tolerance.
    public static let standard = ClaimPolicy()

    /// The longest claim a clerk holding `roles` may take.
    public func duration(for roles: Set<Role>) -> TimeInterval {
        roles.contains(.field) ? max(duration, fieldDuration) : duration
    }

    /// When a claim taken at `now` by a clerk holding `roles` runs out.
    public func claimUntil(from now: Date, roles: Set<Role>) -> Date {
        now.addingTimeInterval(duration(for: roles))
    }
}
