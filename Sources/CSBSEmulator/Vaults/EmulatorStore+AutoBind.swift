import GRDB

extension EmulatorStore {
    /// Auto-bind (`auto_bind` with `bind_rules`): associates with a server vault that has `auto_bind` every server
    /// of its project in no vault that has one of the rules' tags (key and value equal; with no rules, every
    /// server), in name order, as `addresources` would; a server `addresources` would refuse (not `ACTIVE`, with
    /// CSBS v1 backups) is left out. The emulator runs it when a vault is created and when an update sets
    /// `auto_bind` or `bind_rules` (the service's own timing is not documented).
    /// - Returns: The ids of the servers bound.
    static func autoBind(_ vault: VaultRecord, at now: Int64, in db: Database) throws -> [String] {
        guard vault.autoBind, vault.deletingUntil == nil,
            ResourceType.vault(vault.objectType, accepts: ResourceType.server)
        else { return [] }
        let rules = vault.bindRuleTags
        let free = try ServerRecord.fetchAll(
            db,
            sql: """
                SELECT * FROM server WHERE projectId = ? AND id NOT IN (SELECT resourceId FROM vaultResource)
                ORDER BY name, id
                """,
            arguments: [vault.projectId]
        )
        var bound: [String] = []
        for server in free where rules.isEmpty || server.tagList.contains(where: rules.contains) {
            let association = ResourceAssociation(id: server.id, type: ResourceType.server, extraInfo: "{}")
            do {
                _ = try associate([association], with: vault, at: now, in: db)
                bound.append(server.id)
            } catch is EmulatorError {
                continue
            }
        }
        return bound
    }
}
