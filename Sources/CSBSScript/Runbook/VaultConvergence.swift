import CSBSClient

/// Selects the vault with a name, creating it when there is none: what `vault NAME size GB …` does, without the
/// language.
///
/// An existing vault is never changed silently: a different size, consistency or missing tags come back as
/// ``VaultDifferences``; with ``Request/resize`` a vault smaller than asked grows to the asked size (it never
/// shrinks). An existing vault of another protection type, when one is asked for, is an error. Converging twice
/// sends no write the second time.
///
/// The API lets several vaults share a name, so convergence keeps names unique itself: within a process, calls on
/// the same name take turns (``NameLocks``); across processes, a call that created a vault lists the name again
/// and, when others made one at the same moment, keeps the oldest (by creation time, then listing order), deletes the one it
/// made (it is empty: nothing has used it yet) and selects the survivor. A call that finds several vaults waits
/// briefly for such a clean-up before reporting the name as ambiguous.
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
    /// Shared by the calls of one process (an interpreter and its parallel copies).
    public let locks: NameLocks

    /// How often, and how long apart, a call that finds several vaults with its name looks again.
    static let ambiguityRechecks = 3
    static let ambiguityRecheckInterval: Duration = .seconds(1)

    public init(client: BackupClient, locks: NameLocks = NameLocks()) {
        self.client = client
        self.locks = locks
    }

    /// Selects, creates or grows the vault `request` names.
    /// - Throws: ``VaultConvergenceError`` when several vaults have the name or the vault protects the other
    ///   type; the client's ``ClientError`` when a call fails.
    public func converge(_ request: Request) async throws -> VaultOutcome {
        try await locks.withLock("vault\u{0}" + client.configuration.endpoints.cbr + "\u{0}" + request.name) {
            try await convergeHoldingTheName(request)
        }
    }

    private func convergeHoldingTheName(_ request: Request) async throws -> VaultOutcome {
        var matches = try await namesakes(of: request.name, intent: .createsIfMissing)
        var rechecks = 0
        while matches.count > 1 {
            // Perhaps other processes created it at the same moment and are removing their copies.
            guard rechecks < Self.ambiguityRechecks else {
                throw VaultConvergenceError.ambiguous(name: request.name, count: matches.count)
            }
            rechecks += 1
            try await client.clock.sleep(for: Self.ambiguityRecheckInterval)
            matches = try await namesakes(of: request.name, intent: .plain)
        }
        guard let vault = matches.first else {
            let created = try await client.createVault(
                name: request.name, sizeGB: request.sizeGB, objectType: request.objectType ?? .server,
                consistentLevel: request.consistentLevel ?? "crash_consistent", tags: request.tags
            )
            return try await settle(created, request)
        }
        return try await select(vault, request)
    }

    /// The vaults named exactly `name`, leaving out ones being deleted (a duplicate another process removes).
    private func namesakes(of name: String, intent: LookupIntent) async throws -> [Vault] {
        try await client.listVaults(name: name, intent: intent).vaults
            .filter { $0.name == name && !$0.isBeingDeleted }
    }

    /// After creating: when another process created a vault of the same name at the same moment, the oldest
    /// stays and this call's vault, still empty, is deleted.
    private func settle(_ created: Vault, _ request: Request) async throws -> VaultOutcome {
        let namesakes = try await namesakes(of: request.name, intent: .plain)
        guard namesakes.count > 1, let survivor = Self.oldest(namesakes), survivor.id != created.id else {
            return .created(created)
        }
        try await client.deleteVault(id: created.id)
        return try await select(survivor, request)
    }

    /// The vault every process keeps: the earliest creation time (the service's timestamps compare as text), and
    /// between equal times the first in the service's listing order, which is creation order. (An order that did
    /// not follow creation, such as by id, could pick a vault created after another caller had already found and
    /// selected the only one there was.)
    static func oldest(_ vaults: [Vault]) -> Vault? {
        vaults.enumerated().min { ($0.element.createdAt ?? "", $0.offset) < ($1.element.createdAt ?? "", $1.offset) }?
            .element
    }

    /// Selects an existing vault, growing it when asked, and says how it differs from the request.
    private func select(_ found: Vault, _ request: Request) async throws -> VaultOutcome {
        var vault = found
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
