import Foundation
import Synchronization

/// A manual clock for the emulator: time moves only when a test calls ``advance(by:)``.
final class TestClock: Sendable {
    /// 2020-08-17T03:51:24.678916Z, the seed flow's vault creation time.
    static let start = Date(timeIntervalSince1970: 1_597_636_284.678916)

    private let current: Mutex<Date>

    init(_ start: Date = TestClock.start) {
        current = Mutex(start)
    }

    /// The closure to pass as `EmulatorConfiguration.now`.
    var now: @Sendable () -> Date {
        { [self] in current.withLock { $0 } }
    }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
