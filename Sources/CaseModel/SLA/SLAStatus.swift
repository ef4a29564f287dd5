/// Where a case stands against its service's SLA on one day.
public struct SLAStatus: Hashable, Sendable, Codable {
    /// The Munich day the case was received.
    public var receivedDay: LocalDate
    /// The day the SLA is evaluated on: today, or the day the case reached a terminal state.
    public var asOf: LocalDate
    /// The last day the case may be decided on: received day + SLA working days + paused working days.
    public var dueDate: LocalDate
    /// Working days the clock stood still so far (waiting for the citizen).
    public var pausedWorkingDays: Int
    /// The countdown: working days left after `asOf` up to the due date (0 = due today);
    /// negative when overdue (at least -1 once the due date has passed).
    public var remainingWorkingDays: Int
    /// Whether the due date has passed (for a finished case: it was finished late).
    public var isBreached: Bool
    /// Whether the clock stands still now (the case waits for the citizen).
    public var isPaused: Bool
    /// Whether the case is in a terminal state, which stopped the clock for good.
    public var isStopped: Bool
    /// The traffic light for lists and the case header.
    public var light: TrafficLight

    /// Creates a status from its parts (normally made by `SLAPolicy.status(of:workflow:at:calendar:)`).
    public init(
        receivedDay: LocalDate, asOf: LocalDate, dueDate: LocalDate, pausedWorkingDays: Int,
        remainingWorkingDays: Int, isBreached: Bool, isPaused: Bool, isStopped: Bool, light: TrafficLight
    ) {
        self.receivedDay = receivedDay
        self.asOf = asOf
        self.dueDate = dueDate
        self.pausedWorkingDays = pausedWorkingDays
        self.remainingWorkingDays = remainingWorkingDays
        self.isBreached = isBreached
        self.isPaused = isPaused
        self.isStopped = isStopped
        self.light = light
    }
}
