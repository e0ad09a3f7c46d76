import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `restore backup ID [to server ID] [power-on] [wait [timeout D]]`. A server backup restored onto another
    /// server maps its disk backups, in order, onto that server's disks. A CSBS backup goes to
    /// ``restoreCSBS(_:_:)``.
    func execute(_ statement: RestoreStmt) async throws -> ResultRecord {
        let id = try stringValue(statement.id, what: "the backup ID")
        let backup: Backup
        switch try await findBackup(id, at: statement.id.range) {
        case .cbr(let found): backup = found
        case .csbs(let item): return try await restoreCSBS(item, statement)
        }
        let isServer = backup.resourceType == VaultObjectType.server.resourceType
        var parameters = RestoreParameters(powerOn: isServer ? statement.powerOn : nil)
        var target = backup.resourceID ?? id
        if let serverExpr = statement.server {
            let serverID = try stringValue(serverExpr, what: "the target server ID")
            guard isServer else {
                throw RuntimeFailure.badArgument("backup \(id) is a disk backup; `to server` restores server backups only", at: serverExpr.range)
            }
            if serverID != backup.resourceID {
                parameters.mappings = try await diskMappings(of: backup, onto: serverID, at: serverExpr.range)
            }
            parameters.serverID = serverID
            target = serverID
        }
        let started = client.clock.now()
        try await client.restoreBackup(id: id, parameters)
        var fields: [ResultRecord.Field] = [.init("backup_id", .string(id)), .init("target_id", .string(target))]
        guard let wait = statement.wait else {
            return ResultRecord(
                kind: "restore", fields: fields + [.init("status", .string("restoring"))],
                summary: "restoring backup \(id) onto \(target)"
            )
        }
        var policy = WaitPolicy.default
        policy.timeout = try wait.timeout.map(durationValue)
        let final = try await waitReporting("restore of backup \(id)", initial: "restoring", range: wait.range) { onUpdate in
            try await client.waitForRestore(backupID: id, policy: policy) { update in
                onUpdate(update.value.status ?? "restoring", false, update.elapsed, update.progress)
            }
        }
        let status = final.status ?? "unknown"
        let elapsed = started.duration(to: client.clock.now()).seconds
        fields += [.init("status", .string(status)), .init("elapsed_seconds", .seconds(elapsed))]
        let result = ResultRecord(
            kind: "restore", fields: fields,
            summary: "backup \(id) restored onto \(target), \(status) after \(ResultRecord.formatSeconds(elapsed))"
        )
        if status != Backup.Status.available.rawValue {
            output.result(result)
            throw RuntimeFailure.command(
                RuntimeMessages.waitEndedBadly("restore of backup", id, status: status), at: statement.range
            )
        }
        return result
    }

    /// Pairs the server backup's disk backups with the target server's disks, in the order the service lists them.
    private func diskMappings(of backup: Backup, onto serverID: String, at range: SourceRange) async throws -> [RestoreMapping] {
        let server: Protectable
        do {
            server = try await client.showProtectable(type: .server, id: serverID)
        } catch let error as CSBSError where error.status == 404 {
            throw RuntimeFailure.badArgument("no server has the ID \(serverID)", at: range)
        }
        let disks = server.children ?? []
        let diskBackups = backup.children ?? []
        guard disks.count == diskBackups.count, !disks.isEmpty else {
            throw RuntimeFailure.badArgument(
                "backup \(backup.id) holds \(diskBackups.count) disk backup\(diskBackups.count == 1 ? "" : "s") but server "
                    + "\(serverID) has \(disks.count) disk\(disks.count == 1 ? "" : "s"); restore onto a server with as many disks",
                at: range
            )
        }
        return zip(diskBackups, disks).map { RestoreMapping(backupID: $0.id, volumeID: $1.id) }
    }

    /// `delete backup ID [wait [timeout D]]`: deletes a backup and, with `wait`, waits until it is gone. A CSBS
    /// backup goes to ``deleteCSBS(_:_:)``.
    func execute(_ statement: DeleteBackupStmt) async throws -> ResultRecord {
        let id = try stringValue(statement.id, what: "the backup ID")
        if case .csbs(let item) = try await findBackup(id, at: statement.id.range) {
            return try await deleteCSBS(item, statement)
        }
        let started = client.clock.now()
        try await client.deleteBackup(id: id)
        guard let wait = statement.wait else {
            return ResultRecord(
                kind: "delete", fields: [.init("id", .string(id)), .init("status", .string("deleting"))],
                summary: "backup \(id) deleting"
            )
        }
        var policy = WaitPolicy.default
        policy.timeout = try wait.timeout.map(durationValue)
        try await waitReporting("deletion of backup \(id)", initial: "deleting", range: wait.range) { onUpdate in
            try await client.waitForBackupDeletion(id: id, policy: policy) { update in
                onUpdate(update.value.status ?? "deleting", false, update.elapsed, update.progress)
            }
        }
        let elapsed = started.duration(to: client.clock.now()).seconds
        return ResultRecord(
            kind: "delete",
            fields: [.init("id", .string(id)), .init("status", .string("deleted")), .init("elapsed_seconds", .seconds(elapsed))],
            summary: "backup \(id) deleted after \(ResultRecord.formatSeconds(elapsed))"
        )
    }
}
