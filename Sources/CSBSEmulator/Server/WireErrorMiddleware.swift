import HTTPTypes
import Hummingbird
import Logging

/// Gives every response an `X-Request-Id` and renders every error in the service's own JSON shape:
/// ``EmulatorError``s as they are, an unmatched route as `APIGW.0101`, a too-large body as `APIGW.0201`,
/// injected faults as their rule says, and anything unexpected as a logged, generic `BackupService.9910`
/// (never a stack trace).
struct WireErrorMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    let logger: Logger

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requestID = context.identifiers.requestID()
        var response: Response
        do {
            response = try await next(request, context)
        } catch let fault as InjectedFault {
            response = try render(fault, requestID: requestID)
        } catch {
            response = try render(wireError(for: error, request: request), requestID: requestID)
        }
        response.headers[Self.requestIDHeader] = requestID
        // The rest of a body too large is never read: say so, and `CloseAfterResponse` closes the connection.
        if response.status == .contentTooLarge { response.headers[.connection] = "close" }
        return response
    }

    private func wireError(for error: any Error, request: Request) -> EmulatorError {
        if let error = error as? EmulatorError { return error }
        if let error = error as? any HTTPResponseError {
            switch error.status {
            case .notFound, .methodNotAllowed: return .routeNotFound
            case .contentTooLarge: return .bodyTooLarge
            case .badRequest: return .invalidParameter("The request is invalid.")
            default: break
            }
        }
        // Only the error's type: its description might quote request data.
        logger.error(
            "Unexpected error",
            metadata: ["error.type": "\(type(of: error))", "method": "\(request.method)", "path": "\(request.uri.path)"]
        )
        return .internalError
    }

    /// An injected fault: its error with `Retry-After`, or a marked response the connection layer drops.
    private func render(_ fault: InjectedFault, requestID: String) throws -> Response {
        if fault.rule.drop == true {
            return Response(status: .internalServerError, headers: [ConnectionDropper.markerName: "1"])
        }
        var response = try render(fault.error, requestID: requestID)
        if let seconds = fault.rule.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private func render(_ error: EmulatorError, requestID: String) throws -> Response {
        switch error.shape {
        case .cbr:
            let body = CBRErrorBody(errorCode: error.code, errorMsg: error.message)
            return try WireJSON.response(body, status: error.status)
        case .gateway:
            let body = GatewayErrorBody(errorCode: error.code, errorMsg: error.message, requestId: requestID)
            return try WireJSON.response(body, status: error.status)
        case .keystone(let title):
            let detail = KeystoneErrorBody.Detail(code: error.status.code, message: error.message, title: title)
            return try WireJSON.response(KeystoneErrorBody(error: detail), status: error.status)
        }
    }
}
