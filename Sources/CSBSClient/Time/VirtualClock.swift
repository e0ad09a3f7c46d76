import FoundationEssentials
import Synchronization

/// A clock that never waits: `sleep(for:)` moves time forward at once. The one virtual clock: a dry run's `sleep`
/// and waits cost no time with it, and a test shares one between its client (monotonic instants) and its emulator
/// (wall-clock ``date``), so a two-second backup completes in no real time.
public final class VirtualClock: ClientClock, Sendable {
    private let offset = Mutex(Duration.zero)
    private let baseInstant = ContinuousClock.now
    private let baseDate: Date

    /// - Parameter start: the wall-clock time at offset zero.
    public init(start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        baseDate = start
    }

    public func now() -> ContinuousClock.Instant {
        baseInstant.advanced(by: offset.withLock { $0 })
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
        await Task.yield()
    }

    /// The wall-clock time now, for the emulator.
    public var date: Date {
        baseDate.addingTimeInterval(offset.withLock { $0 }.seconds)
    }

    /// ``date`` as a closure, for an emulator's `now`.
    public var dateSource: @Sendable () -> Date {
        { [self] in date }
    }

    /// How much virtual time has passed.
    public var elapsed: Duration { offset.withLock { $0 } }

    public func advance(by duration: Duration) {
        offset.withLock { $0 += max(duration, .zero) }
    }
}
