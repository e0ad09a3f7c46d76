import Foundation
import Logging

/// Where the emulator keeps its state.
public enum EmulatorStorage: Sendable {
    /// A private in-memory SQLite database, gone when the emulator stops.
    case memory
    /// A SQLite database file (WAL journal); missing parent directories are created.
    case file(path: String)
}

/// Everything the emulator needs to start.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind, `127.0.0.1` by default.
    public var host: String
    /// The TCP port to bind; `0` lets the system pick a free one.
    public var port: Int
    /// Where state is kept.
    public var storage: EmulatorStorage
    /// How long a new checkpoint (and its backups) stays `protecting` before it reads as `available`.
    public var backupDuration: Duration
    /// The clock. Every time-dependent decision (token expiry, timestamps, backup progress) reads it.
    public var now: @Sendable () -> Date
    /// The emulator's logger. Quiet by default (level `warning`). Tokens and passwords are never logged.
    public var logger: Logger

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The TCP port; `0` picks a free one.
    ///   - storage: Where state is kept.
    ///   - backupDuration: How long a checkpoint stays `protecting`.
    ///   - now: The clock.
    ///   - logger: The logger; `nil` means a `csbs.emulator` logger at level `warning`.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        storage: EmulatorStorage = .memory,
        backupDuration: Duration = .seconds(2),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger? = nil
    ) {
        self.host = host
        self.port = port
        self.storage = storage
        self.backupDuration = backupDuration
        self.now = now
        self.logger = logger ?? Self.quietLogger()
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "csbs.emulator")
        logger.logLevel = .warning
        return logger
    }
}
