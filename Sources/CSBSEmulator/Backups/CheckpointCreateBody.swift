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
    }

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
        let name = parameters?.name ?? defaultName
        guard (1...64).contains(name.count) else {
            throw EmulatorError.invalidParameter("checkpoint.parameters.name must be 1 to 64 characters long.")
        }
        let description = parameters?.description ?? ""
        guard description.count <= 255, !description.contains(where: { $0 == "<" || $0 == ">" }) else {
            throw EmulatorError.invalidParameter(
                "checkpoint.parameters.description must be at most 255 characters, without < or >."
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
            autoTrigger: parameters?.autoTrigger ?? false,
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
