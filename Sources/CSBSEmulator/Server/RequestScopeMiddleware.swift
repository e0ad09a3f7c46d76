import Foundation
import Hummingbird

/// The outermost middleware (it runs after routing, like all Hummingbird middleware): names the request's SDK
/// operation after its matched route (``EmulatedAPI/operation(method:endpointPath:)``), gives the context the
/// emulator's identifier source, and records the request in the request log (method, path, operation, status,
/// real duration, fault) once the response is known. Control API calls are not logged.
struct RequestScopeMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let control: EmulatorControl

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.operation = EmulatedAPI.operation(method: request.method, endpointPath: context.endpointPath)
        context.identifiers = control.identifiers
        let started = ContinuousClock.now
        let response = try await next(request, context)
        if !request.uri.path.hasPrefix(ControlController.prefix) {
            let elapsed = ContinuousClock.now - started
            let note = context.faultNote
            control.record(
                RequestLogEntry(
                    method: request.method.rawValue, path: request.uri.path, operation: context.operation,
                    status: note.dropped ? nil : response.status.code,
                    durationMs: EmulatorClock.seconds(elapsed) * 1000, fault: note.faultID
                )
            )
        }
        return response
    }
}
