import Foundation
import Synchronization

/// Controls a running emulator from the same process: virtual time, fault injection, the request
/// log and reset (the Swift face of the `/csbs-emulator/v1/` HTTP API).
public final class EmulatorControl: Sendable {
    /// The emulator's clock.
    public let clock: EmulatorClock
    /// The configuration the emulator runs with (its `now` reads ``clock``).
    let configuration: EmulatorConfiguration
    /// The configured clock before ``clock`` wraps it (never advanced or scaled): what request signers use.
    let signingClock: @Sendable () -> Date
    let store: EmulatorStore
    let faultBook: FaultBook
    /// The gateway's rate limit and its buckets (see ``GatewayRateLimit``).
    let throttle: GatewayThrottle
    /// Where identifiers come from (seeded with ``EmulatorConfiguration/seed``).
    let identifiers: IdentifierSource
    private let log = Mutex<[RequestLogEntry]>([])

    /// The most entries the request log keeps (the oldest go first).
    static let logCapacity = 10_000

    /// Opens the store and wraps the configured clock.
    /// - Throws: Database errors, or an ``InventoryError`` for a bad inventory.
    init(_ configuration: EmulatorConfiguration) throws {
        let clock = EmulatorClock(base: configuration.now, scale: configuration.timeScale)
        signingClock = configuration.now
        throttle = GatewayThrottle(limit: configuration.rateLimit, now: configuration.now)
        var configuration = configuration
        configuration.now = { clock.now() }
        self.clock = clock
        self.configuration = configuration
        identifiers = IdentifierSource(seed: configuration.seed)
        faultBook = FaultBook(random: IdentifierSource(seed: configuration.seed.map { $0 ^ 0x5EED_FA17 }))
        store = try EmulatorStore(storage: configuration.storage)
        try store.requireDurableCommits()
        try store.seedControlled(inventory: configuration.inventory)
        for rule in configuration.faults { _ = faultBook.add(rule) }
    }

    // MARK: Faults

    /// Adds a fault rule and returns its id. Rules are checked in the order they were added.
    /// The HTTP API and `csbs serve --fault` validate rules first (``FaultRule/problem``).
    public func addFault(_ rule: FaultRule) async -> String {
        faultBook.add(rule)
    }

    /// The active rules (counted rules show what is left).
    public func faults() async -> [FaultRule] {
        faultBook.rules
    }

    /// Removes every fault rule.
    public func clearFaults() async {
        faultBook.clear()
    }

    // MARK: Time

    /// Moves the emulator's clock forward.
    public func advanceClock(by duration: Duration) {
        clock.advance(by: duration)
    }

    // MARK: Request log

    /// The emulated API requests so far, oldest first (control API calls are not logged).
    public func requests() async -> [RequestLogEntry] {
        log.withLock { Array($0.suffix(Self.logCapacity)) }
    }

    func record(_ entry: RequestLogEntry) {
        log.withLock { entries in
            entries.append(entry)
            // Trimmed in batches of a tenth: dropping one entry at a time moves the whole log on every request.
            if entries.count >= Self.logCapacity + Self.logCapacity / 10 {
                entries.removeFirst(entries.count - Self.logCapacity)
            }
        }
    }

    // MARK: Reset and state

    /// Back to the seeded state: every vault, checkpoint, backup, policy, token … is deleted, the accounts
    /// and inventory are seeded again, the fault rules and request log are cleared and the rate limit is the configured
    /// one again. The clock keeps going.
    public func reset() async throws {
        try store.resetToSeed(inventory: configuration.inventory)
        faultBook.clear()
        throttle.setLimit(configuration.rateLimit)
        log.withLock { $0.removeAll() }
    }

    /// A JSON dump of the whole state (secrets shown as `***`), plus the clock and the fault rules.
    public func stateDump() async throws -> Data {
        let tables = try store.dumpTables()
        let faults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(faultBook.rules))
        let now = WireTime.iam(WireTime.micros(clock.now()))
        let object: [String: Any] = ["clock": ["now": now, "scale": clock.scale], "faults": faults, "tables": tables]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
