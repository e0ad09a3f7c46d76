import Foundation
import Synchronization

/// The emulator's virtual time: a base clock (the configured `now`), run `scale` times as fast and
/// moved forward by ``advance(by:)``. Every emulator decision reads it, so jumping the clock settles
/// backups, expires tokens and signatures, and unlocks access keys without anything running in the background.
public final class EmulatorClock: Sendable {
    private struct State {
        /// The base time when the current rate started.
        var baseAnchor: Date
        /// The virtual time at `baseAnchor`.
        var virtualAnchor: Date
        var scale: Double
    }

    private let base: @Sendable () -> Date
    private let state: Mutex<State>

    /// Starts at the base clock's current time.
    /// - Parameters:
    ///   - base: The underlying clock.
    ///   - scale: How many virtual seconds pass per base second (must be positive; others become 1).
    public init(base: @escaping @Sendable () -> Date, scale: Double = 1) {
        self.base = base
        let start = base()
        let rate = scale.isFinite && scale > 0 ? scale : 1
        state = Mutex(State(baseAnchor: start, virtualAnchor: start, scale: rate))
    }

    /// The current virtual time.
    public func now() -> Date {
        let current = base()
        return state.withLock { Self.virtual(at: current, $0) }
    }

    /// The rate: virtual seconds per base second.
    public var scale: Double {
        state.withLock(\.scale)
    }

    /// Jumps forward (a negative amount is ignored: emulator time never runs backwards).
    /// - Returns: The new virtual time.
    @discardableResult
    public func advance(by duration: Duration) -> Date {
        let seconds = Self.seconds(duration)
        let current = base()
        return state.withLock { state in
            state.virtualAnchor = Self.virtual(at: current, state).addingTimeInterval(max(0, seconds))
            state.baseAnchor = current
            return state.virtualAnchor
        }
    }

    /// Changes the rate from now on (non-positive or non-finite values are ignored).
    public func setScale(_ scale: Double) {
        guard scale.isFinite, scale > 0 else { return }
        let current = base()
        state.withLock { state in
            state.virtualAnchor = Self.virtual(at: current, state)
            state.baseAnchor = current
            state.scale = scale
        }
    }

    /// A `Duration` in seconds.
    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    private static func virtual(at base: Date, _ state: State) -> Date {
        state.virtualAnchor.addingTimeInterval(base.timeIntervalSince(state.baseAnchor) * state.scale)
    }
}
