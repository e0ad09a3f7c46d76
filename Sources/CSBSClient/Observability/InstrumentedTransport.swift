import FoundationEssentials
import Logging

/// Wraps the real transport with client-side pacing and the redacted trace of every exchange, so that IAM calls
/// and service calls are paced and traced alike.
///
/// The redacted trace (headers and a re-serialised JSON body) is built only when someone reads it — a trace
/// handler (`--verbose`) or a logger at `debug` or below; a plain run pays nothing for it.
struct InstrumentedTransport: HTTPTransport {
    let inner: any HTTPTransport
    let bucket: TokenBucket?
    let trace: TraceHandler?
    let clock: any ClientClock

    func prepare(_ url: String) {
        inner.prepare(url)
    }

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        try await bucket?.acquire()
        guard trace != nil || logger.logLevel <= .debug else {
            return try await inner.execute(request, timeout: timeout, logger: logger)
        }
        let call = request.call
        let url = Redactor.url(request.url)
        let requestTrace = RequestTrace(
            operation: call?.operation.name, attempt: call?.attempt ?? 1, method: request.method, url: url,
            headers: Redactor.headers(request.headers), body: Redactor.body(request.body)
        )
        trace?(.request(requestTrace))
        logger.trace("\(requestTrace.description)")
        let start = clock.now()
        do {
            let response = try await inner.execute(request, timeout: timeout, logger: logger)
            let event = ResponseTrace(
                operation: call?.operation.name, attempt: requestTrace.attempt, method: request.method, url: url,
                status: response.status, duration: start.duration(to: clock.now()),
                requestID: response.header("X-Request-Id"), headers: Redactor.headers(response.headers),
                body: Redactor.body(response.body), failure: nil
            )
            trace?(.response(event))
            logger.debug("\(event.description)")
            return response
        } catch {
            let event = ResponseTrace(
                operation: call?.operation.name, attempt: requestTrace.attempt, method: request.method, url: url,
                status: nil, duration: start.duration(to: clock.now()), requestID: nil, headers: [], body: nil,
                failure: (error as? ClientError)?.description ?? (error is CancellationError ? "cancelled" : "\(type(of: error))")
            )
            trace?(.response(event))
            logger.debug("\(event.description)")
            throw error
        }
    }
}
