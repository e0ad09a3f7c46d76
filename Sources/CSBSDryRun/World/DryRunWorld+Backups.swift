import CSBSClient
import FoundationEssentials

/// Restore points (checkpoints) and the backups they hold.
extension DryRunWorld {
    static let serverType = "OS::Nova::Server"
    static let diskType = "OS::Cinder::Volume"

    /// `POST checkpoints`: a restore point of the vault, with one backup per resource it names (every resource of
    /// the vault when it names none). The answer says `protecting`, as the cloud's does, so that a `wait` shows
    /// the poll it would make; every later read shows it `available`.
    mutating func createCheckpoint(_ call: Call, now: String) -> HTTPResponse {
        guard let body = call.decode(CreateCheckpointBody.self)?.checkpoint else { return Self.undecodable(call) }
        let vault = vaults[vaultAssumingExistence(body.vaultID)]
        let wanted = body.parameters.resources
        let resources = vault.resources.filter { wanted?.contains($0.id) ?? true }
        let checkpoint = CheckpointState(
            id: nextID("checkpoint"), vaultID: vault.id, vaultName: vault.name, name: body.parameters.name ?? "",
            description: body.parameters.description, resources: resources, createdAt: now
        )
        checkpoints.append(checkpoint)
        var answer = Self.checkpointModel(checkpoint)
        answer.status = "protecting"
        for resource in resources {
            backups.append(
                BackupState(
                    id: nextID("backup"), checkpointID: checkpoint.id, vaultID: vault.id, name: checkpoint.name,
                    description: checkpoint.description, resource: resource, createdAt: now, created: true
                )
            )
        }
        return Self.answer(CheckpointEnvelope(checkpoint: answer))
    }

    /// `GET checkpoints/ID`: a known restore point; a known backup's id is no restore point (404); any other
    /// id is assumed to be an `available` restore point.
    func showCheckpoint(_ id: String, now: String) -> HTTPResponse {
        if let checkpoint = checkpoints.first(where: { $0.id == id }) {
            return Self.answer(CheckpointEnvelope(checkpoint: Self.checkpointModel(checkpoint)))
        }
        if backups.contains(where: { $0.id == id }) {
            return Self.error(404, code: "BackupService.6300", message: "The restore point does not exist.")
        }
        var assumed = Checkpoint(id: id, status: "available")
        assumed.createdAt = now
        assumed.projectID = "{project_id}"
        return Self.answer(CheckpointEnvelope(checkpoint: assumed))
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
        let page = BackupPage(
            backups: Self.page(matches, call).map(Self.backupModel), count: matches.count,
            limit: call.queryInt("limit") ?? 1000, offset: call.queryInt("offset") ?? 0
        )
        return Self.answer(page)
    }

    /// `GET backups/ID`: a known backup, 404 once deleted, else a server backup assumed to exist.
    mutating func showBackup(_ id: String, now: String) -> HTTPResponse {
        if isCSBSID(id) { return Self.error(404, code: "BackupService.6300", message: "The backup does not exist.") }
        if let backup = backups.first(where: { $0.id == id }) {
            if backup.deleted { return Self.error(404, code: "BackupService.6300", message: "The backup does not exist.") }
            return Self.answer(BackupEnvelope(backup: Self.backupModel(backup)))
        }
        return Self.answer(BackupEnvelope(backup: Self.backupModel(backups[backupAssumingExistence(id, now: now)])))
    }

    mutating func renameBackup(_ call: Call, now: String) -> HTTPResponse {
        guard let name = call.decode(UpdateBackupBody.self)?.backup.name else { return Self.undecodable(call) }
        let index = backupAssumingExistence(call.id(0), now: now)
        backups[index].name = name
        return Self.answer(BackupEnvelope(backup: Self.backupModel(backups[index])))
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
    static func checkpointModel(_ checkpoint: CheckpointState) -> Checkpoint {
        var model = Checkpoint(id: checkpoint.id, status: "available")
        model.createdAt = checkpoint.createdAt
        model.projectID = "{project_id}"
        model.extraInfo = CheckpointExtraInfo(name: checkpoint.name, description: checkpoint.description)
        model.vault = CheckpointVault(
            id: checkpoint.vaultID, name: checkpoint.vaultName,
            resources: checkpoint.resources.map { resource in
                CheckpointResource(id: resource.id, name: resource.name, type: resource.type, protectStatus: "available")
            }
        )
        return model
    }

    /// A backup as the service shows it, `available`; a server backup holds one disk backup.
    static func backupModel(_ backup: BackupState) -> Backup {
        var model = Backup(id: backup.id, status: "available")
        model.name = backup.name
        model.checkpointID = backup.checkpointID
        model.resourceID = backup.resource.id
        model.resourceType = backup.resource.type
        model.createdAt = backup.createdAt
        model.projectID = "{project_id}"
        model.vaultID = backup.vaultID
        model.resourceName = backup.resource.name
        model.description = backup.description
        if backup.resource.type == serverType {
            let diskID = backup.id.hasSuffix(">") ? backup.id.dropLast() + "-disk-1>" : derivedID("disk-backup-1", backup.id)
            var disk = Backup(id: diskID, status: "available")
            disk.name = backup.name
            disk.checkpointID = backup.checkpointID
            disk.parentID = backup.id
            disk.resourceType = diskType
            disk.resourceID = derivedID("disk-1", backup.resource.id)
            model.children = [disk]
        }
        return model
    }
}
