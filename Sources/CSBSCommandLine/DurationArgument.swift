import ArgumentParser

/// A duration flag value: `250ms`, `2s`, `5m`, `1h`, or a bare number of seconds.
public struct DurationArgument: ExpressibleByArgument, Sendable {
    public let duration: Duration

    public init(_ duration: Duration) {
        self.duration = duration
    }

    public init?(argument: String) {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, milliseconds) in units where argument.hasSuffix(suffix) {
            guard let value = Int64(argument.dropLast(suffix.count)), value >= 0, value < 1_000_000 else { return nil }
            duration = .milliseconds(value * milliseconds)
            return
        }
        guard let seconds = Int64(argument), seconds >= 0, seconds < 1_000_000 else { return nil }
        duration = .seconds(seconds)
    }

    /// The duration as an argument this type reads back: whole seconds (`3600s`) or else milliseconds (`1500ms`).
    public var argument: String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        return milliseconds == 0 ? "\(seconds)s" : "\(seconds * 1000 + milliseconds)ms"
    }

    public var defaultValueDescription: String { "\(duration)" }
}
