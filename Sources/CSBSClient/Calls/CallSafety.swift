import FoundationEssentials

/// How a call may be repeated when an attempt fails: its operation's ``RetryKind`` with, for a creating call, the
/// look-up that reconciles a lost answer.
enum CallSafety<Value: Sendable>: Sendable {
    /// Re-sending cannot change the outcome (GET, PUT): retried on 429, 5xx and connection failures.
    case idempotent
    /// A deletion: retried like an idempotent call, and a 404 on a re-sent attempt means an earlier attempt
    /// already deleted it.
    case deleting
    /// Re-sent only when it provably never reached the service (connection not established, 429); otherwise
    /// the failure is reported with a note that the call may have been applied.
    case nonIdempotent
    /// A creating (or otherwise state-changing) call: never re-sent blindly. When the answer may have been lost,
    /// the reconciler looks for the call's effect; what it finds is returned, and only when it finds nothing is
    /// the call sent again.
    case creating(Reconciler<Value>)

    /// The safety of an operation of `kind`; a creating operation without a reconciler is never re-sent after it
    /// may have reached the service.
    init(_ kind: RetryKind, _ reconciler: Reconciler<Value>?) {
        switch kind {
        case .idempotent: self = .idempotent
        case .deleting: self = .deleting
        case .creating: self = reconciler.map(CallSafety.creating) ?? .nonIdempotent
        }
    }

    /// Whether re-sending cannot change the outcome.
    var isIdempotent: Bool {
        switch self {
        case .idempotent, .deleting: true
        case .nonIdempotent, .creating: false
        }
    }

    var isDeleting: Bool {
        if case .deleting = self { return true }
        return false
    }
}

/// Looks for the effect of a creating call whose answer was lost.
struct Reconciler<Value: Sendable>: Sendable {
    /// What is looked for, for messages that say "found …" or "did not find …": an object (`a vault named "prod"`)
    /// or the state the call leaves (`vault V gone or being deleted`).
    let what: String
    /// Finds the created object. `since` is when the first attempt started, less ``BackupClient/reconcileMargin``.
    /// Returns `nil` when nothing was created; throws ``ClientError`` `.ambiguousOutcome` when what it found is
    /// not conclusive.
    let find: @Sendable (_ since: Date) async throws -> Value?
}

/// Whether and why a failed attempt may be sent again.
enum RetryClassification: Sendable, Hashable {
    /// Safe to re-send (if attempts remain).
    case retry
    /// The request may have been applied; only a creating call's reconciliation may lead to a re-send.
    case mayHaveBeenApplied
    /// Final: report the error.
    case fail

    /// Classifies a failed attempt.
    /// - Parameters:
    ///   - status: the HTTP status, or `nil` when there was no response.
    ///   - error: the transport error when there was no response.
    ///   - idempotent: whether re-sending the call cannot change the outcome.
    static func classify(status: Int?, error: ClientError?, idempotent: Bool) -> RetryClassification {
        if let status {
            if status == 429 { return .retry }
            if (500...599).contains(status) { return idempotent ? .retry : .mayHaveBeenApplied }
            return .fail
        }
        guard let error else { return .fail }
        switch error.kind {
        case .network:
            if error.requestWasNotSent { return .retry }
            return idempotent ? .retry : .mayHaveBeenApplied
        case .timeout:
            return idempotent ? .retry : .mayHaveBeenApplied
        default:
            return .fail
        }
    }
}
