import CSBSClient
import FoundationEssentials

extension BackupClient {
    /// What dry runs show in place of the project id: `/v3/{project_id}/vaults`.
    public static let dryRunProjectID = "{project_id}"

    /// The endpoints a dry-run client names when nothing chose others; no request ever reaches them.
    public static let dryRunEndpoints = ServiceEndpoints.single("https://dry-run.invalid")

    /// A client for a dry run: it reads no credentials, obtains no token, and sends everything to `transport`.
    ///
    /// The configuration carries a placeholder token (never shown: the transport records no headers) scoped to
    /// ``dryRunProjectID``, no retries, and a fixed source of randomness, so generated backup names are stable
    /// (`manualbk_00000000`).
    /// - Parameters:
    ///   - transport: where requests go.
    ///   - clock: what waits and `sleep` use; a ``VirtualClock`` unless given.
    ///   - currentDate: the wall clock (for `since` filters).
    ///   - endpoints: the endpoints the configuration names (a script's `region` or `endpoint`), for messages only.
    ///   - region: the region the configuration names, for messages only.
    ///   - trace: receives the redacted trace of each exchange (`--verbose`).
    public static func dryRun(
        transport: DryRunTransport, clock: any ClientClock = VirtualClock(),
        currentDate: @escaping @Sendable () -> Date = { Date() }, endpoints: ServiceEndpoints = dryRunEndpoints,
        region: String? = nil, trace: TraceHandler? = nil
    ) -> BackupClient {
        var configuration = ClientConfiguration(
            endpoints: endpoints, credentials: .token("dry-run", projectID: dryRunProjectID), retryPolicy: .none,
            region: region, trace: trace
        )
        configuration.sources["credentials"] = "dry run"
        return BackupClient(
            configuration: configuration, transport: transport, clock: clock, currentDate: currentDate, random: { 0 }
        )
    }
}
