/// What a runbook wait reports on each look: the status, whether it is final, the time waited and the progress
/// (percent, when the service gives one).
public typealias WaitObserver = @Sendable (
    _ status: String, _ isTerminal: Bool, _ elapsed: Duration, _ progress: Int?
) -> Void
