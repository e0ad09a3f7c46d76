import CSBSClient
import CSBSSyntax

/// The one way failures are made: a category, a message and where it happened. Every failure of the
/// interpreter comes from one of these, so none is hand-built from a nested ``Diagnostic``.
extension RuntimeFailure {
    /// A failure of `category` with `message` at `range`; the other constructors name the category.
    static func make(
        _ category: Category, _ message: any DiagnosticMessage, at range: SourceRange, underlying: ClientError? = nil
    ) -> RuntimeFailure {
        RuntimeFailure(category: category, diagnostic: Diagnostic(message, range: range), underlying: underlying)
    }

    /// A command, call or expression that failed (`on error continue` may go on).
    static func command(
        _ message: any DiagnosticMessage, at range: SourceRange, underlying: ClientError? = nil
    ) -> RuntimeFailure {
        make(.command, message, at: range, underlying: underlying)
    }

    /// A `runtime.badArgument` failure: a value the statement cannot use.
    static func badArgument(_ text: String, at range: SourceRange, underlying: ClientError? = nil) -> RuntimeFailure {
        command(RuntimeMessages.badArgument(text), at: range, underlying: underlying)
    }

    /// A `runtime.typeMismatch` failure: a value of the wrong type.
    static func typeMismatch(_ text: String, at range: SourceRange) -> RuntimeFailure {
        command(RuntimeMessages.typeMismatch(text), at: range)
    }

    /// A failed client call, with an id by what failed (see ``RuntimeMessages/clientError(_:)``); settings that do
    /// not resolve are a configuration failure (exit status 78), anything else a command failure.
    static func client(_ error: ClientError, at range: SourceRange) -> RuntimeFailure {
        make(error.kind == .configuration ? .configuration : .command, RuntimeMessages.clientError(error), at: range, underlying: error)
    }

    /// A wait that passed its timeout.
    static func waitTimeout(_ error: ClientError, at range: SourceRange) -> RuntimeFailure {
        make(.waitTimeout, RuntimeMessages.waitTimeout(error), at: range, underlying: error)
    }

    /// A run cancelled (Ctrl-C) while doing `what`, leaving `consequence` behind.
    static func interrupted(_ what: String, then consequence: Interruption, at range: SourceRange) -> RuntimeFailure {
        make(.interrupted, RuntimeMessages.interrupted(what, then: consequence), at: range)
    }

    /// An `assert` whose condition was false.
    static func assertion(_ text: String, at range: SourceRange) -> RuntimeFailure {
        make(.assertion, RuntimeMessages.assertionFailed(text), at: range)
    }

    /// A sourced script that does not parse.
    static func syntax(_ message: any DiagnosticMessage, at range: SourceRange) -> RuntimeFailure {
        make(.syntax, message, at: range)
    }
}

/// What an interrupted statement leaves behind, so the message says no more and no less than is true.
enum Interruption: Sendable, Equatable {
    /// Nothing was sent (a `sleep`, a pause between retries).
    case nothingStarted
    /// A request was in flight: the service may have acted on it.
    case requestMayTakeEffect
    /// Several items were under way (a parallel loop).
    case workKeepsRunning
    /// A wait on something that goes on: `noun` (e.g. "checkpoint"), and the ID `wait` takes to watch it again
    /// (`nil` when `wait` cannot: a restore).
    case keepsRunning(noun: String, resume: String?)
}
