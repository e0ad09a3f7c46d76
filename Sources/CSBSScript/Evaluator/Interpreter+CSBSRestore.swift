import CSBSClient
import CSBSSyntax

/// `restore backup` and `delete backup` for CSBS v1 backups. The seed restores and deletes "with the backup
/// record ID and backup ID": the statements take the backup id (or the id of a record holding one backup) and
/// look the other one up.
extension Interpreter {
    /// Restores a CSBS backup onto the server it was made of (each disk backup onto its source disk) or, with
    /// `to server`, onto another server with as many disks (in the order the services list them). Asks the
    /// service first whether the restore can go (`check_restorable`), and fails at the backup ID when not.
    func restoreCSBS(_ item: CSBSCheckpointItem, _ statement: RestoreStmt) async throws -> ResultRecord {
        var target = item.resourceID
        var targetRange = statement.id.range
        var volumes = item.volumeBackups.compactMap { volume in
            volume.sourceVolumeID.map { CSBSVolumeMapping(backupID: volume.id, volumeID: $0) }
        }
        if let serverExpr = statement.server {
            let serverID = try stringValue(serverExpr, what: "the target server ID")
            if serverID != item.resourceID {
                volumes = try await csbsDiskMappings(of: item, onto: serverID, at: serverExpr.range)
            }
            target = serverID
            targetRange = serverExpr.range
        }
        try await checkCSBSRestorable(
            item, onto: target, volumes: volumes, idRange: statement.id.range, targetRange: targetRange
        )
        let started = client.clock.now()
        _ = try await client.restoreCheckpointItem(
            checkpointID: item.checkpointID, itemID: item.id, serverID: target, volumes: volumes,
            powerOn: statement.powerOn
        )
        var fields: [ResultRecord.Field] = [
            .init("backup_id", .string(item.id)), .init("target_id", .string(target)),
            .init("checkpoint_id", .string(item.checkpointID)), .init("service", .string("csbs")),
        ]
        guard let wait = statement.wait else {
            return ResultRecord(
                kind: "restore", fields: fields + [.init("status", .string("restoring"))],
                summary: "restoring CSBS backup \(item.id) onto \(target)"
            )
        }
        var policy = WaitPolicy.default
        policy.timeout = try wait.timeout.map(durationValue)
        let label = "restore of CSBS backup \(item.id)"
        let final = try await waitReporting(label, initial: "restoring", range: wait.range) { onUpdate in
            try await client.waitForCheckpointItem(id: item.id, policy: policy) { update in
                onUpdate(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
            }
        }
        let elapsed = started.duration(to: client.clock.now()).seconds
        fields += [.init("status", .string(final.status)), .init("elapsed_seconds", .seconds(elapsed))]
        let result = ResultRecord(
            kind: "restore", fields: fields,
            summary: "CSBS backup \(item.id) restored onto \(target), \(final.status) after "
                + ResultRecord.formatSeconds(elapsed)
        )
        if final.status != "available" {
            output.result(result)
            throw RuntimeFailure.command(
                RuntimeMessages.waitEndedBadly("restore of CSBS backup", item.id, status: final.status), at: statement.range
            )
        }
        return result
    }

    /// Fails with the service's reason (a `CSBS.xxxx` code, as `runtime.serviceError`) when the backup cannot be
    /// restored onto `target`: at the target server for an unknown server (`CSBS.6000`), else at the backup ID.
    /// A service without the check (404) lets the restore itself decide.
    private func checkCSBSRestorable(
        _ item: CSBSCheckpointItem, onto target: String, volumes: [CSBSVolumeMapping], idRange: SourceRange,
        targetRange: SourceRange
    ) async throws {
        let verdict: CSBSRestorability
        do {
            verdict = try await client.checkRestorable(itemID: item.id, serverID: target, volumes: volumes)
        } catch let error as CSBSError where Self.csbsIsMissing(error) {
            return
        }
        guard !verdict.result else { return }
        let error = CSBSError(
            kind: .service, operation: "check CSBS restorability", code: verdict.errorCode,
            message: "CSBS backup \(item.id) cannot be restored onto server \(target): "
                + (verdict.errorMessage ?? "the service gave no reason")
        )
        throw RuntimeFailure.client(error, at: verdict.errorCode == "CSBS.6000" ? targetRange : idRange)
    }

    /// Pairs the backup's disk backups with the target server's disks, in the order the services list them
    /// (system disk first).
    private func csbsDiskMappings(
        of item: CSBSCheckpointItem, onto serverID: String, at range: SourceRange
    ) async throws -> [CSBSVolumeMapping] {
        let server: Protectable
        do {
            server = try await client.showProtectable(type: .server, id: serverID)
        } catch let error as CSBSError where error.status == 404 {
            throw RuntimeFailure.badArgument("no server has the ID \(serverID)", at: range)
        }
        let disks = server.children ?? []
        let backups = item.volumeBackups
        guard disks.count == backups.count, !disks.isEmpty else {
            throw RuntimeFailure.badArgument(
                "CSBS backup \(item.id) holds \(backups.count) disk backup\(backups.count == 1 ? "" : "s") but "
                    + "server \(serverID) has \(disks.count) disk\(disks.count == 1 ? "" : "s"); restore onto a "
                    + "server with as many disks",
                at: range
            )
        }
        return zip(backups, disks).map { CSBSVolumeMapping(backupID: $0.id, volumeID: $1.id) }
    }

    /// Deletes one CSBS backup (record id and backup id, as the API wants them) and, with `wait`, waits until
    /// the service no longer knows it.
    func deleteCSBS(_ item: CSBSCheckpointItem, _ statement: DeleteBackupStmt) async throws -> ResultRecord {
        let started = client.clock.now()
        try await client.deleteCSBSBackup(checkpointID: item.checkpointID, itemID: item.id)
        var fields: [ResultRecord.Field] = [
            .init("id", .string(item.id)), .init("checkpoint_id", .string(item.checkpointID)),
            .init("service", .string("csbs")),
        ]
        guard let wait = statement.wait else {
            return ResultRecord(
                kind: "delete", fields: fields + [.init("status", .string("deleting"))],
                summary: "CSBS backup \(item.id) deleting"
            )
        }
        var policy = WaitPolicy.default
        policy.timeout = try wait.timeout.map(durationValue)
        try await waitReporting("deletion of CSBS backup \(item.id)", initial: "deleting", range: wait.range) { _ in
            try await client.waitForCheckpointItemDeletion(id: item.id, policy: policy)
        }
        let elapsed = started.duration(to: client.clock.now()).seconds
        fields += [.init("status", .string("deleted")), .init("elapsed_seconds", .seconds(elapsed))]
        return ResultRecord(
            kind: "delete", fields: fields,
            summary: "CSBS backup \(item.id) deleted after \(ResultRecord.formatSeconds(elapsed))"
        )
    }
}
