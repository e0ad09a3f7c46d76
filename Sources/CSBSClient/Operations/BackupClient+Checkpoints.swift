import FoundationEssentials

extension BackupClient {
    /// `POST /v3/{project_id}/checkpoints`: starts a backup of the vault's resources (a restore point).
    ///
    /// Without a name in `parameters` the client names the restore point itself, in the service's own
    /// `manualbk_…` form but long enough to be unique: the service names the backups after it, so a create whose
    /// answer was lost is found again by that name rather than guessed from timing.
    public func createCheckpoint(vaultID: String, parameters: CheckpointParameters = .init()) async throws -> Checkpoint {
        let name = parameters.name ?? Self.generatedBackupName(random: random)
        let body = CreateCheckpointBody(
            checkpoint: .init(
                parameters: .init(
                    autoTrigger: false, description: parameters.description, incremental: parameters.incremental,
                    name: name, resources: parameters.resources
                ),
                vaultID: vaultID
            )
        )
        let reconciler = Reconciler<CheckpointEnvelope>(what: "restore point \(name) of vault \(vaultID)") { since in
            try await findCreatedCheckpoint(vaultID: vaultID, name: name, since: since)
                .map(CheckpointEnvelope.init(checkpoint:))
        }
        let response: CheckpointEnvelope = try await send(.createCheckpoint, body: body, reconciler: reconciler
        )
        return response.checkpoint
    }

    /// `manualbk_` and eight random hexadecimal digits.
    static func generatedBackupName(random: @Sendable () -> Double) -> String {
        let value = UInt32(min(max(random(), 0), 1) * Double(UInt32.max))
        let hex = String(value, radix: 16)
        return "manualbk_" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The restore point of `vaultID` named `name` whose backups were created at or after `since`; `nil` when
    /// there is none.
    /// - Throws: `.ambiguousOutcome` when backups of several such restore points were created since.
    func findCreatedCheckpoint(vaultID: String, name: String, since: Date) async throws -> Checkpoint? {
        let backups = try await backups(BackupQuery(vaultID: vaultID, name: name, startTime: since)).collect()
        var checkpointIDs: [String] = []
        for backup in backups where backup.name == name {
            if let created = backup.createdAt.flatMap(WireDate.parse), created < since { continue }
            if let id = backup.checkpointID, !checkpointIDs.contains(id) { checkpointIDs.append(id) }
        }
        guard checkpointIDs.count <= 1 else {
            throw ClientError(
                kind: .ambiguousOutcome, operation: "create checkpoint",
                message: "the answer was lost and \(checkpointIDs.count) restore points named \(name) of vault "
                    + "\(vaultID) were created since: " + checkpointIDs.joined(separator: ", ")
            )
        }
        guard let id = checkpointIDs.first else { return nil }
        return try await showCheckpoint(id: id)
    }

    /// `GET /v3/{project_id}/checkpoints/{checkpoint_id}`.
    public func showCheckpoint(id: String) async throws -> Checkpoint {
        let response: CheckpointEnvelope = try await send(.showCheckpoint, id)
        return response.checkpoint
    }

    /// Polls the checkpoint until it reaches a terminal status (see ``Checkpoint/isTerminal``).
    ///
    /// Returns the final checkpoint whatever its status; the caller decides whether `error` is a failure.
    /// Throws ``ClientError`` of kind `.waitTimeout` past the deadline and `CancellationError` when cancelled.
    public func waitForCheckpoint(
        id: String, policy: WaitPolicy = .default,
        onUpdate: @escaping @Sendable (WaitUpdate<Checkpoint>) -> Void = { _ in }
    ) async throws -> Checkpoint {
        try await Waiter(clock: clock, policy: policy).poll(
            what: "checkpoint \(id)",
            fetch: { try await showCheckpoint(id: id) },
            isDone: { $0.isTerminal },
            onUpdate: onUpdate
        )
    }
}

/// The body of a `checkpoint` answer (create, show): `{"checkpoint": …}`.
public struct CheckpointEnvelope: Codable, Sendable, Hashable {
    public var checkpoint: Checkpoint

    public init(checkpoint: Checkpoint) {
        self.checkpoint = checkpoint
    }
}

/// The body of `POST /v3/{project_id}/checkpoints` (`CheckpointCreate` on the wire).
public struct CreateCheckpointBody: Codable, Sendable, Hashable {
    public var checkpoint: Body

    public init(checkpoint: Body) {
        self.checkpoint = checkpoint
    }

    /// The vault to back up and how.
    public struct Body: Codable, Sendable, Hashable {
        public var parameters: Parameters
        public var vaultID: String

        enum CodingKeys: String, CodingKey {
            case parameters
            case vaultID = "vault_id"
        }

        public init(parameters: Parameters, vaultID: String) {
            self.parameters = parameters
            self.vaultID = vaultID
        }
    }

    /// The restore point's name and description and which resources it holds (`nil`: all of the vault's).
    public struct Parameters: Codable, Sendable, Hashable {
        public var autoTrigger: Bool
        public var description: String?
        public var incremental: Bool?
        public var name: String?
        public var resources: [String]?

        enum CodingKeys: String, CodingKey {
            case description, incremental, name, resources
            case autoTrigger = "auto_trigger"
        }

        public init(
            autoTrigger: Bool, description: String? = nil, incremental: Bool? = nil, name: String? = nil,
            resources: [String]? = nil
        ) {
            self.autoTrigger = autoTrigger
            self.description = description
            self.incremental = incremental
            self.name = name
            self.resources = resources
        }
    }
}
