/// `POST /v3/{project_id}/checkpoints` body (§2.3.1).
struct CheckpointCreateBody: Decodable, Sendable {
    struct Checkpoint: Decodable, Sendable {
        var vaultId: String
        var parameters: Parameters?
    }

    struct Parameters: Decodable, Sendable {
        var autoTrigger: Bool?
        var description: String?
        var incremental: Bool?
        var name: String?
        var resources: [String]?
        var resourceDetails: [ResourceDetail]?
        var retentionDurationDays: Int?
    }

    /// `retention_duration_days`: 1 to 36500 days, or -1 for ever.
    static let retentionDays = 1...36_500

    /// An entry of `parameters.resource_details`; only the id and type matter to the emulator.
    struct ResourceDetail: Decodable, Sendable {
        var id: String
        var type: String
    }

    var checkpoint: Checkpoint

    /// Validates the body and turns it into a store request.
    /// - Parameter defaultName: The name to use when `parameters.name` is absent.
    /// - Throws: `BackupService.9900` naming the offending field.
    func request(defaultName: String) throws -> CheckpointRequest {
        let parameters = checkpoint.parameters
        guard !checkpoint.vaultId.isEmpty else {
            throw EmulatorError.invalidParameter("checkpoint.vault_id must not be empty.")
        }
        let name = try WireText.name(parameters?.name ?? defaultName, field: "checkpoint.parameters.name")
        let description = try WireText.description(
            parameters?.description ?? "", field: "checkpoint.parameters.description", forbidden: ["<", ">"]
        )
        let autoTrigger = parameters?.autoTrigger ?? false
        let retention = parameters?.retentionDurationDays ?? -1
        guard retention == -1 || Self.retentionDays.contains(retention) else {
            throw EmulatorError.invalidParameter(
                "checkpoint.parameters.retention_duration_days must be -1 or from 1 to 36500."
            )
        }
        guard retention == -1 || !autoTrigger else {
            throw EmulatorError.invalidParameter(
                "checkpoint.parameters.retention_duration_days is not allowed with auto_trigger true."
            )
        }
        let details = parameters?.resourceDetails ?? []
        guard details.count <= 256 else {
            throw EmulatorError.invalidParameter("checkpoint.parameters.resource_details must have at most 256 items.")
        }
        for (index, detail) in details.enumerated() {
            guard !detail.id.isEmpty else {
                throw EmulatorError.invalidParameter("checkpoint.parameters.resource_details[\(index)].id is empty.")
            }
            try VaultCreateBody.check(
                "checkpoint.parameters.resource_details[\(index)].type", detail.type, in: ResourceType.all
            )
        }
        let resources = (parameters?.resources ?? []) + details.map(\.id)
        return CheckpointRequest(
            vaultID: checkpoint.vaultId,
            name: name,
            description: description,
            incremental: parameters?.incremental ?? true,
            autoTrigger: autoTrigger,
            retentionDays: retention,
            resourceIDs: resources.isEmpty ? nil : resources
        )
    }
}

/// `{"checkpoint": ...}` response envelope.
struct CheckpointEnvelope: Encodable, Sendable {
    var checkpoint: CheckpointBody
}

/// `{"vault": ...}` response envelope.
struct VaultEnvelope: Encodable, Sendable {
    var vault: VaultBody
}

/// `GET /v3/{project_id}/vaults` response.
struct VaultListBody: Encodable, Sendable {
    var vaults: [VaultBody]
    var count: Int
    var limit: Int
    var offset: Int
}
