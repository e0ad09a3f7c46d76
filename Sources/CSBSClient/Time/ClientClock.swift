/// The clock the client waits with. Tests inject a virtual one so that nothing waits in real time.
public protocol ClientClock: Sendable {
    /// A monotonic instant, for deadlines and elapsed times.
    func now() -> ContinuousClock.Instant
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real monotonic clock.
public struct SystemClock: ClientClock {
    public init() {}

    public func now() -> ContinuousClock.Instant { ContinuousClock.now }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
