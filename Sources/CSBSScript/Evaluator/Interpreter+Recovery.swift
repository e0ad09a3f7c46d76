import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `try { … } catch [NAME] { … }`: runs the body in a scope of its own; the first failure in it that
    /// ``RuntimeFailure/Category/isCatchable`` (every failure but an interruption, `exit` and a sourced file that
    /// does not parse) ends the body — whatever `on error` says — and runs the handler with NAME holding the error
    /// record (``errorValue(_:in:)``). A caught failure is not reported and leaves `$error` alone; a failure in the
    /// handler is an ordinary failure. `break` and `continue` pass through to the enclosing loop.
    mutating func execute(_ statement: TryStmt, in file: SourceFile) async throws {
        let caught: RuntimeFailure
        do {
            try await executeGuarded(statement.body, in: file)
            return
        } catch let failure as RuntimeFailure where failure.category.isCatchable {
            caught = failure
        }
        var bindings: [String: Value] = [:]
        if let name = statement.errorName { bindings[name] = errorValue(caught, in: caught.file ?? file) }
        try await execute(statement.handler, in: file, bindings: bindings)
    }

    /// `retry N [every D] [backoff] { … }`: runs the body, in a scope of its own each time, until an attempt ends
    /// without a failure or N attempts have failed; then the last failure goes on as any failure does. A failed
    /// attempt (the failures `try` catches) is reported as a `runtime.retrying` warning, and the next one starts
    /// after D (through the client's clock), or with `backoff` after twice the wait before, up to
    /// ``RetryStmt/maximumBackoffDelay``. In a dry run, whose answers never fail, it first says what it would do.
    mutating func execute(_ statement: RetryStmt, in file: SourceFile) async throws {
        let attempts = try await retryAttempts(statement.attempts)
        let interval = try await durationValue(statement.interval) ?? .zero
        if isDryRun { output.result(Self.retryPlan(attempts: attempts, interval: interval, backoff: statement.backoff)) }
        var attempt = 1
        while true {
            do {
                try await executeGuarded(statement.body, in: file)
                return
            } catch let failure as RuntimeFailure where failure.category.isCatchable && attempt < attempts {
                let delay = RetryStmt.delay(after: attempt, interval: interval, backoff: statement.backoff)
                let warning = RuntimeMessages.retrying(failure.diagnostic.text, attempt: attempt, of: attempts, delay: delay)
                output.diagnostic(Diagnostic(warning, range: failure.diagnostic.range), in: failure.file ?? file)
                try await client.clock.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// Runs the block of a `try` or `retry`: a failure in it ends it unreported (see ``guardingBodies``).
    private mutating func executeGuarded(_ block: Block, in file: SourceFile) async throws {
        guardingBodies += 1
        defer { guardingBodies -= 1 }
        try await execute(block, in: file)
    }

    /// N of `retry N`: a whole number from 1 to ``RetryStmt/maximumAttempts``.
    private mutating func retryAttempts(_ expr: Expr) async throws -> Int {
        let value = try await evaluate(expr)
        guard let count = value.integerConversion, (1...RetryStmt.maximumAttempts).contains(count) else {
            throw RuntimeFailure.badArgument(
                "'retry' takes how many attempts in all, from 1 to \(RetryStmt.maximumAttempts), not \(Self.described(value))",
                at: expr.range
            )
        }
        return count
    }

    /// What a dry run shows for `retry`: `{kind: "retry", attempts, every, backoff}` and a line saying that only
    /// the first attempt is shown.
    static func retryPlan(attempts: Int, interval: Duration, backoff: Bool) -> ResultRecord {
        let waits = (1..<max(attempts, 1)).prefix(4).map {
            Value.duration(RetryStmt.delay(after: $0, interval: interval, backoff: backoff)).description
        }
        let pace: String
        if attempts == 1 {
            pace = "no second attempt"
        } else if interval == .zero {
            pace = "one right after the other"
        } else if backoff {
            pace = "waiting " + waits.joined(separator: ", ") + (attempts - 1 > waits.count ? "…" : "")
        } else {
            pace = "\(waits[0]) apart"
        }
        return ResultRecord(
            kind: "retry",
            fields: [
                .init("attempts", .integer(attempts)), .init("every", .duration(interval)), .init("backoff", .bool(backoff)),
            ],
            summary: "retry: up to \(attempts) attempt\(attempts == 1 ? "" : "s"), \(pace); "
                + "a dry run's answers never fail, so it shows the first"
        )
    }

    /// What a value on its own as a statement prints (`$r`, `$all`): `{kind: "value", value}`, or for a list of
    /// records, as a listing prints: a table for people and `{kind: "value", items}` for `--json`.
    static func valueRecord(_ value: Value) -> ResultRecord {
        if case .list(let elements) = value, !elements.isEmpty {
            let rows = elements.compactMap { element -> Record? in
                if case .record(let record) = element { record } else { nil }
            }
            if rows.count == elements.count {
                return ResultRecord(
                    kind: "value", fields: [],
                    summary: "\(rows.count) record\(rows.count == 1 ? "" : "s")", rows: rows
                )
            }
        }
        return ResultRecord(kind: "value", fields: [.init("value", value)], summary: value.description)
    }
}
