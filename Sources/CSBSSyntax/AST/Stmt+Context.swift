/// What a context statement switches.
public enum ContextKind: String, Sendable, Hashable, CaseIterable {
    /// `region NAME`: the cloud region (its endpoints and, against the emulator, its project).
    case region
    /// `profile NAME`: a profile of the profiles file (credentials, region, endpoints).
    case profile
    /// `endpoint URL`: one endpoint for every service.
    case endpoint
}

/// `region NAME`, `profile NAME` or `endpoint URL`: the following statements use a client connected the new
/// way, and no vault is selected any more.
public struct ContextStmt: Sendable, Hashable {
    public let kind: ContextKind
    /// The region, profile name or URL: a bare word, a string or a computed value.
    public let value: Expr
    /// The 0-based UTF-8 range of the whole statement.
    public let range: SourceRange

    public init(kind: ContextKind, value: Expr, range: SourceRange) {
        self.kind = kind
        self.value = value
        self.range = range
    }
}
