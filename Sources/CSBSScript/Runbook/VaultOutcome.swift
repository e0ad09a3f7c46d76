import CSBSClient

/// What ``VaultConvergence`` did.
public enum VaultOutcome: Sendable, Hashable {
    /// There was no vault with the name; this one was created as asked.
    case created(Vault)
    /// The existing vault, unchanged; `differences` says how it differs from what was asked.
    case selected(Vault, VaultDifferences)
    /// The existing vault, grown from `fromGB` to the asked size (`resize`).
    case resized(Vault, fromGB: Int, VaultDifferences)

    /// The vault as it is now.
    public var vault: Vault {
        switch self {
        case .created(let vault), .selected(let vault, _), .resized(let vault, _, _): vault
        }
    }

    /// How the vault differs from the request (none for a created vault).
    public var differences: VaultDifferences {
        switch self {
        case .created: VaultDifferences()
        case .selected(_, let differences), .resized(_, _, let differences): differences
        }
    }
}

/// How an existing vault differs from what was asked, left as it is.
public struct VaultDifferences: Sendable, Hashable {
    /// An asked consistency level the vault does not have (wire values, `crash_consistent`).
    public struct Consistency: Sendable, Hashable {
        public var asked: String
        public var actual: String

        public init(asked: String, actual: String) {
            self.asked = asked
            self.actual = actual
        }
    }

    /// The size asked for, when the vault has another size and keeps it.
    public var askedSizeGB: Int?
    /// The asked consistency, when the vault makes other backups.
    public var consistency: Consistency?
    /// The asked tags the vault lacks (or has with another value), in the order asked.
    public var missingTags: [Tag] = []

    public init(askedSizeGB: Int? = nil, consistency: Consistency? = nil, missingTags: [Tag] = []) {
        self.askedSizeGB = askedSizeGB
        self.consistency = consistency
        self.missingTags = missingTags
    }

    /// Whether the vault is as asked.
    public var isEmpty: Bool { askedSizeGB == nil && consistency == nil && missingTags.isEmpty }
}

/// Why ``VaultConvergence`` could not pick a vault.
public enum VaultConvergenceError: Error, Sendable, Hashable {
    /// Several vaults have the name.
    case ambiguous(name: String, count: Int)
    /// The vault protects `actual` resources (`server`/`disk`), not the asked kind.
    case typeMismatch(vault: String, actual: String, asked: VaultObjectType)
}
