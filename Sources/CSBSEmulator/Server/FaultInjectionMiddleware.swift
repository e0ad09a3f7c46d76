import HTTPTypes
import Hummingbird

/// Applies the first fault rule that hits the request's SDK operation (``EmulatorRequestContext/operation``, see
/// ``FaultRule``): latency, then an error response, a dropped connection, or a checkpoint planned to end in `error`
/// (``EmulatorRequestContext/plannedOutcome``); with phase `after`, the service handles the request first and its
/// response is lost. It runs before authentication, so a rule hits a request whatever its credentials.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let control: EmulatorControl

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let operation = context.operation, let rule = control.faultBook.hit(operation: operation) else {
            return try await next(request, context)
        }
        context.faultNote.hit(rule)
        if let latency = rule.latencyMs, latency > 0 {
            try await control.configuration.sleep(.milliseconds(latency))
        }
        var context = context
        if rule.checkpointError == true { context.plannedOutcome = .error }
        let answersNormally = rule.drop != true && !rule.answersWithError
        if answersNormally || rule.phase == .after {
            let response = try await next(request, context)
            if answersNormally { return response }
        }
        throw InjectedFault(rule: rule)
    }
}

/// The error a fault rule answers with; ``WireErrorMiddleware`` renders it (or drops the connection).
struct InjectedFault: Error, Sendable {
    var rule: FaultRule

    /// The error body: the gateway shape for `APIGW.`/`IAM.` codes, the CBR shape otherwise.
    var error: EmulatorError {
        let status = HTTPResponse.Status(code: rule.effectiveStatus)
        let code = rule.errorCode ?? (status.code == 429 ? FaultRule.throttlingCode : "BackupService.9910")
        let gateway = code.hasPrefix("APIGW.") || code.hasPrefix("IAM.")
        let message = rule.errorMessage
            ?? (status.code == 429 ? "The throttling threshold has been reached." : "Injected fault: \(code).")
        return EmulatorError(status: status, code: code, message: message, shape: gateway ? .gateway : .cbr)
    }
}
