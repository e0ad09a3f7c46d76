import CSBSClient
import CSBSSyntax

/// The failures the runbook operations' errors become, located in the statement.
extension RuntimeFailure {
    /// `runtime.ambiguousVault` at the vault name, `runtime.vaultTypeMismatch` at the statement.
    static func vault(_ error: VaultConvergenceError, name: SourceRange, statement: SourceRange) -> RuntimeFailure {
        switch error {
        case .ambiguous(let vaultName, let count):
            return .command(RuntimeMessages.ambiguousVault(vaultName, count: count), at: name)
        case .typeMismatch(let vault, let actual, let asked):
            let message = SimpleDiagnosticMessage(
                id: MessageID(domain: "runtime", name: "vaultTypeMismatch"),
                message: "vault \"\(vault)\" already exists and protects \(actual) resources, not \(asked.rawValue) ones; "
                    + "use another name, or drop '\(asked.rawValue)' to select it"
            )
            return .command(message, at: statement)
        }
    }

    /// `runtime.ambiguousVault` or `runtime.badArgument` (no such vault) at the vault name.
    static func vault(_ error: VaultLookupError, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case .ambiguous(let name, let count):
            .command(RuntimeMessages.ambiguousVault(name, count: count), at: range)
        case .notFound(let name):
            // A name the service would refuse is not one `vault` could create: say why instead.
            if let problem = ServiceRules.nameProblem(name, of: .vault) {
                .badArgument("no vault is called \"\(name)\", nor can one be: \(problem)", at: range)
            } else {
                .badArgument("no vault is called \"\(name)\"; `vault \"\(name)\" size GB` creates it", at: range)
            }
        }
    }

    /// `runtime.badArgument` at the statement: the vault is not empty and `force` was not given.
    static func vault(_ error: VaultDeletionError, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case .notEmpty(let vault, let resources, let backups):
            .badArgument(
                "vault \"\(vault)\" holds \(resources) resource\(resources == 1 ? "" : "s") and "
                    + "\(backups) backup\(backups == 1 ? "" : "s"); `delete vault \"\(vault)\" force` deletes them with it",
                at: range
            )
        }
    }

    /// `runtime.ambiguousPolicy` or `runtime.noSuchPolicy` at the policy name.
    static func policy(_ error: PolicyConvergenceError, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case .ambiguous(let name, let count): .command(PolicyMessages.ambiguousPolicy(name, count: count), at: range)
        case .notFound(let name): .command(PolicyMessages.noSuchPolicy(name), at: range)
        }
    }
}

extension RuntimeFailure {
    /// `runtime.badArgument` at the backup ID when no service knows it, or it names a restore point or a CSBS record
    /// of several.
    static func lookup(_ error: BackupLookupError, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case .notFound(let id, let codes, let underlying, let csbsMissing):
            let text = "no \(csbsMissing ? "" : "CBR or CSBS ")checkpoint or backup has the ID \(id)"
                + (codes.isEmpty ? "" : " (\(codes.joined(separator: ", ")))")
            return .badArgument(text, at: range, underlying: underlying)
        case .recordHoldsSeveral(let recordID, let itemIDs):
            return .badArgument(
                "CSBS backup record \(recordID) holds \(itemIDs.count) backups; name one by its ID: "
                    + itemIDs.joined(separator: ", "),
                at: range
            )
        case .checkpointHoldsSeveral(let checkpointID, let backupIDs, let count):
            let more = count > backupIDs.count ? " and \(count - backupIDs.count) more" : ""
            return .badArgument(
                "restore point \(checkpointID) holds \(count) backups (one per resource); name one by its ID: "
                    + backupIDs.joined(separator: ", ") + more,
                at: range
            )
        }
    }

    /// A restore that cannot go: at the target server (`to server`), or at the backup ID when the service's
    /// reason is about the backup.
    static func restore(_ error: BackupRestoreError, id: SourceRange, server: SourceRange?) -> RuntimeFailure {
        let target = server ?? id
        switch error {
        case .notAServerBackup(let backup):
            return .badArgument("backup \(backup) is a disk backup; `to server` restores server backups only", at: target)
        case .noSuchServer(let serverID):
            return .badArgument("no server has the ID \(serverID)", at: target)
        case .diskCountMismatch(let backup, let diskBackups, let serverID, let disks):
            return .badArgument(
                "\(backup) holds \(diskBackups) disk backup\(diskBackups == 1 ? "" : "s") but server \(serverID) has "
                    + "\(disks) disk\(disks == 1 ? "" : "s"); restore onto a server with as many disks",
                at: target
            )
        case .notRestorable(let reason):
            return .client(reason, at: reason.code == "CSBS.6000" ? target : id)
        }
    }
}
