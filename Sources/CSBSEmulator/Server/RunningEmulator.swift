import ServiceLifecycle

/// An emulator started by ``Emulator/start(_:)``, serving in a background task.
public struct RunningEmulator: Sendable {
    /// The bound address.
    public let host: String
    /// The bound TCP port.
    public let port: Int
    /// The base URL, e.g. `http://127.0.0.1:49152`.
    public var endpoint: String { "http://\(host):\(port)" }
    /// Virtual time, fault injection, request log and reset for this emulator.
    public let control: EmulatorControl

    let group: ServiceGroup
    let task: Task<Void, Never>

    /// Stops accepting connections, lets in-flight requests finish, and returns once stopped.
    /// Calling it again does nothing.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = await task.value
    }
}
