/// The SLA state of a case at a glance: a colour plus a symbol, so it never relies on colour alone.
///
/// Thresholds: **red** once the case is overdue; **yellow** when at most
/// `yellowWorkingDays` (2) working days remain, or at most `yellowPercent` (20 %) of the
/// service's working days; **green** otherwise.
public enum TrafficLight: String, Hashable, Sendable, Codable, CaseIterable {
    case green, yellow, red

    /// Yellow at or below this many remaining working days.
    public static let yellowWorkingDays = 2
    /// Yellow at or below this share (in percent) of the SLA's working days remaining.
    public static let yellowPercent = 20

    /// The light for `remaining` working days of a `total`-day SLA, or red when `breached`.
    public static func light(remaining: Int, of total: Int, breached: Bool) -> TrafficLight {
        if breached || remaining < 0 { return .red }
        if remaining <= yellowWorkingDays || remaining * 100 <= total * yellowPercent { return .yellow }
        return .green
    }

    /// A one-cell symbol that tells the states apart without colour.
    public var symbol: String {
        switch self {
        case .green: "✓"
        case .yellow: "!"
        case .red: "✗"
        }
    }

    /// The light in words.
    public var label: LocalizedText {
        switch self {
        case .green: .init(de: "im Plan", en: "on track")
        case .yellow: .init(de: "Frist knapp", en: "due soon")
        case .red: .init(de: "Frist überschritten", en: "overdue")
        }
    }
}
