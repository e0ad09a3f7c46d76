import CSBSClient
import CSBSSyntax
import FoundationEssentials

extension Interpreter {
    /// `backups [vault NAME] [server ID] [status S] [since D] [limit N]`: backups, newest first, as rows. Without
    /// `vault`, CBR and CSBS backups merged by time (each row says its `service`); with `vault`, CBR only. When
    /// the CSBS service is not there, a warning at the statement and the CBR backups alone.
    mutating func listBackups(_ statement: BackupsStmt, in file: SourceFile) async throws -> ResultRecord {
        var query = BackupListing.Query()
        if let vaultExpr = statement.vault {
            query.vaultID = try await findVault(VaultReference(name: vaultExpr, range: vaultExpr.range), for: "backups").id
        }
        query.resourceID = try await stringValue(statement.server, what: "the server ID")
        query.status = try await filterValue(statement.status, of: .backupStatus, what: "the status")
        if let sinceExpr = statement.since {
            let since = try await durationValue(sinceExpr)
            // A window longer than the time since 1970 means "all": the start is clamped to the epoch, never a date
            // the service would read as the year 4713.
            query.since = max(client.currentDate().addingTimeInterval(-since.seconds), Date(timeIntervalSince1970: 0))
        }
        query.limit = try await integerValue(statement.limit, what: "the limit")
        if let limit = query.limit, limit < 1, let expr = statement.limit {
            throw RuntimeFailure.badArgument("the limit must be at least 1, not \(limit)", at: expr.range)
        }
        let listing = try await BackupListing(client: client).list(query)
        if let error = listing.csbsUnavailable {
            let message = SimpleDiagnosticMessage(
                id: MessageID(domain: "runtime", name: "csbsUnavailable"),
                message: "CSBS backups are not listed: no CSBS service here (\(error.description)); CBR backups only",
                severity: .warning
            )
            output.diagnostic(Diagnostic(message, range: statement.range), in: file)
        }
        return BackupPresenter.list(listing.backups)
    }

    /// `show backup ID`: one backup's details, with its disk backups as `children`. CBR is asked first; when it
    /// does not know the ID, CSBS (see ``BackupLookup``).
    func showBackup(_ id: String, at range: SourceRange) async throws -> ResultRecord {
        BackupPresenter.show(try await findBackup(id, at: range))
    }

    /// `show checkpoint ID`: a restore point's status and the resources it covers. An ID the service does not know
    /// is `runtime.badArgument` at the ID (as for `show backup`), with the service's code in `$error.code`.
    func showCheckpoint(_ id: String, at range: SourceRange) async throws -> ResultRecord {
        let checkpoint: Checkpoint
        do {
            checkpoint = try await client.showCheckpoint(id: id)
        } catch let error as ClientError where error.kind == .service && error.status == 404 {
            throw RuntimeFailure.badArgument(
                "no checkpoint has the ID \(id)" + (error.code.map { " (\($0))" } ?? ""), at: range, underlying: error
            )
        }
        let resources = (checkpoint.vault?.resources ?? []).map { resource in
            Value.record(Record([
                .init("id", .string(resource.id)), .init("name", resource.name.map(Value.string) ?? .null),
                .init("type", resource.type.map(Value.string) ?? .null),
            ]))
        }
        var summary = "checkpoint \(checkpoint.id) \(checkpoint.status)"
        if let vault = checkpoint.vault?.name { summary += " in vault \"\(vault)\"" }
        summary += ", \(resources.count) resource\(resources.count == 1 ? "" : "s")"
        return ResultRecord(
            kind: "checkpoint",
            fields: [
                .init("id", .string(checkpoint.id)), .init("status", .string(checkpoint.status)),
                .init("vault_id", checkpoint.vault?.id.map(Value.string) ?? .null),
                .init("name", checkpoint.extraInfo?.name.map(Value.string) ?? .null),
                .init("created_at", checkpoint.createdAt.map(Value.string) ?? .null),
                .init("resource_list", .list(resources)),
            ],
            summary: summary
        )
    }
}
