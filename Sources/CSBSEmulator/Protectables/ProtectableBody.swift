/// The wire form of a protectable resource (`ProtectablesResp`, API reference §2.6).
struct ProtectableBody: Encodable, Sendable {
    /// `protectable`: whether the resource can be backed up now, and the vault it is already in.
    struct Protectability: Encodable, Sendable {
        var result: Bool
        var code: String?
        var reason: String?
        var vault: VaultBody?

        private enum CodingKeys: String, CodingKey {
            case result, code, reason, vault
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result, forKey: .result)
            try container.encode(code, forKey: .code)
            try container.encode(reason, forKey: .reason)
            try container.encode(vault, forKey: .vault)
        }
    }

    /// `detail`: a few fields of the raw Nova server or Cinder volume.
    struct Detail: Encodable, Sendable {
        var id: String
        var name: String
        var status: String
        var availabilityZone: String
        var size: Int?
        var bootable: String?
    }

    var id: String
    var name: String
    var type: String
    /// GB.
    var size: Int
    /// `active`, `deleted` or `error`.
    var status: String
    var detail: Detail
    var children: [ProtectableBody]
    var protectable: Protectability
}

extension ProtectableBody {
    /// The wire form of a stored server or disk as seen at `now`. A server that is not `ACTIVE` cannot be
    /// backed up (`BackupService.7101`).
    init(_ details: ProtectableDetails, now: Int64) {
        let resource = details.resource
        let isServer = resource.type == ResourceType.server
        let blocked = isServer && resource.status != "ACTIVE"
        self.init(
            id: resource.id,
            name: resource.name,
            type: resource.type,
            size: resource.sizeGB,
            status: "active",
            detail: Detail(
                id: resource.id,
                name: resource.name,
                status: resource.status,
                availabilityZone: resource.availabilityZone,
                size: isServer ? nil : resource.sizeGB,
                bootable: isServer ? nil : String(resource.disks.first?.bootable ?? false)
            ),
            children: details.children.map { ProtectableBody($0, now: now) },
            protectable: Protectability(
                result: !blocked,
                code: blocked ? "BackupService.7101" : nil,
                reason: blocked ? "The server status \(resource.status) does not allow backup." : nil,
                vault: details.vault.map { VaultBody($0, now: now) }
            )
        )
    }
}

/// `GET /protectables/{type}/instances` response.
struct ProtectableListBody: Encodable, Sendable {
    var instances: [ProtectableBody]
}

/// `{"instance": ...}` response envelope.
struct ProtectableEnvelope: Encodable, Sendable {
    var instance: ProtectableBody
}
