/// Client-side pacing: at most `rate` requests per second on average, with bursts of up to `burst`.
public struct Pacing: Sendable, Hashable {
    /// Requests per second, refilled continuously. Must be positive.
    public var rate: Double
    /// The bucket size: how many requests may go out back to back after a quiet period.
    public var burst: Int

    /// - Parameters:
    ///   - rate: requests per second (values ≤ 0 are raised to 0.001).
    ///   - burst: the bucket size (at least 1).
    public init(rate: Double, burst: Int = 1) {
        self.rate = max(rate, 0.001)
        self.burst = max(burst, 1)
    }

    /// A pace for fan-outs (`for … parallel`) against a real cloud: 10 requests per second on average, bursts of
    /// 20. A fan-out's items share one client, so this bounds the whole fan-out; at 2–3 calls per backed-up server
    /// it sustains a `parallel 16` loop of backups that each take a minute or more, while staying well below the
    /// API gateway's per-project limits, so 429 answers (which the client retries) stay rare.
    public static let realCloudFanOut = Pacing(rate: 10, burst: 20)
}

/// A token bucket on the client's clock: ``acquire()`` returns at once while tokens remain and otherwise sleeps
/// (through ``ClientClock``, so tests never wait in real time) until one has refilled.
actor TokenBucket {
    private let pacing: Pacing
    private let clock: any ClientClock
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(pacing: Pacing, clock: any ClientClock) {
        self.pacing = pacing
        self.clock = clock
        tokens = Double(pacing.burst)
        updated = clock.now()
    }

    /// Takes one token, waiting for it when the bucket is empty.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws {
        let wait = reserve()
        if wait > .zero {
            try await clock.sleep(for: wait)
        }
    }

    /// Takes a token now (the balance may go negative: the debt is the caller's wait) and returns the wait.
    /// Reserving before sleeping keeps concurrent callers in order without a second pass.
    func reserve() -> Duration {
        refill()
        tokens -= 1
        guard tokens < 0 else { return .zero }
        let seconds = -tokens / pacing.rate
        return .nanoseconds(Int64((seconds * 1e9).rounded(.up)))
    }

    private func refill() {
        let now = clock.now()
        let elapsed = updated.duration(to: now).seconds
        if elapsed > 0 {
            tokens = min(Double(pacing.burst), tokens + elapsed * pacing.rate)
            updated = now
        }
    }
}
