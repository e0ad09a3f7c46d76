import Foundation

/// A checked `protect` request: what the store needs to create one backup record with one backup.
struct CSBSProtectRequest: Sendable, Equatable {
    /// The only protectable resource type the emulator knows.
    static let serverType = "OS::Nova::Server"

    var name: String
    var description: String
    var incremental: Bool
    var tags: [CSBSTag]
    var outcome: CheckpointOutcome = .available
}

/// `POST …/resources/{resource_id}/action` with `{"protect": {...}}` (API reference §5.1).
struct CSBSProtectBody: Decodable, Sendable {
    struct Protect: Decodable, Sendable {
        var backupName: String?
        var description: String?
        var incremental: Bool?
        var resourceType: String?
        var tags: [CSBSTag]?
    }

    var protect: Protect

    /// Checks the fields (§5.1) and fills in defaults.
    /// - Throws: `CSBS.9001` for an invalid name, description or tags; `CSBS.6003` for another resource type.
    func request(resourceID: String, defaultName: String) throws -> CSBSProtectRequest {
        let name = try CSBSText.name(protect.backupName ?? defaultName, field: "backup_name")
        let description = try WireText.description(
            protect.description ?? "", field: "description", forbidden: ["<", ">"], invalid: EmulatorError.csbsInvalid
        )
        if let type = protect.resourceType, type != CSBSProtectRequest.serverType {
            throw EmulatorError.csbsUnsupportedType(resourceID, type)
        }
        return CSBSProtectRequest(
            name: name, description: description, incremental: protect.incremental ?? false,
            tags: try protect.tags.map(CSBSText.tags) ?? []
        )
    }
}

/// `POST …/providers/{provider_id}/resources/action` (API reference §5.5): `check_protectable` or
/// `check_restorable`.
struct CSBSResourcesActionBody: Decodable, Sendable {
    struct Resource: Decodable, Sendable {
        var resourceId: String
        var resourceType: String
    }

    /// One backup to check against a restore target.
    struct Restorable: Decodable, Sendable {
        var checkpointItemId: String
        var target: Target
    }

    /// The restore target: a server and the disk backup → disk mapping.
    struct Target: Decodable, Sendable {
        var resourceId: String
        var resourceType: String
        var volumes: [CSBSRestoreBody.Volume]
    }

    var checkProtectable: [Resource]?
    var checkRestorable: [Restorable]?
}

/// `POST /v1/{project_id}/restores` (API reference §5.3): every field but `restore_target` is required.
struct CSBSRestoreBody: Decodable, Sendable {
    struct Restore: Decodable, Sendable {
        var providerId: String
        var checkpointId: String
        var restoreTarget: String?
        var parameters: Parameters
    }

    struct Parameters: Codable, Sendable {
        var checkpointItemId: String
        var powerOn: Bool
        var targets: Targets
    }

    struct Targets: Codable, Sendable {
        var serverId: String
        var volumes: [Volume]
    }

    struct Volume: Codable, Sendable, Equatable {
        var backupId: String
        var volumeId: String
    }

    var restore: Restore
}
