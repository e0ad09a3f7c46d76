import FoundationEssentials
import Logging

extension BackupClient {
    /// How far before the first attempt reconciliation looks, for clock skew between client and service.
    static let reconcileMargin: TimeInterval = 120

    /// The one loop every call goes through: an attempt (``attemptOnce(_:payload:)``), then what
    /// ``AttemptDecision`` says — decode, log in again, back off and re-send (``backOff(_:attempt:retryAfter:decision:)``),
    /// or reconcile a creating call (``reconcile(_:_:since:failure:)``). See ``CallSafety`` for what is re-sent.
    func perform<Value: Sendable>(
        _ call: CallMetadata, body: (any Encodable)?, safety: CallSafety<Value>,
        decode: (HTTPResponse) throws -> Value
    ) async throws -> Value {
        let payload = try body.map { try Self.jsonEncoder.encode($0) }
        let since = currentDate().addingTimeInterval(-Self.reconcileMargin)
        let operation = call.operation
        var call = call
        var reauthenticated = false
        var budget = RetryBudget(configuration.retryPolicy)
        while true {
            try Task.checkCancellation()
            let (token, outcome) = try await attemptOnce(call, payload: payload)
            let mayRelogin = !reauthenticated && token != nil ? await authenticator.canRefresh : false
            switch AttemptDecision.decide(
                outcome, operation: operation, attempt: call.attempt, idempotent: safety.isIdempotent,
                deleting: safety.isDeleting, mayRelogin: mayRelogin
            ) {
            case .succeed(let response):
                return try decode(response)
            case .deletedEarlier:
                emitReconcile(call, "404 on a re-sent deletion: an earlier attempt deleted it")
                return try decode(HTTPResponse(status: 204))
            case .relogin:
                if let token {
                    logger.debug("\(operation.method) \(operation.pathTemplate) -> 401, obtaining a new token")
                    await authenticator.invalidate(token)
                }
                reauthenticated = true
                continue
            case .fail(let failure):
                throw failure
            case .retry(let failure, let retryAfter):
                try await backOff(
                    call, failure: failure, retryAfter: retryAfter, budget: &budget,
                    decision: retryAfter == nil ? "retryable" : "honouring Retry-After", exhausted: nil
                )
            case .mayHaveBeenApplied(let failure, let retryAfter):
                guard case .creating(let reconciler) = safety else {
                    emitRetry(call, Self.reason(failure), nil, "the call may have been applied; not re-sent")
                    var error = failure
                    error.message += "; the request may have been applied — check before repeating it"
                    throw error
                }
                if let found = try await reconcile(call, reconciler, since: since, failure: failure) {
                    return found
                }
                try await backOff(
                    call, failure: failure, retryAfter: retryAfter, budget: &budget,
                    decision: "reconciled: did not find \(reconciler.what); the call did not take effect",
                    exhausted: "; did not find \(reconciler.what), so the call did not take effect"
                )
            }
            call.attempt += 1
        }
    }

    /// Waits before the next attempt under the retry policy, or throws `failure` (with `exhausted` appended)
    /// when no attempts remain or the pause would take the call past ``RetryPolicy/maxTotalWait``. A pause of
    /// ``RetryBudget/noticeThreshold`` or more is told through ``ClientConfiguration/notice``.
    private func backOff(
        _ call: CallMetadata, failure: ClientError, retryAfter: Duration?, budget: inout RetryBudget,
        decision: String, exhausted: String?
    ) async throws {
        let policy = configuration.retryPolicy
        let reason = Self.reason(failure)
        guard call.attempt < policy.maxAttempts else {
            emitRetry(call, reason, nil, "no attempts left (\(policy.maxAttempts))")
            var error = failure
            if let exhausted { error.message += exhausted }
            throw error
        }
        guard let delay = budget.pause(beforeRetry: call.attempt, retryAfter: retryAfter, unitRandom: random()) else {
            emitRetry(call, reason, nil, "no time left (\(ClientNotice.format(policy.maxTotalWait)) per call)")
            var error = failure
            error.message += budget.exhausted(retryAfter: retryAfter)
            if let exhausted { error.message += exhausted }
            throw error
        }
        emitRetry(call, reason, delay, decision)
        if delay >= RetryBudget.noticeThreshold {
            configuration.notice?(
                .waiting(operation: call.operation.name, attempt: call.attempt, delay: delay, reason: reason)
            )
        }
        try await clock.sleep(for: delay)
    }

    /// One HTTP exchange with fresh credentials. Returns the token used (for a 401 re-login) and the outcome.
    private func attemptOnce(
        _ call: CallMetadata, payload: Data?
    ) async throws -> (AuthToken?, Result<HTTPResponse, ClientError>) {
        let operation = call.operation
        let token: AuthToken?
        var request: HTTPRequest
        if case .accessKey(var keys) = configuration.credentials {
            if keys.projectID.isEmpty { keys.projectID = try await projectID() }
            token = nil
            request = makeSignedRequest(call, body: payload, keys: keys, date: currentDate())
        } else {
            var valid: AuthToken
            do {
                valid = try await authenticator.validToken(via: transport)
            } catch let error as ClientError {
                throw error.with(operation: operation.name)
            }
            token = valid
            if valid.projectID.isEmpty { valid.projectID = try await projects.projectID() }
            request = makeRequest(call, body: payload, token: valid)
        }
        request.call = call
        do {
            let response = try await transport.execute(request, timeout: configuration.requestTimeout, logger: logger)
            return (token, .success(response))
        } catch let error as ClientError {
            return (token, .failure(error.with(operation: operation.name)))
        }
    }

    /// Runs the reconciler; returns what it found, `nil` for "nothing was created".
    private func reconcile<Value: Sendable>(
        _ call: CallMetadata, _ reconciler: Reconciler<Value>, since: Date, failure: ClientError
    ) async throws -> Value? {
        let operation = call.operation.name
        let found: Value?
        do {
            found = try await reconciler.find(since)
        } catch let error as ClientError where error.kind == .ambiguousOutcome {
            emitReconcile(call, error.message)
            throw error.with(operation: operation)
        } catch let error as ClientError {
            emitReconcile(call, "could not check for \(reconciler.what): \(error.description)")
            throw ClientError(
                kind: .ambiguousOutcome, operation: operation, status: failure.status, code: failure.code,
                message: "the answer was lost (\(Self.reason(failure))) and checking for \(reconciler.what) failed "
                    + "(\(error.description)); it may exist — check before repeating the call",
                requestID: failure.requestID
            )
        }
        if found != nil {
            emitReconcile(call, "found \(reconciler.what): the call took effect; using it")
            logger.info(
                "\(operation): the answer was lost, but the call took effect (found \(reconciler.what)); using it"
            )
        } else {
            emitReconcile(call, "did not find \(reconciler.what)")
        }
        return found
    }

    private func emitRetry(_ call: CallMetadata, _ reason: String, _ delay: Duration?, _ decision: String) {
        let event = RetryTrace(
            operation: call.operation.name, attempt: call.attempt, reason: reason, delay: delay, decision: decision
        )
        configuration.trace?(.retry(event))
        logger.debug("\(event.description)")
    }

    private func emitReconcile(_ call: CallMetadata, _ finding: String) {
        let event = ReconcileTrace(operation: call.operation.name, attempt: call.attempt, finding: finding)
        configuration.trace?(.reconcile(event))
        logger.debug("\(event.description)")
    }

    static func reason(_ error: ClientError) -> String {
        if let status = error.status { return "HTTP \(status)" + (error.code.map { " \($0)" } ?? "") }
        return "\(error.kind.rawValue): \(error.message)"
    }

    /// The URL of `call` on its service: base, version and project, path, and the encoded query.
    func url(_ call: CallMetadata, projectID: String) -> String {
        let service = call.operation.service
        var url = service.base(configuration.endpoints) + service.projectPrefix + projectID
            + call.operation.path(call.pathParameters)
        if !call.query.isEmpty {
            url += "?" + call.query.map {
                "\(SigningEncoding.percentEncode($0.0))=\(SigningEncoding.percentEncode($0.1))"
            }.joined(separator: "&")
        }
        return url
    }

    func makeRequest(_ call: CallMetadata, body: Data?, token: AuthToken) -> HTTPRequest {
        var headers = [("X-Auth-Token", token.value), ("Accept", "application/json")]
        if body != nil {
            headers.append(("Content-Type", "application/json;charset=utf-8"))
        }
        return HTTPRequest(
            method: call.operation.method, url: url(call, projectID: token.projectID), headers: headers, body: body,
            call: call
        )
    }
}
