import FoundationEssentials
import Logging

/// Supplies a valid IAM token for every request: from memory, from the on-disk cache, or from IAM.
///
/// Concurrent callers share one refresh. A token is replaced ``AuthToken/refreshMargin`` before it expires,
/// and when the service answers 401 the caller asks for a fresh one once (``invalidate(_:)``).
actor Authenticator {
    private let credentials: Credentials
    private let iamEndpoint: String
    /// `nil` when none is configured, or once the directory proved unsafe (said once through `notice`).
    private var cache: TokenCache?
    /// Whether the cache directory has been checked.
    private var cacheChecked = false
    private let notice: NoticeHandler?
    private let transport: any HTTPTransport
    private let timeout: Duration
    private let logger: Logger
    private let currentDate: @Sendable () -> Date
    private let retryPolicy: RetryPolicy
    private let clock: any ClientClock
    private let random: @Sendable () -> Double
    private var token: AuthToken?
    private var refresh: Task<AuthToken, any Error>?

    /// - Parameters:
    ///   - clock: What the pauses between attempts of the token request sleep on.
    ///   - random: Numbers in 0…1 for the retry jitter.
    init(
        configuration: ClientConfiguration, transport: any HTTPTransport, logger: Logger,
        currentDate: @escaping @Sendable () -> Date, clock: any ClientClock,
        random: @escaping @Sendable () -> Double
    ) {
        credentials = configuration.credentials
        iamEndpoint = configuration.endpoints.iam
        cache = configuration.tokenCacheDirectory.map(TokenCache.init(directory:))
        notice = configuration.notice
        self.transport = transport
        timeout = configuration.requestTimeout
        self.logger = logger
        self.currentDate = currentDate
        retryPolicy = configuration.retryPolicy
        self.clock = clock
        self.random = random
        if case .token(let value, let projectID) = configuration.credentials {
            token = AuthToken(value: value, projectID: projectID, expiresAt: .distantFuture)
        }
    }

    private var cacheKey: String? {
        guard case .password(let password) = credentials else { return nil }
        return TokenCache.key(endpoint: iamEndpoint, credentials: password)
    }

    /// A token that is fresh now.
    ///
    /// Access-key credentials never use IAM: asking for a token with them is a programming error, reported as
    /// `.configuration` without any network call.
    ///
    /// - Parameter transport: What a login this call starts is sent with: the caller's own (an untraced client's
    ///   login is not traced either); the authenticator's when `nil`. A call that joins a login already under way
    ///   waits for it, however it is sent.
    func validToken(via transport: (any HTTPTransport)? = nil) async throws -> AuthToken {
        if case .accessKey = credentials {
            throw ClientError(
                kind: .configuration, message: "access-key credentials sign requests; they use no IAM token"
            )
        }
        if let token, token.isFresh(at: currentDate()) { return token }
        if let refresh { return try await refresh.value }
        checkCacheOnce()
        // A cached token past (or within the margin of) its expires_at is never used: the password logs in again.
        if let key = cacheKey, let cached = cache?.load(key: key), cached.isFresh(at: currentDate()) {
            token = cached
            return cached
        }
        guard case .password(let password) = credentials else {
            throw ClientError(kind: .authentication, message: "the configured token has been refused; obtain a new one")
        }
        let sender = transport ?? self.transport
        let task = Task { try await self.obtainTokenRetrying(password, via: sender) }
        refresh = task
        defer { refresh = nil }
        let fresh = try await task.value
        token = fresh
        if let key = cacheKey {
            do {
                try cache?.store(fresh, key: key)
            } catch {
                cache = nil
                notice?(.tokenCacheDisabled(reason: "\(error)"))
                logger.debug("token cache not written: \(error)")
            }
        }
        return fresh
    }

    /// Checks the cache directory before its first use; an unsafe one (another user's, writable by others, a
    /// symbolic link) turns the cache off for this client with one notice, and tokens stay in memory.
    private func checkCacheOnce() {
        guard !cacheChecked, let cache, cacheKey != nil else { return }
        cacheChecked = true
        do {
            try cache.prepare()
        } catch {
            self.cache = nil
            notice?(.tokenCacheDisabled(reason: "\(error)"))
            logger.debug("token cache not used: \(error)")
        }
    }

    /// Forgets `rejected` (the service answered 401 to it) so that the next call obtains a new token.
    func invalidate(_ rejected: AuthToken) {
        guard token?.value == rejected.value else { return }
        token = nil
        if let key = cacheKey { cache?.remove(key: key) }
    }

    /// Whether a rejected token can be replaced by asking IAM again.
    var canRefresh: Bool {
        if case .password = credentials { return true }
        return false
    }

    /// Asks IAM for a token, re-sending under the client's ``RetryPolicy`` after a 429, a 5xx or a network
    /// failure (honouring `Retry-After`). Re-sending is always safe: an extra token is all a lost answer leaves.
    private func obtainTokenRetrying(_ password: PasswordCredentials, via transport: any HTTPTransport) async throws
        -> AuthToken
    {
        var attempt = 1
        var budget = RetryBudget(retryPolicy)
        while true {
            try Task.checkCancellation()
            let failure: ClientError
            var retryAfter: Duration?
            do {
                return try await obtainToken(password, via: transport)
            } catch let refused as RefusedTokenRequest {
                failure = refused.error
                retryAfter = refused.retryAfter
            } catch let error as ClientError {
                failure = error
            }
            let retryable = failure.status.map { $0 == 429 || (500...599).contains($0) } ?? (failure.kind == .network)
            guard retryable, attempt < retryPolicy.maxAttempts else { throw failure }
            guard let delay = budget.pause(beforeRetry: attempt, retryAfter: retryAfter, unitRandom: random()) else {
                var error = failure
                error.message += budget.exhausted(retryAfter: retryAfter)
                throw error
            }
            logger.debug("obtain IAM token: \(failure.description); retrying in \(delay)")
            if delay >= RetryBudget.noticeThreshold {
                notice?(
                    .waiting(
                        operation: APIOperation.createToken.name, attempt: attempt, delay: delay,
                        reason: BackupClient.reason(failure)
                    )
                )
            }
            try await clock.sleep(for: delay)
            attempt += 1
        }
    }

    private func obtainToken(_ password: PasswordCredentials, via transport: any HTTPTransport) async throws -> AuthToken {
        let operation = APIOperation.createToken.name
        let body = IAMTokenRequest.body(password)
        let request = HTTPRequest(
            method: "POST", url: iamEndpoint + "/v3/auth/tokens?nocatalog=true",
            headers: [("Content-Type", "application/json;charset=utf8"), ("Accept", "application/json")],
            body: body, call: CallMetadata(operation: .createToken, query: [("nocatalog", "true")])
        )
        logger.debug("POST /v3/auth/tokens (user \(password.userName), domain \(password.domainName))")
        let response: HTTPResponse
        do {
            response = try await transport.execute(request, timeout: timeout, logger: logger)
        } catch let error as ClientError {
            throw error.with(operation: operation)
        }
        guard (200..<300).contains(response.status) else {
            throw RefusedTokenRequest(
                error: ServiceErrorParser.error(from: response, operation: operation),
                retryAfter: AttemptDecision.retryAfter(response.header("Retry-After"))
            )
        }
        guard let value = response.header("X-Subject-Token"), !value.isEmpty else {
            throw ClientError(
                kind: .decoding, operation: operation, status: response.status,
                message: "IAM answered without an X-Subject-Token header"
            )
        }
        let decoded = try ResponseDecoder.decode(IAMTokenResponse.self, from: response, operation: operation)
        guard let expiresAt = WireDate.parse(decoded.token.expiresAt) else {
            throw ClientError(kind: .decoding, operation: operation, message: "IAM sent an unreadable expires_at")
        }
        guard let projectID = decoded.token.project?.id else {
            throw ClientError(kind: .decoding, operation: operation, message: "IAM sent a token without a project scope")
        }
        return AuthToken(value: value, projectID: projectID, expiresAt: expiresAt)
    }
}

/// IAM answered the token request with an error status; `retryAfter` is its `Retry-After`, if any.
private struct RefusedTokenRequest: Error {
    var error: ClientError
    var retryAfter: Duration?
}
