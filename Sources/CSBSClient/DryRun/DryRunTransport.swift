import Foundation
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
        let converging = request.call?.intent == .createsIfMissing
        let expectedName: String?
        if case .expectsName(let name)? = request.call?.intent { expectedName = name } else { expectedName = nil }
        return state.withLock { state in
            guard let call = Self.call(for: request) else {
                return DryRunWorld.error(400, code: "DryRun.0002", message: "a dry run cannot answer \(shown.path)")
            }
            return state.world.respond(to: call, now: now, converging: converging, expectedName: expectedName)
        }
    }

    /// The request as the model reads it: `/{v3|v1}/{project}/segments…?query`, decoded.
    private static func call(for request: HTTPRequest) -> DryRunWorld.Call? {
        var url = Substring(request.url)
        if let scheme = url.range(of: "://") {
            url = url[scheme.upperBound...]
            guard let slash = url.firstIndex(of: "/") else { return nil }
            url = url[slash...]
        }
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let segments = parts[0].split(separator: "/").map { SigningEncoding.percentDecode(String($0)) }
        guard segments.count >= 3, segments[0] == "v3" || segments[0] == "v1" else { return nil }
        let rest = Array(segments.dropFirst(2))
        let query: [(String, String)] = parts.count < 2 ? [] : parts[1].split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (SigningEncoding.percentDecode(String(halves[0])), halves.count > 1 ? SigningEncoding.percentDecode(String(halves[1])) : "")
        }
        let body = request.body.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
        let pattern = rest.map { DryRunWorld.literalSegments.contains($0) ? $0 : "*" }.joined(separator: "/")
        return DryRunWorld.Call(
            method: request.method, service: segments[0], segments: rest, query: query, body: body, pattern: pattern,
            ids: rest.filter { !DryRunWorld.literalSegments.contains($0) }
        )
    }
}
