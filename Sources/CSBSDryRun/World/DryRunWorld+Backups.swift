import CSBSClient
import Foundation

/// Restore points (checkpoints) and the backups they hold.
extension DryRunWorld {
    static let serverType = "OS::Nova::Server"
    static let diskType = "OS::Cinder::Volume"

    /// `POST checkpoints`: a restore point of the vault, with one backup per resource it names (every resource of
    /// the vault when it names none). The answer says `protecting`, as the cloud's does, so that a `wait` shows
    /// the poll it would make; every later read shows it `available`.
    mutating func createCheckpoint(_ call: Call, now: String) -> HTTPResponse {
        let body = call.body["checkpoint"] as? [String: Any] ?? [:]
        let parameters = body["parameters"] as? [String: Any] ?? [:]
        let vault = vaults[vaultAssumingExistence(body["vault_id"] as? String ?? "")]
        let wanted = parameters["resources"] as? [String]
        let resources = vault.resources.filter { wanted?.contains($0.id) ?? true }
        let checkpoint = CheckpointState(
            id: nextID("checkpoint"), vaultID: vault.id, vaultName: vault.name,
            name: parameters["name"] as? String ?? "", description: parameters["description"] as? String,
            resources: resources, createdAt: now
        )
        checkpoints.append(checkpoint)
        var answer = Self.checkpointJSON(checkpoint)
        answer["status"] = "protecting"
        for resource in resources {
            backups.append(
                BackupState(
                    id: nextID("backup"), checkpointID: checkpoint.id, vaultID: vault.id, name: checkpoint.name,
                    description: checkpoint.description, resource: resource, createdAt: now, created: true
                )
            )
        }
        return Self.json(["checkpoint": answer])
    }

    /// `GET checkpoints/ID`: a known restore point; a known backup's id is no restore point (404); any other
    /// id is assumed to be an `available` restore point.
    func showCheckpoint(_ id: String, now: String) -> HTTPResponse {
        if let checkpoint = checkpoints.first(where: { $0.id == id }) {
            return Self.json(["checkpoint": Self.checkpointJSON(checkpoint)])
        }
        if backups.contains(where: { $0.id == id }) {
            return Self.error(404, code: "BackupService.6300", message: "The restore point does not exist.")
        }
        return Self.json(["checkpoint": ["id": id, "status": "available", "created_at": now, "project_id": "{project_id}"]])
    }

    /// `GET backups`: the backups the script created, filtered as asked, newest first unless sorted ascending.
    func listBackups(_ call: Call) -> HTTPResponse {
        let statuses = call.queryAll("status")
        var matches = backups.filter { backup in
            !backup.deleted && backup.created
                && call.query("vault_id").map { $0 == backup.vaultID } ?? true
                && call.query("resource_id").map { $0 == backup.resource.id } ?? true
                && call.query("checkpoint_id").map { $0 == backup.checkpointID } ?? true
                && call.query("name").map { $0 == backup.name } ?? true
                && (statuses.isEmpty || statuses.contains("available"))
        }
        if !(call.query("sort")?.hasSuffix(":asc") ?? false) { matches.reverse() }
        if let marker = call.query("marker"), let index = matches.firstIndex(where: { $0.id == marker }) {
            matches.removeFirst(index + 1)
        }
        return Self.json([
            "backups": Self.page(matches, call).map(Self.backupJSON), "count": matches.count,
            "limit": call.queryInt("limit") ?? 1000, "offset": call.queryInt("offset") ?? 0,
        ])
    }

    /// `GET backups/ID`: a known backup, 404 once deleted, else a server backup assumed to exist.
    mutating func showBackup(_ id: String, now: String) -> HTTPResponse {
        if isCSBSID(id) { return Self.error(404, code: "BackupService.6300", message: "The backup does not exist.") }
        if let backup = backups.first(where: { $0.id == id }) {
            if backup.deleted { return Self.error(404, code: "BackupService.6300", message: "The backup does not exist.") }
            return Self.json(["backup": Self.backupJSON(backup)])
        }
        return Self.json(["backup": Self.backupJSON(backups[backupAssumingExistence(id, now: now)])])
    }

    mutating func renameBackup(_ call: Call, now: String) -> HTTPResponse {
        let index = backupAssumingExistence(call.id(0), now: now)
        if let name = (call.body["backup"] as? [String: Any])?["name"] as? String { backups[index].name = name }
        return Self.json(["backup": Self.backupJSON(backups[index])])
    }

    mutating func deleteBackup(_ id: String, now: String) -> HTTPResponse {
        backups[backupAssumingExistence(id, now: now)].deleted = true
        return HTTPResponse(status: 204)
    }

    /// The index of the backup with this id; one the script never mentioned is assumed to be an available
    /// backup of a server `<server-of:ID>`.
    mutating func backupAssumingExistence(_ id: String, now: String) -> Int {
        if let index = backups.firstIndex(where: { $0.id == id }) { return index }
        backups.append(
            BackupState(
                id: id, checkpointID: Self.derivedID("checkpoint-of", id), vaultID: nil, name: id, description: nil,
                resource: Resource(id: Self.derivedID("server-of", id), type: Self.serverType), createdAt: now,
                created: false
            )
        )
        return backups.count - 1
    }

    /// A restore point as the service shows it, `available`.
    static func checkpointJSON(_ checkpoint: CheckpointState) -> [String: Any] {
        var extra: [String: Any] = ["name": checkpoint.name]
        if let description = checkpoint.description { extra["description"] = description }
        return [
            "id": checkpoint.id, "status": "available", "created_at": checkpoint.createdAt, "project_id": "{project_id}",
            "extra_info": extra,
            "vault": [
                "id": checkpoint.vaultID, "name": checkpoint.vaultName,
                "resources": checkpoint.resources.map { resource -> [String: Any] in
                    var object: [String: Any] = ["id": resource.id, "type": resource.type, "protect_status": "available"]
                    if let name = resource.name { object["name"] = name }
                    return object
                },
            ] as [String: Any],
        ]
    }

    /// A backup as the service shows it, `available`; a server backup holds one disk backup.
    static func backupJSON(_ backup: BackupState) -> [String: Any] {
        var object: [String: Any] = [
            "id": backup.id, "name": backup.name, "status": "available", "checkpoint_id": backup.checkpointID,
            "resource_id": backup.resource.id, "resource_type": backup.resource.type, "created_at": backup.createdAt,
            "project_id": "{project_id}",
        ]
        if let vaultID = backup.vaultID { object["vault_id"] = vaultID }
        if let name = backup.resource.name { object["resource_name"] = name }
        if let description = backup.description { object["description"] = description }
        if backup.resource.type == serverType {
            let diskBackup: [String: Any] = [
                "id": backup.id.hasSuffix(">") ? backup.id.dropLast() + "-disk-1>" : derivedID("disk-backup-1", backup.id), "name": backup.name, "status": "available",
                "checkpoint_id": backup.checkpointID, "parent_id": backup.id, "resource_type": diskType,
                "resource_id": derivedID("disk-1", backup.resource.id),
            ]
            object["children"] = [diskBackup]
        }
        return object
    }
}
