import CSBSPlatform
import FoundationEssentials

/// Something the person running the client should hear about even without a trace: a call waiting on the service,
/// credentials that go to two sites or over plain http, a token cache that cannot be used. Like trace events,
/// notices hold no secret.
///
/// Wire it with ``ClientConfiguration/notice``; `csbs` prints each on stderr.
public enum ClientNotice: Sendable, Hashable, CustomStringConvertible {
    /// A call waits before its next attempt because the service throttled it or failed (`reason`).
    case waiting(operation: String, attempt: Int, delay: Duration, reason: String)
    /// The password or token goes to IAM at `iam` and the token to services at `services`, on another site.
    case iamOnAnotherSite(iam: String, services: [String])
    /// Credentials go over plain http to these origins, which are not this machine (`--allow-insecure-http`).
    case plainHTTPAllowed([String])
    /// The token cache is not used (tokens stay in memory), for `reason`.
    case tokenCacheDisabled(reason: String)

    public var description: String {
        switch self {
        case .waiting(let operation, let attempt, let delay, let reason):
            "\(operation): \(reason); waiting \(Self.format(delay)) on the service before attempt \(attempt + 1)"
        case .iamOnAnotherSite(let iam, let services):
            "note: credentials go to IAM at \(iam), and its token to \(services.joined(separator: " and ")), "
                + "another site"
        case .plainHTTPAllowed(let origins):
            "warning: sending credentials over plain http to \(origins.joined(separator: ", ")) "
                + "(--allow-insecure-http): anyone on the path can read them"
        case .tokenCacheDisabled(let reason):
            "warning: not caching IAM tokens: \(reason)"
        }
    }

    /// `2.5 s`, `30 s`.
    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds.rounded() == seconds ? "\(Int(seconds)) s" : seconds.fixed(1) + " s"
    }
}

/// The receiver of notices; called synchronously on the calling task, so keep it quick.
public typealias NoticeHandler = @Sendable (ClientNotice) -> Void
