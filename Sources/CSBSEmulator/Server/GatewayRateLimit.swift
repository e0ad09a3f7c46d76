import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The API gateway's throttling in front of CBR and CSBS: at most ``requestsPerSecond`` requests per second per
/// project (the `project_id` of the path), over every operation together, as a token bucket that holds one
/// second's worth of requests. A request over the limit is answered `429` with the gateway's `APIGW.0308` body
/// (``EmulatorError/throttled``) and never reaches the service. Off unless configured (`csbs serve
/// --rate-limit N`, ``EmulatorConfiguration/rateLimit``, or the control API's `rate-limit`).
///
/// The API reference documents neither the real gateway's figures nor a `Retry-After` header on its 429, so the
/// limit is the caller's choice and no `Retry-After` is sent (a fault rule can add one). Time is the configured
/// clock before the emulator's scaling and jumps (what request signatures are checked against): the gateway
/// counts wall-clock seconds, so `clock/advance` and a time scale leave the budget alone, and tests on an
/// injected clock refill it by moving that clock.
public struct GatewayRateLimit: Codable, Sendable, Hashable {
    /// Requests per second per project; also the bucket's size (a quiet project may send this many at once).
    public var requestsPerSecond: Int

    enum CodingKeys: String, CodingKey {
        case requestsPerSecond = "requests_per_second"
    }

    /// The highest limit accepted (far above any real gateway's).
    public static let maximum = 1_000_000

    public init(requestsPerSecond: Int) {
        self.requestsPerSecond = requestsPerSecond
    }

    /// Why the limit cannot be used, or `nil`.
    public var problem: String? {
        (1...Self.maximum).contains(requestsPerSecond)
            ? nil : "requests_per_second must be a whole number from 1 to \(Self.maximum)"
    }
}

/// The buckets of every project under the current ``GatewayRateLimit`` (none: nothing is throttled).
final class GatewayThrottle: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private struct State {
        var limit: GatewayRateLimit?
        var buckets: [String: Bucket] = [:]
    }

    private let state: Mutex<State>
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - limit: The limit from the start, if any.
    ///   - now: The clock the buckets refill on.
    init(limit: GatewayRateLimit?, now: @escaping @Sendable () -> Date) {
        state = Mutex(State(limit: limit))
        self.now = now
    }

    /// The current limit.
    var limit: GatewayRateLimit? {
        state.withLock(\.limit)
    }

    /// Replaces the limit (`nil` turns throttling off); every project starts again with a full bucket.
    func setLimit(_ limit: GatewayRateLimit?) {
        state.withLock { state in
            state.limit = limit
            state.buckets.removeAll()
        }
    }

    /// Takes one request's token from `project`'s bucket; `false` when it is empty (the request is throttled).
    func admit(project: String) -> Bool {
        let current = now()
        return state.withLock { state in
            guard let limit = state.limit else { return true }
            let rate = Double(limit.requestsPerSecond)
            var bucket = state.buckets[project] ?? Bucket(tokens: rate, updated: current)
            let elapsed = current.timeIntervalSince(bucket.updated)
            if elapsed > 0 {
                bucket.tokens = min(rate, bucket.tokens + elapsed * rate)
                bucket.updated = current
            }
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            state.buckets[project] = bucket
            return admitted
        }
    }
}

/// Throttles the CBR and CSBS route groups per project (see ``GatewayRateLimit``). It runs before
/// authentication, as the gateway does.
struct GatewayRateLimitMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let throttle: GatewayThrottle

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let project = context.parameters.get("project_id") ?? ""
        guard throttle.admit(project: project) else { throw EmulatorError.throttled }
        return try await next(request, context)
    }
}

extension EmulatorError {
    /// `APIGW.0308` (429): the gateway's throttling threshold was reached (the code is inferred in the API
    /// reference, §4.2).
    static let throttled = EmulatorError(
        status: .tooManyRequests, code: FaultRule.throttlingCode,
        message: "The throttling threshold has been reached.", shape: .gateway
    )
}

extension EmulatorControl {
    /// The gateway's rate limit now; `nil` when requests are not throttled.
    public var rateLimit: GatewayRateLimit? {
        throttle.limit
    }

    /// Sets (or, with `nil`, removes) the gateway's rate limit; every project starts with a full bucket.
    /// Validate first (``GatewayRateLimit/problem``).
    public func setRateLimit(_ limit: GatewayRateLimit?) {
        throttle.setLimit(limit)
    }
}

extension ControlController {
    struct RateLimitBody: Encodable, Sendable {
        /// `null` when requests are not throttled.
        var rateLimit: GatewayRateLimit?

        enum CodingKeys: String, CodingKey {
            case rateLimit = "rate_limit"
        }

        /// `rate_limit` is always there, `null` when off.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rateLimit, forKey: .rateLimit)
        }
    }

    /// `GET`, `PUT` (body `{"requests_per_second": N}`) and `DELETE` on `rate-limit`.
    func addRateLimitRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.get("rate-limit", use: rateLimit)
        group.put("rate-limit", use: setRateLimit)
        group.delete("rate-limit", use: removeRateLimit)
    }

    @Sendable func rateLimit(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try WireJSON.response(RateLimitBody(rateLimit: control.rateLimit))
    }

    @Sendable func setRateLimit(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: WireJSON.maxBodySize)
        let limit: GatewayRateLimit
        do {
            limit = try JSONDecoder().decode(GatewayRateLimit.self, from: Data(buffer.readableBytesView))
        } catch {
            throw Self.invalid("the body is not a rate limit: {\"requests_per_second\": N}")
        }
        if let problem = limit.problem { throw Self.invalid(problem) }
        control.setRateLimit(limit)
        return try WireJSON.response(RateLimitBody(rateLimit: limit))
    }

    @Sendable func removeRateLimit(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        control.setRateLimit(nil)
        return Response(status: .noContent)
    }
}
