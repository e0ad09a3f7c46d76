/// A resource in a vault create or `addresources` body (§2.1.1 ResourceCreate).
struct ResourceItem: Decodable, Sendable {
    var id: String
    var type: String
    var name: String?
    var extraInfo: ResourceExtraInfo?

    /// Checks the list's size and each item's fields (not whether the resources exist).
    /// - Throws: `BackupService.9900` naming the offending field.
    static func validate(_ items: [ResourceItem], field: String, allowEmpty: Bool) throws {
        guard allowEmpty || !items.isEmpty else {
            throw EmulatorError.invalidParameter("\(field) must contain at least one resource.")
        }
        guard items.count <= 256 else {
            throw EmulatorError.invalidParameter("\(field) must contain at most 256 resources.")
        }
        for (index, item) in items.enumerated() {
            guard !item.id.isEmpty else {
                throw EmulatorError.invalidParameter("\(field)[\(index)].id must not be empty.")
            }
            try VaultCreateBody.check("\(field)[\(index)].type", item.type, in: ResourceType.all)
            if let name = item.name, name.count > 255 {
                throw EmulatorError.invalidParameter("\(field)[\(index)].name must be at most 255 characters long.")
            }
        }
    }

    /// The store's view of this item.
    var association: ResourceAssociation {
        ResourceAssociation(id: id, type: type, extraInfo: WireJSON.encodeText(extraInfo ?? ResourceExtraInfo()))
    }
}

/// `POST /v3/{project_id}/vaults/{vault_id}/addresources` body (§2.2.1).
struct AddResourcesBody: Decodable, Sendable {
    var resources: [ResourceItem]
}

/// `POST /v3/{project_id}/vaults/{vault_id}/addresources` response.
struct AddResourcesResponseBody: Encodable, Sendable {
    var addResourceIds: [String]
}
