/// How a waiter polls: the first interval, its growth, its bound, and a deadline.
public struct WaitPolicy: Sendable, Hashable {
    public var initialInterval: Duration
    public var multiplier: Double
    public var maxInterval: Duration
    /// How long a wait goes on before it ends with `.waitTimeout` (the awaited work keeps running in the cloud);
    /// ``default`` has ``defaultTimeout``; `nil` waits for as long as it takes.
    public var timeout: Duration?
    /// Whether a ``CheckpointPoller``'s looks fall just after whole seconds from the request: each at its schedule's
    /// time rounded to the nearest whole second (but not sooner than half a pause after the look before), then a
    /// hundredth of that time later (at least 10 ms) for the service to show a backup that ended on the second. A
    /// backup of whole seconds (the emulator's `--backup-duration`) is then seen done a hundredth late, not up to a
    /// pause late; one of any other length as late as on the plain schedule, half a pause on average. The client's
    /// own waiter (one show call per look, timed from the wait's start) ignores it.
    public var looksOnWholeSeconds: Bool

    public init(
        initialInterval: Duration = .milliseconds(250), multiplier: Double = 1.5, maxInterval: Duration = .seconds(10),
        timeout: Duration? = nil, looksOnWholeSeconds: Bool = false
    ) {
        self.initialInterval = initialInterval
        self.multiplier = max(1, multiplier)
        self.maxInterval = maxInterval
        self.timeout = timeout
        self.looksOnWholeSeconds = looksOnWholeSeconds
    }

    /// The deadline of a wait that names none (a script's `wait` without `timeout`): 6 hours, so that a backup
    /// stuck in the service never holds a run forever.
    public static let defaultTimeout: Duration = .seconds(6 * 3600)

    /// The default schedule, with ``defaultTimeout``.
    public static let `default` = WaitPolicy(timeout: defaultTimeout)

    /// How many failed looks in a row a wait survives when the failure may pass on its own
    /// (``ClientError/mayPassOnItsOwn``; each look has had the client's retries already). One bad moment of the
    /// service then does not end a wait of minutes; a service that stays down does, with its error.
    public static let failedLooksAllowed = 3

    /// The pause after `polls` unsuccessful polls (1-based), never beyond ``maxInterval``.
    func interval(afterPolls polls: Int) -> Duration {
        var seconds = initialInterval.seconds
        for _ in 1..<max(1, polls) where seconds < maxInterval.seconds {
            seconds *= multiplier
        }
        return .milliseconds(Int64((min(seconds, maxInterval.seconds) * 1000).rounded()))
    }
}

/// One observation while waiting.
public struct WaitUpdate<Value: Sendable>: Sendable {
    public var value: Value
    public var elapsed: Duration
    public var polls: Int
    /// Completion in percent (0–100) when the service reports it (an operation log's
    /// `extra_info.common.progress`), else `nil`.
    public var progress: Int? = nil
}

/// What one poll's outcome means to a waiter.
enum WaitDecision<Value: Sendable>: Sendable {
    /// Done: return this value.
    case done(Value)
    /// Not yet: poll again after the next interval.
    case pending
    /// The awaited thing failed, or an error that is not "not yet": throw this.
    case fail(ClientError)
}

/// Polls until a condition holds, with bounded backoff, a deadline and cancellation. A poll that fails with an
/// error that may pass on its own is repeated at the next turn, up to ``WaitPolicy/failedLooksAllowed`` in a row.
struct Waiter: Sendable {
    let clock: any ClientClock
    let policy: WaitPolicy

    func poll<Value: Sendable>(
        what: String, fetch: () async throws -> Value, isDone: (Value) -> Bool,
        onUpdate: (WaitUpdate<Value>) -> Void
    ) async throws -> Value {
        let start = clock.now()
        var polls = 0
        var failedLooks = 0
        while true {
            try Task.checkCancellation()
            let value: Value
            do {
                value = try await fetch()
                failedLooks = 0
            } catch let error as ClientError where error.mayPassOnItsOwn {
                failedLooks += 1
                guard failedLooks < WaitPolicy.failedLooksAllowed else { throw error }
                polls += 1
                try await pauseBeforeNextLook(what: what, polls: polls, elapsed: start.duration(to: clock.now()))
                continue
            }
            polls += 1
            let elapsed = start.duration(to: clock.now())
            onUpdate(WaitUpdate(value: value, elapsed: elapsed, polls: polls))
            if isDone(value) { return value }
            try await pauseBeforeNextLook(what: what, polls: polls, elapsed: elapsed)
        }
    }

    /// Sleeps for the pause after `polls` looks, cut short by the deadline; past the deadline throws `.waitTimeout`.
    private func pauseBeforeNextLook(what: String, polls: Int, elapsed: Duration) async throws {
        var pause = policy.interval(afterPolls: polls)
        if let timeout = policy.timeout {
            let left = timeout - elapsed
            if left <= .zero {
                throw ClientError(kind: .waitTimeout, operation: "wait", message: "\(what) still not done after \(timeout)")
            }
            pause = min(pause, left)
        }
        try await clock.sleep(for: pause)
    }

    /// Polls until `decide` says done or fail (soto's waiter rules: the outcome of each poll, success or error,
    /// is kept as a `Result`, so an error such as 404 can mean success).
    ///
    /// - Parameters:
    ///   - what: names the awaited thing in the timeout message.
    ///   - fetch: one poll.
    ///   - decide: maps a poll's outcome to done, pending or fail. An error it calls pending is polled again.
    ///   - progress: the percentage a value reports, if any.
    ///   - onUpdate: called after each successful poll.
    /// - Throws: ``ClientError`` `.waitTimeout` past the deadline, `CancellationError` when cancelled, or the
    ///   error `decide` returns.
    func waitUntil<Value: Sendable, Result: Sendable>(
        what: String, fetch: () async throws -> Value,
        decide: (Swift.Result<Value, ClientError>) -> WaitDecision<Result>,
        progress: (Value) async -> Int? = { _ in nil },
        onUpdate: (WaitUpdate<Value>) -> Void
    ) async throws -> Result {
        let start = clock.now()
        var polls = 0
        var failedLooks = 0
        while true {
            try Task.checkCancellation()
            let outcome: Swift.Result<Value, ClientError>
            do {
                outcome = .success(try await fetch())
            } catch let error as ClientError {
                outcome = .failure(error)
            }
            polls += 1
            let elapsed = start.duration(to: clock.now())
            if case .success(let value) = outcome {
                onUpdate(WaitUpdate(value: value, elapsed: elapsed, polls: polls, progress: await progress(value)))
            }
            switch decide(outcome) {
            case .done(let result): return result
            case .fail(let error):
                // A failed look that may pass on its own is repeated (a few times in a row) instead of ending the wait.
                guard case .failure(let failure) = outcome, failure.mayPassOnItsOwn,
                    failedLooks + 1 < WaitPolicy.failedLooksAllowed
                else { throw error }
                failedLooks += 1
            case .pending:
                if case .success = outcome { failedLooks = 0 }
            }
            try await pauseBeforeNextLook(what: what, polls: polls, elapsed: elapsed)
        }
    }
}
