/// Exponential back-off with full jitter for retrying an unreachable central service.
///
/// The n-th retry waits a random time in `0 ... min(cap, base · 2ⁿ)`; the random source is
/// injected so tests are deterministic.
public struct Backoff: Sendable {
    public var base: Double
    public var cap: Double
    public private(set) var attempt: Int = 0

    public init(base: Double = 1, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }

    /// The delay in seconds before the next retry, and counts the attempt.
    public mutating func nextDelay(using random: inout some RandomNumberGenerator) -> Double {
        let ceiling = min(cap, base * Double(1 << min(attempt, 30)))
        attempt += 1
        return Double.random(in: 0...ceiling, using: &random)
    }

    /// Starts again from the shortest delay (after a success).
    public mutating func reset() { attempt = 0 }
}
