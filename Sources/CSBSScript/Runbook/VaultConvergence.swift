import CSBSClient

/// Selects the vault with a name, creating it when there is none: what `vault NAME size GB …` does, without the
/// language.
///
/// An existing vault is never changed silently: a different size, consistency or missing tags come back as
/// ``VaultDifferences``; with ``Request/resize`` a vault smaller than asked grows to the asked size (it never
/// shrinks). An existing vault of another protection type, when one is asked for, is an error. Converging twice
/// sends no write the second time.
public struct VaultConvergence: Sendable {
    /// The vault a caller wants.
    public struct Request: Sendable, Hashable {
        public var name: String
        public var sizeGB: Int
        /// The protection type; `nil` accepts any existing vault and creates a server vault.
        public var objectType: VaultObjectType?
        /// `crash_consistent` or `app_consistent`; `nil` accepts any and creates a crash-consistent vault.
        public var consistentLevel: String?
        /// Tags a created vault gets and an existing one is checked for.
        public var tags: [Tag]
        /// Whether an existing vault smaller than ``sizeGB`` grows to it.
        public var resize: Bool

        public init(
            name: String, sizeGB: Int, objectType: VaultObjectType? = nil, consistentLevel: String? = nil,
            tags: [Tag] = [], resize: Bool = false
        ) {
            self.name = name
            self.sizeGB = sizeGB
            self.objectType = objectType
            self.consistentLevel = consistentLevel
            self.tags = tags
            self.resize = resize
        }
    }

    public let client: BackupClient

    public init(client: BackupClient) {
        self.client = client
    }

    /// Selects, creates or grows the vault `request` names.
    /// - Throws: ``VaultConvergenceError`` when several vaults have the name or the vault protects the other
    ///   type; the client's ``ClientError`` when a call fails.
    public func converge(_ request: Request) async throws -> VaultOutcome {
        let matches = try await client.listVaults(name: request.name, intent: .createsIfMissing)
            .vaults.filter { $0.name == request.name }
        if matches.count > 1 {
            throw VaultConvergenceError.ambiguous(name: request.name, count: matches.count)
        }
        guard var vault = matches.first else {
            let created = try await client.createVault(
                name: request.name, sizeGB: request.sizeGB, objectType: request.objectType ?? .server,
                consistentLevel: request.consistentLevel ?? "crash_consistent", tags: request.tags
            )
            return .created(created)
        }
        if let asked = request.objectType, let actual = vault.billing?.objectType, actual != asked.rawValue {
            throw VaultConvergenceError.typeMismatch(vault: vault.name, actual: actual, asked: asked)
        }
        var differences = VaultDifferences()
        var grownFrom: Int?
        let actualSize = vault.billing?.size?.value ?? request.sizeGB
        if actualSize < request.sizeGB, request.resize {
            vault = try await client.resizeVault(id: vault.id, sizeGB: request.sizeGB)
            grownFrom = actualSize
        } else if actualSize != request.sizeGB {
            differences.askedSizeGB = request.sizeGB
        }
        if let asked = request.consistentLevel, let level = vault.billing?.consistentLevel, level != asked {
            differences.consistency = .init(asked: asked, actual: level)
        }
        let present = Dictionary(
            (vault.tags ?? []).map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { first, _ in first }
        )
        differences.missingTags = request.tags.filter { present[$0.key] != ($0.value ?? "") }
        if let grownFrom { return .resized(vault, fromGB: grownFrom, differences) }
        return .selected(vault, differences)
    }
}
