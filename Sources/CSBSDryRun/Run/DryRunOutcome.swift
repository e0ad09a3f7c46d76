import CSBSClient
import CSBSScript
import CSBSSyntax

/// What a dry run of a script did: the requests it would have sent, its results, its diagnostics, and the exit
/// status `csbs run --dry-run` would end with.
public struct DryRunOutcome: Sendable {
    /// `0` on success; `65` when the script does not parse or resolve (nothing was evaluated); otherwise what a
    /// real run would exit with (`1` assert, `70` command failure, `75` wait timeout, `130` interrupted, `N` after
    /// `exit N`). A spent budget exits with `70`.
    public var exitStatus: Int32
    /// The requests, in the order they would have been sent.
    public var requests: [DryRunRequest]
    /// The statements' results, in order.
    public var results: [ResultRecord]
    /// Every diagnostic (parse, resolve, runtime) with the file it points into.
    public var diagnostics: [FileDiagnostic]
    /// Whether the run was stopped by a limit of ``DryRun/Limits`` (reported as `dryRun.budgetExceeded`).
    public var budgetExceeded: Bool
    /// Requests (as ``DryRunRequest/text``), result summaries and rendered diagnostics (no colour), in the
    /// order they happened: what `csbs run --dry-run` prints, less its header line.
    public var transcript: [String]

    /// The diagnostics' IDs, such as `runtime.badArgument`, in order.
    public var diagnosticIDs: [String] {
        diagnostics.map { $0.diagnostic.id.description }
    }
}
