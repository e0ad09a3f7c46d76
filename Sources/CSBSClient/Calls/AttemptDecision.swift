import CSBSPlatform
import FoundationEssentials

/// What the request loop does after one attempt: the pure part of ``BackupClient/perform(_:body:safety:decode:)``,
/// decided from the outcome alone so that it can be tested without a network.
enum AttemptDecision: Sendable {
    /// A 2xx answer: decode it.
    case succeed(HTTPResponse)
    /// A 404 on a re-sent deletion: an earlier attempt deleted it.
    case deletedEarlier
    /// A 401 to a token that can be replaced: log in again and repeat the attempt.
    case relogin
    /// Final: report the error.
    case fail(ClientError)
    /// Safe to send again (if attempts remain), after the service's `Retry-After` when it gave one.
    case retry(ClientError, retryAfter: Duration?)
    /// The request may have been applied: reconcile a creating call, report any other.
    case mayHaveBeenApplied(ClientError, retryAfter: Duration?)

    /// Decides what follows an attempt.
    /// - Parameters:
    ///   - outcome: the answer, or the transport failure.
    ///   - operation: the call, for errors.
    ///   - attempt: 1-based number of the attempt.
    ///   - idempotent: whether re-sending cannot change the outcome.
    ///   - deleting: whether the call is a deletion.
    ///   - mayRelogin: whether a 401 may be answered by obtaining a new token (once per call).
    static func decide(
        _ outcome: Result<HTTPResponse, ClientError>, operation: APIOperation, attempt: Int, idempotent: Bool,
        deleting: Bool, mayRelogin: Bool
    ) -> AttemptDecision {
        switch outcome {
        case .success(let response) where (200..<300).contains(response.status):
            return .succeed(response)
        case .success(let response) where response.status == 404 && attempt > 1:
            return deleting ? .deletedEarlier : .fail(ServiceErrorParser.error(from: response, operation: operation.name))
        case .success(let response) where response.status == 401 && mayRelogin:
            return .relogin
        case .success(let response):
            let failure = ServiceErrorParser.error(from: response, operation: operation.name)
            let retryAfter = retryAfter(response.header("Retry-After"))
            switch RetryClassification.classify(status: response.status, error: nil, idempotent: idempotent) {
            case .retry: return .retry(failure, retryAfter: retryAfter)
            case .mayHaveBeenApplied: return .mayHaveBeenApplied(failure, retryAfter: retryAfter)
            case .fail: return .fail(failure)
            }
        case .failure(let error):
            switch RetryClassification.classify(status: nil, error: error, idempotent: idempotent) {
            case .retry: return .retry(error, retryAfter: nil)
            case .mayHaveBeenApplied: return .mayHaveBeenApplied(error, retryAfter: nil)
            case .fail: return .fail(error)
            }
        }
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare for these services and ignored).
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmed()), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
