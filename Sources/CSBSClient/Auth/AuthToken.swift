import FoundationEssentials

/// An IAM token and what it is good for. `description` never shows the token itself.
public struct AuthToken: Codable, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var projectID: String
    public var expiresAt: Date

    public init(value: String, projectID: String, expiresAt: Date) {
        self.value = value
        self.projectID = projectID
        self.expiresAt = expiresAt
    }

    /// Whether the token is still usable at `date`, leaving `margin` for clock skew and long calls.
    public func isFresh(at date: Date, margin: TimeInterval = AuthToken.refreshMargin) -> Bool {
        expiresAt.timeIntervalSince(date) > margin
    }

    /// Tokens are replaced this long before their `expires_at`.
    public static let refreshMargin: TimeInterval = 15 * 60

    public var description: String {
        "AuthToken(<redacted>, project: \(projectID), expires: \(expiresAt))"
    }
}
