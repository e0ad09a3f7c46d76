import FoundationEssentials

/// How long the names completion lists from the backend (vaults, servers, disks, backups) are used before
/// they are listed again: ``lifetime`` seconds, or until an input that may have changed them (a statement
/// that creates, deletes or switches something).
public struct CatalogLifetime: Sendable, Equatable {
    /// Seconds a listing stays in use.
    public var lifetime: TimeInterval
    /// When the listing in use was made; `nil`: none yet.
    public private(set) var listedAt: Date?
    /// Set by an input that may have changed what is listed.
    public private(set) var invalidated = false

    public init(lifetime: TimeInterval = 30) {
        self.lifetime = lifetime
    }

    /// Statements after which the backend's names may differ.
    public static let changingStatements: Set<String> = [
        "vault", "attach", "detach", "backup", "protect", "restore", "delete", "resize", "wait", "policy", "bind",
        "unbind", "region", "profile", "endpoint", "source",
    ]

    /// Whether the listing made at ``listedAt`` may still be used at `now`.
    public func isFresh(at now: Date) -> Bool {
        guard let listedAt, !invalidated else { return false }
        return now.timeIntervalSince(listedAt) < lifetime
    }

    /// Notes an input that ran: one with a changing statement anywhere (also in a block or a capture) ends
    /// the listing's use.
    public mutating func noteInput(_ text: String) {
        let words = text.split { $0.isWhitespace || ";{}=()".contains($0) }
        if words.contains(where: { Self.changingStatements.contains($0.lowercased()) }) { invalidated = true }
    }

    /// Notes a new listing made at `now`.
    public mutating func listed(at now: Date) {
        listedAt = now
        invalidated = false
    }
}
