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
    /// How long each asynchronous CBR operation takes on the emulator's clock.
    public var durations: OperationDurations
    /// How long a new checkpoint (and its backups) stays `protecting`: an alias of `durations.backup`.
    public var backupDuration: Duration {
        get { durations.backup }
        set { durations.backup = newValue }
    }
    /// The clock. Every time-dependent decision (token expiry, timestamps, backup progress) reads it.
    public var now: @Sendable () -> Date
    /// The emulator's logger. Quiet by default (level `warning`). Tokens and passwords are never logged.
    public var logger: Logger
    /// Virtual seconds per real second of ``now`` (e.g. 60: a two-minute backup takes two real seconds).
    public var timeScale: Double = 1
    /// Seed for identifiers, tokens and fault probabilities; `nil` (the default) means random.
    public var seed: UInt64?
    /// Fault rules active from the start (see ``FaultRule``).
    public var faults: [FaultRule] = []
    /// The API gateway's rate limit per project (see ``GatewayRateLimit``); `nil` (the default) throttles nothing.
    public var rateLimit: GatewayRateLimit?
    /// Servers and disks declared on top of the seeded default inventory.
    public var inventory: EmulatorInventory?
    /// The token every control API request must carry (`X-CSBS-Emulator-Token`); `nil` (the default) accepts
    /// control requests addressed to a loopback `Host` only. Give one when binding to a host other machines reach.
    public var controlToken: String?
    /// How long a connection may stay idle (no request in progress, nothing read) before it is closed; a request
    /// whose head or body stops arriving for this long is dropped too.
    public var connectionIdleTimeout: Duration = .seconds(75)
    /// Whether ``host`` is a loopback address (only this machine can connect).
    public var bindsLoopbackOnly: Bool { Loopback.isLoopback(host: host) }
    /// How injected latency waits; tests pass one that returns at once.
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: The address to bind.
    ///   - port: The TCP port; `0` picks a free one.
    ///   - storage: Where state is kept.
    ///   - backupDuration: How long a checkpoint stays `protecting` (overrides `durations.backup`).
    ///   - durations: How long each asynchronous operation takes.
    ///   - now: The clock.
    ///   - logger: The logger; `nil` means a `csbs.emulator` logger at level `warning`.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        storage: EmulatorStorage = .memory,
        backupDuration: Duration? = nil,
        durations: OperationDurations = OperationDurations(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger? = nil
    ) {
        self.host = host
        self.port = port
        self.storage = storage
        self.durations = durations
        if let backupDuration { self.durations.backup = backupDuration }
        self.now = now
        self.logger = logger ?? Self.quietLogger()
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "csbs.emulator")
        logger.logLevel = .warning
        return logger
    }
}

/// How long the emulator's asynchronous CBR operations take, measured on the configured clock.
/// State is derived from stored start times and these durations; nothing runs in the background.
public struct OperationDurations: Sendable, Equatable {
    /// A checkpoint and its backups stay `protecting` this long.
    public var backup: Duration
    /// A backup stays `restoring` this long.
    public var restore: Duration
    /// A deleted backup stays `deleting` this long, then is gone.
    public var delete: Duration
    /// A deleted vault stays `deleting` this long, then is gone with its backups.
    public var vaultDelete: Duration
    /// A removed resource stays `removing` (and its backups `deleting`) this long.
    public var removeResource: Duration

    /// Creates the durations; the defaults are short, for interactive use.
    public init(
        backup: Duration = .seconds(2),
        restore: Duration = .seconds(2),
        delete: Duration = .seconds(1),
        vaultDelete: Duration = .seconds(2),
        removeResource: Duration = .seconds(1)
    ) {
        self.backup = backup
        self.restore = restore
        self.delete = delete
        self.vaultDelete = vaultDelete
        self.removeResource = removeResource
    }
}
