import Foundation
import Hummingbird
import Synchronization

/// The outermost middleware: binds the emulator's identifier source for the request, names its SDK
/// operation, and records it in the request log (method, path, operation, status, real duration, fault)
/// once the response is known. Control API calls are not logged.
struct RequestScopeMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let control: EmulatorControl

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let operation = OperationName.of(method: request.method, path: request.uri.path)
        let note = FaultNote()
        let started = ContinuousClock.now
        let response = try await Identifiers.$source.withValue(control.identifiers) {
            try await PolicyScheduler.$durations.withValue(control.configuration.durations) {
                try await FaultNote.$current.withValue(note) { try await next(request, context) }
            }
        }
        if !request.uri.path.hasPrefix(ControlController.prefix) {
            let elapsed = ContinuousClock.now - started
            control.record(
                RequestLogEntry(
                    method: request.method.rawValue, path: request.uri.path, operation: operation,
                    status: note.dropped ? nil : response.status.code,
                    durationMs: EmulatorClock.seconds(elapsed) * 1000, fault: note.faultID
                )
            )
        }
        return response
    }
}

/// What fault injection did to the current request, for the request log.
final class FaultNote: Sendable {
    /// The note of the request being handled.
    @TaskLocal static var current: FaultNote?

    private let state = Mutex<(faultID: String?, dropped: Bool)>((nil, false))

    var faultID: String? { state.withLock(\.faultID) }
    var dropped: Bool { state.withLock(\.dropped) }

    /// Records that `rule` hit the request.
    func hit(_ rule: FaultRule) {
        state.withLock { $0 = (rule.id, $0.dropped || rule.drop == true) }
    }
}
