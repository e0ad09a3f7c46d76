import CSBSClient
import FoundationEssentials

/// CSBS v1: protecting a server, its backups (checkpoint items), restores and deletions.
extension DryRunWorld {
    /// `POST providers/P/resources/SERVER/action`: an `available` backup record with one backup of the server.
    mutating func protectServer(_ call: Call, now: String) -> HTTPResponse {
        guard let protect = call.decode(CSBSv1ProtectBody.self)?.protect else { return Self.undecodable(call) }
        let serverID = call.id(1)
        let checkpointID = nextID("csbs-checkpoint")
        csbsItems.append(
            CSBSItemState(
                id: nextID("csbs-backup"), checkpointID: checkpointID, serverID: serverID, name: protect.backupName,
                description: protect.description, createdAt: now
            )
        )
        let record = CSBSv1Checkpoint(
            id: checkpointID, status: "available", createdAt: now, projectID: "{project_id}",
            resources: [CSBSv1PlanResource(id: serverID, type: Self.serverType)]
        )
        return Self.answer(CSBSv1ProtectEnvelope(checkpoint: record))
    }

    /// `POST providers/P/resources/action` with `check_restorable`: every check passes.
    func checkCSBS(_ call: Call) -> HTTPResponse {
        guard let checks = call.decode(CSBSv1RestorableRequest.self)?.checkRestorable else {
            return Self.undecodable(call)
        }
        let verdicts = checks.map { CSBSv1Restorability(itemID: $0.checkpointItemID, result: true) }
        return Self.answer(CSBSv1RestorableEnvelope(restorable: verdicts))
    }

    /// Whether the id is one of a CSBS backup or backup record the dry run knows.
    func isCSBSID(_ id: String) -> Bool {
        csbsItems.contains { $0.id == id || $0.checkpointID == id }
    }

    /// The backups the script created that match the call's filters.
    func matchingCSBSItems(_ call: Call) -> [CSBSItemState] {
        csbsItems.filter { item in
            !item.deleted
                && call.query("checkpoint_id").map { $0 == item.checkpointID } ?? true
                && call.query("resource_id").map { $0 == item.serverID } ?? true
                && call.query("name").map { item.name.contains($0) } ?? true
                && call.query("status").map { $0 == "available" } ?? true
        }
    }

    func listCSBSItems(_ call: Call) -> HTTPResponse {
        Self.answer(CSBSv1ItemListEnvelope(checkpointItems: Self.page(matchingCSBSItems(call), call).map(Self.csbsItem)))
    }

    /// `GET checkpoint_items/ID`: a known backup, 404 once deleted, else one assumed to exist.
    mutating func showCSBSItem(_ id: String, now: String) -> HTTPResponse {
        if let item = csbsItems.first(where: { $0.id == id }) {
            if item.deleted { return Self.error(404, code: "CSBS.3001", message: "The backup does not exist.") }
            return Self.answer(CSBSv1ItemEnvelope(checkpointItem: Self.csbsItem(item)))
        }
        // A CBR backup's or a CSBS backup record's id names no CSBS backup.
        if backups.contains(where: { $0.id == id }) || csbsItems.contains(where: { $0.checkpointID == id }) {
            return Self.error(404, code: "CSBS.3001", message: "The backup does not exist.")
        }
        let assumed = CSBSItemState(
            id: id, checkpointID: Self.derivedID("csbs-checkpoint-of", id), serverID: Self.derivedID("server-of", id),
            name: id, description: nil, createdAt: now
        )
        csbsItems.append(assumed)
        return Self.answer(CSBSv1ItemEnvelope(checkpointItem: Self.csbsItem(assumed)))
    }

    mutating func restoreCSBSItem(_ call: Call) -> HTTPResponse {
        guard let restore = call.decode(CSBSv1RestoreBody.self)?.restore else { return Self.undecodable(call) }
        let started = CSBSv1Restore(id: nextID("csbs-restore"), checkpointID: restore.checkpointID, status: "success")
        return Self.answer(CSBSv1RestoreEnvelope(restore: started))
    }

    /// `DELETE providers/P/checkpoints/C[?checkpoint_items=ID]`: the one backup, or every backup of the record.
    mutating func deleteCSBSBackup(_ call: Call) -> HTTPResponse {
        let checkpointID = call.id(1)
        let only = call.query("checkpoint_items")
        for index in csbsItems.indices where csbsItems[index].checkpointID == checkpointID || csbsItems[index].id == only {
            if only == nil || csbsItems[index].id == only { csbsItems[index].deleted = true }
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data("{}".utf8))
    }

    /// A CSBS backup as the service shows it, `available`, with one disk backup.
    static func csbsItem(_ item: CSBSItemState) -> CSBSv1CheckpointItem {
        let diskID = item.id.hasSuffix(">") ? item.id.dropLast() + "-disk-1>" : derivedID("disk-backup-1", item.id)
        let disk = CSBSv1VolumeBackup(id: diskID, sourceVolumeID: derivedID("disk-1", item.serverID), status: "available")
        return CSBSv1CheckpointItem(
            id: item.id, checkpointID: item.checkpointID, name: item.name, description: item.description,
            resourceID: item.serverID, resourceType: serverType, status: "available", createdAt: item.createdAt,
            updatedAt: item.createdAt, extendInfo: CSBSv1ExtendInfo(progress: 100, volumeBackups: [disk])
        )
    }
}
