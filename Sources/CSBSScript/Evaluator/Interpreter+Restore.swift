import CSBSClient
import CSBSSyntax

/// `restore backup` and `delete backup`, for CBR and CSBS backups alike: the ID is looked up (CBR first, then
/// CSBS; see ``BackupLookup``) and the ``BackupHandle`` does what the service needs.
extension Interpreter {
    /// `restore backup ID [to server ID] [power-on] [wait [timeout D]]`: restores onto the server the backup was
    /// made of or, with `to server`, onto another server with as many disks (see
    /// ``BackupHandle/planRestore(onto:powerOn:on:)``).
    mutating func execute(_ statement: RestoreStmt) async throws -> ResultRecord {
        let handle = try await findBackup(statement.id)
        let serverID = try await stringValue(statement.server, what: "the target server ID")
        let plan: RestorePlan
        do {
            plan = try await handle.planRestore(onto: serverID, powerOn: statement.powerOn, on: client)
        } catch let error as BackupRestoreError {
            throw RuntimeFailure.restore(error, id: statement.id.range, server: statement.server?.range)
        }
        let started = client.clock.now()
        try await plan.start(on: client)
        guard let wait = statement.wait else { return BackupPresenter.restore(plan) }
        var policy = WaitPolicy.default
        policy.timeout = try await durationValue(wait.timeout)
        let label = "restore of \(handle.noun) \(handle.id)"
        let status = try await waitReporting(
            label, initial: "restoring", range: wait.range, leaves: .keepsRunning(noun: "restore", resume: nil)
        ) { onUpdate in
            try await handle.waitForRestore(policy: policy, on: client, observe: onUpdate)
        }
        let result = BackupPresenter.restore(plan, final: (status, started.duration(to: client.clock.now())))
        if status != Backup.Status.available.rawValue {
            output.result(result)
            throw RuntimeFailure.command(
                RuntimeMessages.waitEndedBadly("restore of \(handle.noun)", handle.id, status: status), at: statement.range
            )
        }
        return result
    }

    /// `delete backup ID [wait [timeout D]]`: deletes a backup and, with `wait`, waits until it is gone.
    mutating func execute(_ statement: DeleteBackupStmt) async throws -> ResultRecord {
        let handle = try await findBackup(statement.id)
        let started = client.clock.now()
        try await handle.delete(on: client)
        guard let wait = statement.wait else { return BackupPresenter.delete(handle) }
        var policy = WaitPolicy.default
        policy.timeout = try await durationValue(wait.timeout)
        try await waitReporting(
            "deletion of \(handle.noun) \(handle.id)", initial: "deleting", range: wait.range,
            leaves: .keepsRunning(noun: "deletion", resume: nil)
        ) { onUpdate in
            try await handle.waitForDeletion(policy: policy, on: client, observe: onUpdate)
        }
        return BackupPresenter.delete(handle, elapsed: started.duration(to: client.clock.now()))
    }

    /// The backup the ID expression names, in CBR or CSBS.
    mutating func findBackup(_ expr: Expr) async throws -> BackupHandle {
        try await findBackup(try await stringValue(expr, what: "the backup ID"), at: expr.range)
    }

    /// The backup `id` names, in CBR or CSBS; `runtime.badArgument` at `range` when there is none.
    func findBackup(_ id: String, at range: SourceRange) async throws -> BackupHandle {
        do {
            return try await BackupLookup(client: client).find(id)
        } catch let error as BackupLookupError {
            throw RuntimeFailure.lookup(error, at: range)
        }
    }
}
