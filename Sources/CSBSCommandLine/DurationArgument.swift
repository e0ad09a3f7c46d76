import ArgumentParser
import CSBSPlatform

/// A duration flag or setting value, written as a script writes a duration (``DurationLiteral``): `250ms`, `2s`,
/// `5m`, `1h30m`, `1d`; or a bare number of seconds. At most ``maximum``.
public struct DurationArgument: ExpressibleByArgument, Sendable {
    public let duration: Duration

    /// The longest duration a flag takes (999,999 hours, as before several units were read): an emulator's
    /// operation that long never ends in practice, and the clock arithmetic stays far from overflowing.
    public static let maximum = Duration.seconds(999_999 * 3_600)

    public init(_ duration: Duration) {
        self.duration = duration
    }

    public init?(argument: String) {
        let bytes = Array(argument.utf8)[...]
        let reading: Duration
        if !bytes.isEmpty, bytes.allSatisfy(DecimalDigits.isDigit) {
            guard let seconds = DecimalDigits.value(bytes) else { return nil }
            reading = .seconds(seconds)
        } else if case .duration(let duration) = DurationLiteral.value(of: bytes) {
            reading = duration
        } else {
            return nil
        }
        guard reading <= Self.maximum else { return nil }
        duration = reading
    }

    /// The duration as an argument this type reads back, as a script prints it: `1h`, `1m30s`, `1s500ms`.
    public var argument: String { DurationLiteral.text(of: duration) }

    public var defaultValueDescription: String { argument }
}
