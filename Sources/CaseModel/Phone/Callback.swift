import Foundation

/// A callback promised to a caller: the day, the time window and the number to call.
///
/// Callbacks make up the "Rückrufe" queue; a callback is due from the start of its window.
public struct Callback: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    /// The call in which it was promised.
    public var callID: UUID
    public var citizenID: UUID?
    /// The number to call back.
    public var number: String
    /// True when the number is the one on record (e.g. after a failed identity check).
    public var numberOnRecord: Bool
    public var day: LocalDate
    public var window: TimeWindow
    /// What the callback is about, in the clerk's words.
    public var topic: String
    public var serviceID: String?
    /// The clerk who promised it.
    public var promisedBy: String
    public var promisedAt: Date
    /// When it was done, nil while open.
    public var doneAt: Date?
    /// The answers the caller had given when the call broke off; the callback's interview starts from them.
    public var carriedOver: CarriedAnswers?

    public init(
        id: UUID = UUID(), callID: UUID, citizenID: UUID? = nil, number: String, numberOnRecord: Bool = false,
        day: LocalDate, window: TimeWindow, topic: String, serviceID: String? = nil, promisedBy: String,
        promisedAt: Date, doneAt: Date? = nil, carriedOver: CarriedAnswers? = nil
    ) {
        self.id = id
        self.callID = callID
        self.citizenID = citizenID
        self.number = number
        self.numberOnRecord = numberOnRecord
        self.day = day
        self.window = window
        self.topic = topic
        self.serviceID = serviceID
        self.promisedBy = promisedBy
        self.promisedAt = promisedAt
        self.doneAt = doneAt
        self.carriedOver = carriedOver
    }

    /// Whether it is open and its window has begun by `day` at `time` (Munich time).
    public func isDue(on day: LocalDate, at time: TimeOfDay) -> Bool {
        doneAt == nil && (self.day < day || (self.day == day && window.start <= time))
    }

    /// Whether it is open and its window has passed by `day` at `time`.
    public func isOverdue(on day: LocalDate, at time: TimeOfDay) -> Bool {
        doneAt == nil && (self.day < day || (self.day == day && window.end <= time))
    }

    /// "Rückruf am 3. Dezember 2026 zwischen 14 und 16 Uhr unter 089 – 12 34 56".
    public var spoken: String {
        "Rückruf am \(SpokenGerman.date(day)) \(window.spoken) unter \(SpokenGerman.phone(number))"
    }

    /// The open callbacks in the order they are due: day, window start, then when promised.
    public static func queue(_ callbacks: [Callback]) -> [Callback] {
        callbacks.filter { $0.doneAt == nil }.sorted {
            ($0.day, $0.window.start, $0.promisedAt) < ($1.day, $1.window.start, $1.promisedAt)
        }
    }
}
