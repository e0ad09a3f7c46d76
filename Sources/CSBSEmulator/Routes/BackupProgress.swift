import Foundation

/// Derives backup and checkpoint status from the injected clock: `protecting` until
/// `created_at + backupDuration`, then `available`. Nothing runs in the background.
struct BackupProgress: Sendable {
    let clock: @Sendable () -> Date
    let duration: Duration

    /// The current time, in microseconds since 1970.
    func now() -> Int64 {
        WireTime.micros(clock())
    }

    /// The status of something created at `createdAt`, seen at `now`.
    func status(createdAt: Int64, at now: Int64) -> String {
        now >= createdAt + Self.micros(duration) ? "available" : "protecting"
    }

    private static func micros(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
