import Foundation
import Logging

/// How a call may be repeated when an attempt fails.
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
}

/// Looks for the effect of a creating call whose answer was lost.
struct Reconciler<Value: Sendable>: Sendable {
    /// What is looked for, for messages: `a vault named "prod"`.
    let what: String
    /// Finds the created object. `since` is when the first attempt started, less ``CBRClient/reconcileMargin``.
    /// Returns `nil` when nothing was created; throws ``CSBSError`` `.ambiguousOutcome` when what it found is
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
    static func classify(status: Int?, error: CSBSError?, idempotent: Bool) -> RetryClassification {
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

extension CBRClient {
    /// How far before the first attempt reconciliation looks, for clock skew between client and service.
    static let reconcileMargin: TimeInterval = 120

    /// The one loop every call goes through. See ``CallSafety`` for what is re-sent.
    func perform<Value: Sendable>(
        _ operation: String, method: String, path: String, query: [(String, String)],
        body: (any Encodable)?, safety: CallSafety<Value>, decode: (HTTPResponse) throws -> Value
    ) async throws -> Value {
        let payload = try body.map { try Self.jsonEncoder.encode($0) }
        let since = currentDate().addingTimeInterval(-Self.reconcileMargin)
        let idempotent: Bool
        switch safety {
        case .idempotent, .deleting: idempotent = true
        case .nonIdempotent, .creating: idempotent = false
        }
        let policy = configuration.retryPolicy
        var attempt = 1
        var reauthenticated = false
        while true {
            try Task.checkCancellation()
            let (token, outcome) = try await attemptOnce(
                operation, method: method, path: path, query: query, payload: payload, attempt: attempt
            )
            let failure: CSBSError
            let retryAfter: Duration?
            let classification: RetryClassification
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                return try decode(response)
            case .success(let response) where response.status == 404 && attempt > 1:
                if case .deleting = safety {
                    emitReconcile(operation, attempt, "404 on a re-sent deletion: an earlier attempt deleted it")
                    return try decode(HTTPResponse(status: 204))
                }
                throw ServiceErrorParser.error(from: response, operation: operation)
            case .success(let response) where response.status == 401 && !reauthenticated:
                guard let token, await authenticator.canRefresh else {
                    throw ServiceErrorParser.error(from: response, operation: operation)
                }
                logger.debug("\(method) \(path) -> 401, obtaining a new token")
                await authenticator.invalidate(token)
                reauthenticated = true
                continue
            case .success(let response):
                failure = ServiceErrorParser.error(from: response, operation: operation)
                retryAfter = Self.retryAfter(response.header("Retry-After"))
                classification = .classify(status: response.status, error: nil, idempotent: idempotent)
            case .failure(let error):
                failure = error
                retryAfter = nil
                classification = .classify(status: nil, error: error, idempotent: idempotent)
            }
            let reason = Self.reason(failure)
            switch classification {
            case .fail:
                throw failure
            case .retry:
                guard attempt < policy.maxAttempts else {
                    emitRetry(operation, attempt, reason, nil, "no attempts left (\(policy.maxAttempts))")
                    throw failure
                }
                let delay = policy.delay(beforeRetry: attempt, retryAfter: retryAfter, unitRandom: random())
                emitRetry(operation, attempt, reason, delay, retryAfter == nil ? "retryable" : "honouring Retry-After")
                try await clock.sleep(for: delay)
                attempt += 1
            case .mayHaveBeenApplied:
                guard case .creating(let reconciler) = safety else {
                    emitRetry(operation, attempt, reason, nil, "the call may have been applied; not re-sent")
                    var error = failure
                    error.message += "; the request may have been applied — check before repeating it"
                    throw error
                }
                if let found = try await reconcile(operation, attempt, reconciler, since: since, failure: failure) {
                    return found
                }
                guard attempt < policy.maxAttempts else {
                    emitRetry(operation, attempt, reason, nil, "no attempts left (\(policy.maxAttempts))")
                    var error = failure
                    error.message += "; \(reconciler.what) does not exist, so nothing was created"
                    throw error
                }
                let delay = policy.delay(beforeRetry: attempt, retryAfter: retryAfter, unitRandom: random())
                emitRetry(operation, attempt, reason, delay, "reconciled: \(reconciler.what) does not exist")
                try await clock.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// One HTTP exchange with fresh credentials. Returns the token used (for a 401 re-login) and the outcome.
    private func attemptOnce(
        _ operation: String, method: String, path: String, query: [(String, String)], payload: Data?, attempt: Int
    ) async throws -> (AuthToken?, Result<HTTPResponse, CSBSError>) {
        let token: AuthToken?
        let request: HTTPRequest
        if case .accessKey(var keys) = configuration.credentials {
            if keys.projectID.isEmpty { keys.projectID = try await projectID() }
            token = nil
            request = makeSignedRequest(
                method: method, path: path, query: query, body: payload, keys: keys, date: currentDate()
            )
        } else {
            var valid: AuthToken
            do {
                valid = try await CallContext.$current.withValue(CallContext(operation: operation, attempt: attempt)) {
                    try await authenticator.validToken()
                }
            } catch let error as CSBSError {
                throw error.with(operation: operation)
            }
            token = valid
            if valid.projectID.isEmpty { valid.projectID = try await projects.projectID() }
            request = makeRequest(method: method, path: path, query: query, body: payload, token: valid)
        }
        do {
            let response = try await CallContext.$current.withValue(CallContext(operation: operation, attempt: attempt)) {
                try await transport.execute(request, timeout: configuration.requestTimeout, logger: logger)
            }
            return (token, .success(response))
        } catch let error as CSBSError {
            return (token, .failure(error.with(operation: operation)))
        }
    }

    /// Runs the reconciler; returns what it found, `nil` for "nothing was created".
    private func reconcile<Value: Sendable>(
        _ operation: String, _ attempt: Int, _ reconciler: Reconciler<Value>, since: Date, failure: CSBSError
    ) async throws -> Value? {
        let found: Value?
        do {
            found = try await reconciler.find(since)
        } catch let error as CSBSError where error.kind == .ambiguousOutcome {
            emitReconcile(operation, attempt, error.message)
            throw error.with(operation: operation)
        } catch let error as CSBSError {
            emitReconcile(operation, attempt, "could not check for \(reconciler.what): \(error.description)")
            throw CSBSError(
                kind: .ambiguousOutcome, operation: operation, status: failure.status, code: failure.code,
                message: "the answer was lost (\(Self.reason(failure))) and checking for \(reconciler.what) failed "
                    + "(\(error.description)); it may exist — check before repeating the call",
                requestID: failure.requestID
            )
        }
        if found != nil {
            emitReconcile(operation, attempt, "found \(reconciler.what) created by this call; using it")
            logger.info("\(operation): the answer was lost, but \(reconciler.what) exists; using it")
        } else {
            emitReconcile(operation, attempt, "\(reconciler.what) does not exist")
        }
        return found
    }

    private func emitRetry(_ operation: String, _ attempt: Int, _ reason: String, _ delay: Duration?, _ decision: String) {
        let event = RetryTrace(operation: operation, attempt: attempt, reason: reason, delay: delay, decision: decision)
        configuration.trace?(.retry(event))
        logger.debug("\(event.description)")
    }

    private func emitReconcile(_ operation: String, _ attempt: Int, _ finding: String) {
        let event = ReconcileTrace(operation: operation, attempt: attempt, finding: finding)
        configuration.trace?(.reconcile(event))
        logger.debug("\(event.description)")
    }

    static func reason(_ error: CSBSError) -> String {
        if let status = error.status { return "HTTP \(status)" + (error.code.map { " \($0)" } ?? "") }
        return "\(error.kind.rawValue): \(error.message)"
    }

    func makeRequest(method: String, path: String, query: [(String, String)], body: Data?, token: AuthToken)
        -> HTTPRequest
    {
        let route = ServiceRoute.current
        var url = route.base(configuration.endpoints) + route.version + token.projectID + path
        if !query.isEmpty {
            url += "?" + query.map { "\(SigningEncoding.percentEncode($0.0))=\(SigningEncoding.percentEncode($0.1))" }
                .joined(separator: "&")
        }
        var headers = [("X-Auth-Token", token.value), ("Accept", "application/json")]
        if body != nil {
            headers.append(("Content-Type", "application/json;charset=utf-8"))
        }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare for these services and ignored).
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingWhitespace()), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
