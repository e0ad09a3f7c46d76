import CSBSClient
import Synchronization

/// The clock of a dry run: sleeping moves its time forward at once, so `sleep` and waits cost no real time.
public final class DryRunClock: ClientClock, Sendable {
    private let offset = Mutex(Duration.zero)
    private let base = ContinuousClock.now

    public init() {}

    public func now() -> ContinuousClock.Instant {
        base.advanced(by: offset.withLock { $0 })
    }

    /// Returns at once, having moved the time forward by `duration`.
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        offset.withLock { $0 += max(duration, .zero) }
        await Task.yield()
    }
}
