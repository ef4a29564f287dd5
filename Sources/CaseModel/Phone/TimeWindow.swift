/// A time of day in Munich, to the minute ("14:30").
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    /// A time if hour is 0–23 and minute 0–59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// The time `minutes` after midnight (taken modulo one day).
    public init(minuteOfDay minutes: Int) {
        let m = ((minutes % 1440) + 1440) % 1440
        self.hour = m / 60
        self.minute = m % 60
    }

    /// Parses "14:30", "14.30" or "14".
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == ":" || $0 == "." }
        )
        guard (1...2).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) }),
            let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Minutes since midnight.
    public var minuteOfDay: Int { hour * 60 + minute }

    /// "14:30".
    public var description: String {
        "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minuteOfDay < b.minuteOfDay }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a time of day: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A window of time on one day, e.g. for a promised callback: "14:00–16:00".
public struct TimeWindow: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: TimeOfDay
    public var end: TimeOfDay

    /// A window if it starts before it ends.
    public init?(start: TimeOfDay, end: TimeOfDay) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// "14:00–16:00".
    public var description: String { "\(start)–\(end)" }

    /// "zwischen 14 und 16 Uhr", "zwischen 14 Uhr 30 und 15 Uhr", as said on the phone.
    public var spoken: String {
        func say(_ t: TimeOfDay) -> String { t.minute == 0 ? "\(t.hour)" : "\(t.hour) Uhr \(t.minute)" }
        if start.minute == 0 && end.minute == 0 { return "zwischen \(start.hour) und \(end.hour) Uhr" }
        return
            "zwischen \(say(start))\(start.minute == 0 ? " Uhr" : "") und \(say(end))\(end.minute == 0 ? " Uhr" : "")"
    }

    enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let start = try c.decode(TimeOfDay.self, forKey: .start)
        let end = try c.decode(TimeOfDay.self, forKey: .end)
        guard let window = TimeWindow(start: start, end: end) else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: c, debugDescription: "a time window must end after it starts")
        }
        self = window
    }
}
