import CSBSClient
import FoundationEssentials
import Logging
import Synchronization

/// The transport of a dry run: it never opens a socket. It records each request it is given (method, path with
/// query, JSON body; never a header, so never a token or signature) and answers with a response the client can
/// decode, synthesised by a small model of the service (see ``LookupIntent`` for the rule on objects the script
/// did not create).
///
/// A dry run goes through the same client code as a real run; only this transport differs.
public final class DryRunTransport: HTTPTransport, Sendable {
    /// Receives each request as it is "sent", before its answer, so the output can show it before the
    /// statement's result.
    public typealias RequestHandler = @Sendable (DryRunRequest) -> Void

    private struct State {
        var world = DryRunWorld()
        var requests: [DryRunRequest] = []
        var exhausted = false
    }

    private let state = Mutex(State())
    private let onRequest: RequestHandler?
    private let currentDate: @Sendable () -> Date
    /// The most requests the transport answers; the next one ends the run. `nil` for no limit.
    public let maximumRequests: Int?

    /// Creates a transport.
    /// - Parameters:
    ///   - maximumRequests: how many requests to answer before ending the run (a budget for fuzzing); `nil`
    ///     for no limit.
    ///   - currentDate: the time placed in `created_at` fields.
    ///   - onRequest: called with each request, in order, before its answer.
    public init(
        maximumRequests: Int? = nil, currentDate: @escaping @Sendable () -> Date = { Date() },
        onRequest: RequestHandler? = nil
    ) {
        self.maximumRequests = maximumRequests
        self.currentDate = currentDate
        self.onRequest = onRequest
    }

    /// Every request so far, in order.
    public var requests: [DryRunRequest] {
        state.withLock { $0.requests }
    }

    /// Whether a request beyond ``maximumRequests`` ended the run.
    public var budgetExhausted: Bool {
        state.withLock { $0.exhausted }
    }

    /// Records the request and answers it from the model.
    /// - Throws: `CancellationError` when the task is cancelled or the request budget is spent.
    public func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let shown = DryRunRequest(request)
        let accepted = state.withLock { state -> Bool in
            if let maximumRequests, state.requests.count >= maximumRequests {
                state.exhausted = true
                return false
            }
            state.requests.append(shown)
            return true
        }
        guard accepted else { throw CancellationError() }
        onRequest?(shown)
        let now = WireDate.filterFormat(currentDate())
        guard let metadata = request.call else {
            return DryRunWorld.error(400, code: "DryRun.0002", message: "a dry run cannot answer \(shown.path)")
        }
        let call = DryRunWorld.Call(metadata: metadata, data: request.body)
        return state.withLock { state in state.world.respond(to: call, now: now) }
    }
}
