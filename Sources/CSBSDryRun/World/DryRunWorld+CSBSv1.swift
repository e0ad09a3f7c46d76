import CSBSClient
import Foundation

/// CSBS v1: protecting a server, its backups (checkpoint items), restores and deletions.
extension DryRunWorld {
    /// `POST providers/P/resources/SERVER/action`: an `available` backup record with one backup of the server.
    mutating func protectServer(_ call: Call, now: String) -> HTTPResponse {
        let serverID = call.id(1)
        let protect = call.body["protect"] as? [String: Any] ?? [:]
        let checkpointID = nextID("csbs-checkpoint")
        csbsItems.append(
            CSBSItemState(
                id: nextID("csbs-backup"), checkpointID: checkpointID, serverID: serverID,
                name: protect["backup_name"] as? String ?? "", description: protect["description"] as? String,
                createdAt: now
            )
        )
        return Self.json([
            "checkpoint": [
                "id": checkpointID, "status": "available", "created_at": now, "project_id": "{project_id}",
                "protection_plan": ["resources": [["id": serverID, "type": Self.serverType]]],
            ] as [String: Any]
        ])
    }

    /// `POST providers/P/resources/action`: every backup-ability or restore-ability check passes.
    func checkCSBS(_ call: Call) -> HTTPResponse {
        let restorable = (call.body["check_restorable"] as? [[String: Any]] ?? []).map { check -> [String: Any] in
            ["checkpoint_item_id": check["checkpoint_item_id"] as? String ?? "", "result": true]
        }
        let protectable = (call.body["check_protectable"] as? [[String: Any]] ?? []).map { check -> [String: Any] in
            [
                "resource_id": check["resource_id"] as? String ?? "",
                "resource_type": check["resource_type"] as? String ?? Self.serverType, "result": true,
            ]
        }
        return Self.json(["restorable": restorable, "protectable": protectable])
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
        Self.json(["checkpoint_items": Self.page(matchingCSBSItems(call), call).map(Self.csbsItemJSON)])
    }

    /// `GET checkpoint_items/ID`: a known backup, 404 once deleted, else one assumed to exist.
    mutating func showCSBSItem(_ id: String, now: String) -> HTTPResponse {
        if let item = csbsItems.first(where: { $0.id == id }) {
            if item.deleted { return Self.error(404, code: "CSBS.3001", message: "The backup does not exist.") }
            return Self.json(["checkpoint_item": Self.csbsItemJSON(item)])
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
        return Self.json(["checkpoint_item": Self.csbsItemJSON(assumed)])
    }

    mutating func restoreCSBSItem(_ call: Call) -> HTTPResponse {
        let restore = call.body["restore"] as? [String: Any] ?? [:]
        return Self.json([
            "restore": ["id": nextID("csbs-restore"), "checkpoint_id": restore["checkpoint_id"] as? String ?? "", "status": "success"]
        ])
    }

    /// `DELETE providers/P/checkpoints/C[?checkpoint_items=ID]`: the one backup, or every backup of the record.
    mutating func deleteCSBSBackup(_ call: Call) -> HTTPResponse {
        let checkpointID = call.id(1)
        let only = call.query("checkpoint_items")
        for index in csbsItems.indices where csbsItems[index].checkpointID == checkpointID || csbsItems[index].id == only {
            if only == nil || csbsItems[index].id == only { csbsItems[index].deleted = true }
        }
        return Self.json([String: Any]())
    }

    /// A CSBS backup as the service shows it, `available`, with one disk backup.
    static func csbsItemJSON(_ item: CSBSItemState) -> [String: Any] {
        var object: [String: Any] = [
            "id": item.id, "checkpoint_id": item.checkpointID, "name": item.name, "resource_id": item.serverID,
            "resource_type": serverType, "status": "available", "created_at": item.createdAt, "updated_at": item.createdAt,
            "extend_info": [
                "progress": 100,
                "volume_backups": [
                    [
                        "id": item.id.hasSuffix(">") ? item.id.dropLast() + "-disk-1>" : derivedID("disk-backup-1", item.id),
                        "source_volume_id": derivedID("disk-1", item.serverID), "status": "available",
                    ]
                ],
            ] as [String: Any],
        ]
        if let description = item.description { object["description"] = description }
        return object
    }
}
