import Foundation

/// The emulator's view of time for CBR operations: the injected clock and how long each asynchronous
/// operation takes. Statuses are derived from stored times (see `Store/Lifecycle.swift`); nothing runs in the
/// background.
struct BackupProgress: Sendable {
    let clock: @Sendable () -> Date
    let durations: OperationDurations
    /// The clock request signers use: the configured base clock, which `clock/advance` and the time scale leave
    /// alone (the wall clock under `csbs serve`). `X-Sdk-Date` is checked against it, so moving the emulator's
    /// clock does not expire the signatures of clients that sign with real time.
    let signingClock: @Sendable () -> Date

    init(
        clock: @escaping @Sendable () -> Date,
        durations: OperationDurations,
        signingClock: (@Sendable () -> Date)? = nil
    ) {
        self.clock = clock
        self.durations = durations
        self.signingClock = signingClock ?? clock
    }

    /// The current time, in microseconds since 1970.
    func now() -> Int64 {
        WireTime.micros(clock())
    }

    /// The time `duration` after `start`, in microseconds since 1970.
    func after(_ duration: KeyPath<OperationDurations, Duration>, from start: Int64) -> Int64 {
        start + Self.micros(durations[keyPath: duration])
    }

    /// A duration in microseconds (sub-microsecond parts are dropped).
    static func micros(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
