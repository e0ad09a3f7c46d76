import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When and how long to wait before re-sending a call that may safely be re-sent.
///
/// The delay before retry `n` (1-based) is `min(cap, base · multiplier^(n−1))`, spread by ±`jitter`,
/// or the server's `Retry-After` when that is longer. With the defaults (base 200 ms, ×2, cap 10 s):
///
/// | retry | delay before jitter |
/// | ----- | ------------------- |
/// | 1     | 0.2 s               |
/// | 2     | 0.4 s               |
/// | 3     | 0.8 s               |
///
/// The cap is applied in `Double` before converting, so large attempt numbers cannot overflow. All the pauses of one
/// call together stay within ``maxTotalWait`` (2 minutes by default): a service that asks for longer (`Retry-After`)
/// gets the call's error instead of a silent stall.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first one; 1 means never retry.
    public var maxAttempts: Int
    public var base: Duration
    public var multiplier: Double
    public var cap: Duration
    /// Relative spread, 0…1.
    public var jitter: Double
    /// The longest one call waits in all between its attempts; a pause that would take it past this ends the call
    /// with its error instead.
    public var maxTotalWait: Duration

    public init(
        maxAttempts: Int, base: Duration, multiplier: Double = 2, cap: Duration, jitter: Double = 0.2,
        maxTotalWait: Duration = .seconds(120)
    ) {
        self.maxTotalWait = max(maxTotalWait, .zero)
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.multiplier = multiplier
        self.cap = cap
        self.jitter = min(max(jitter, 0), 1)
    }

    public static let `default` = RetryPolicy(maxAttempts: 4, base: .milliseconds(200), cap: .seconds(10))
    public static let none = RetryPolicy(maxAttempts: 1, base: .zero, cap: .zero)

    /// The delay before retry number `retry` (1-based), honouring a server-sent `Retry-After`.
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        delay(beforeRetry: retry, retryAfter: retryAfter, unitRandom: Double.random(in: 0...1))
    }

    /// The delay before retry number `retry` (1-based), with the jitter drawn from `unitRandom` (0…1; 0.5 is no
    /// spread), so tests can pin it. A `Retry-After` longer than the computed delay wins, up to 300 s.
    ///
    /// - Parameters:
    ///   - retry: 1 for the first re-send.
    ///   - retryAfter: the server's `Retry-After`, if any.
    ///   - unitRandom: a number in 0…1; values outside are clamped.
    /// - Returns: the pause, in whole milliseconds.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, unitRandom: Double) -> Duration {
        let baseSeconds = base.seconds
        let capSeconds = cap.seconds
        let raw = baseSeconds * pow(multiplier, Double(max(0, retry - 1)))
        var seconds = min(capSeconds, raw.isFinite ? raw : capSeconds)
        if jitter > 0 {
            let unit = min(max(unitRandom.isFinite ? unitRandom : 0.5, 0), 1)
            seconds *= 1 - jitter + 2 * jitter * unit
        }
        if let retryAfter, retryAfter.seconds > seconds {
            seconds = min(retryAfter.seconds, 300)
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

/// The pauses of one call's retries, kept within ``RetryPolicy/maxTotalWait``.
struct RetryBudget: Sendable {
    let policy: RetryPolicy
    /// What the call has waited so far.
    private(set) var waited: Duration = .zero

    init(_ policy: RetryPolicy) {
        self.policy = policy
    }

    /// The pause before retry `retry` (see ``RetryPolicy/delay(beforeRetry:retryAfter:unitRandom:)``), counted
    /// as waited; `nil` when it would take the call past ``RetryPolicy/maxTotalWait``.
    mutating func pause(beforeRetry retry: Int, retryAfter: Duration?, unitRandom: Double) -> Duration? {
        let delay = policy.delay(beforeRetry: retry, retryAfter: retryAfter, unitRandom: unitRandom)
        guard waited + delay <= policy.maxTotalWait else { return nil }
        waited += delay
        return delay
    }

    /// Why no further pause is taken, for the call's error: `the service asked to wait 300 s more; a call waits
    /// at most 120 s in all`.
    func exhausted(retryAfter: Duration?) -> String {
        let limit = ClientNotice.format(policy.maxTotalWait)
        if let retryAfter {
            return "; the service asked to wait \(ClientNotice.format(retryAfter)) more (Retry-After), and a call waits "
                + "at most \(limit) in all"
        }
        return "; a call waits at most \(limit) in all"
    }

    /// Pauses this long or longer are told (``ClientNotice/waiting(operation:attempt:delay:reason:)``); shorter
    /// backoffs pass unremarked.
    static let noticeThreshold: Duration = .seconds(1)
}

extension Duration {
    /// The duration as fractional seconds.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
