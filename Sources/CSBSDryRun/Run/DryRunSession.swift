import CSBSClient
import CSBSScript
import CSBSSyntax
import FoundationEssentials

/// Everything an interpreter needs for a dry run: a ``DryRunTransport`` that records the requests, a client
/// over it that needs no credentials, and a connector so that `region`, `profile` and `endpoint` switch to
/// another dry-run client over the same transport instead of connecting anywhere.
public struct DryRunSession: Sendable {
    public let transport: DryRunTransport
    public let client: BackupClient
    /// What ``Interpreter/connector`` should be during a dry run.
    public let connector: Interpreter.Connector

    /// Creates a session.
    /// - Parameters:
    ///   - maximumRequests: how many requests to answer before the run ends; `nil` for no limit.
    ///   - currentDate: the wall clock (`since` filters, `created_at` of placeholder objects).
    ///   - trace: the redacted request trace (`--verbose`).
    ///   - onRequest: called with each request, in order, before its answer.
    public init(
        maximumRequests: Int? = nil, currentDate: @escaping @Sendable () -> Date = { Date() },
        trace: TraceHandler? = nil, onRequest: DryRunTransport.RequestHandler? = nil
    ) {
        let transport = DryRunTransport(maximumRequests: maximumRequests, currentDate: currentDate, onRequest: onRequest)
        let clock = VirtualClock()
        self.transport = transport
        client = BackupClient.dryRun(transport: transport, clock: clock, currentDate: currentDate, trace: trace)
        connector = { change in
            let endpoints = change.endpoint.map(ServiceEndpoints.single)
                ?? change.region.map(ServiceEndpoints.region) ?? BackupClient.dryRunEndpoints
            return BackupClient.dryRun(
                transport: transport, clock: clock, currentDate: currentDate, endpoints: endpoints, region: change.region,
                trace: trace
            )
        }
    }
}
