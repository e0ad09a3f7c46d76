import Hummingbird
import NIOCore

/// Collects every request body once, up to ``limit`` bytes (larger: 413 `APIGW.0201`), so the AK/SK
/// verifier can hash the exact bytes and the handler can still decode them.
struct RequestBodyBuffering: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    /// The largest body the emulator accepts: 1 MiB.
    static let limit = WireJSON.maxBodySize

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        do {
            _ = try await request.collectBody(upTo: Self.limit)
        } catch is NIOTooManyBytesError {
            throw EmulatorError.bodyTooLarge
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw EmulatorError.bodyTooLarge
        }
        return try await next(request, context)
    }
}
