import Logging

extension BackupClient {
    /// Polls a backup until it is `available` or `error` and returns it (the caller decides whether `error` is
    /// a failure).
    /// - Throws: `.waitTimeout` past the policy's deadline; `CancellationError`; the show call's error.
    public func waitForBackup(
        id: String, policy: WaitPolicy = .default, onUpdate: @escaping @Sendable (WaitUpdate<Backup>) -> Void = { _ in }
    ) async throws -> Backup {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "backup \(id)", fetch: { try await showBackup(id: id) },
            decide: { outcome -> WaitDecision<Backup> in
                switch outcome {
                case .success(let backup): backup.isTerminal ? .done(backup) : .pending
                case .failure(let error): .fail(error)
                }
            },
            onUpdate: onUpdate
        )
    }

    /// Polls a backup being restored until it leaves `restoring`/`waiting_restore`, and returns it (normally
    /// `available` again). Progress comes from the restore's operation log when the service has one.
    public func waitForRestore(
        backupID: String, policy: WaitPolicy = .default,
        onUpdate: @escaping @Sendable (WaitUpdate<Backup>) -> Void = { _ in }
    ) async throws -> Backup {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "the restore of backup \(backupID)", fetch: { try await showBackup(id: backupID) },
            decide: { outcome -> WaitDecision<Backup> in
                switch outcome {
                case .success(let backup): backup.isBeingRestored ? .pending : .done(backup)
                case .failure(let error): .fail(error)
                }
            },
            progress: { _ in await taskProgress(type: "restore") { $0.extraInfo?.restore?.backupID == backupID } },
            onUpdate: onUpdate
        )
    }

    /// Polls a deleted backup until the service no longer knows it (404 means done).
    /// - Throws: ``ClientError`` `.service` when the backup ends in `error` instead; `.waitTimeout`; cancellation.
    public func waitForBackupDeletion(
        id: String, policy: WaitPolicy = .default, onUpdate: @escaping @Sendable (WaitUpdate<Backup>) -> Void = { _ in }
    ) async throws {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "the deletion of backup \(id)", fetch: { try await showBackup(id: id) },
            decide: { outcome -> WaitDecision<Void> in
                switch outcome {
                case .failure(let error) where error.status == 404: .done(())
                case .failure(let error): .fail(error)
                case .success(let backup) where backup.status == Backup.Status.error.rawValue:
                    .fail(ClientError(kind: .service, operation: "delete backup", message: "backup \(id) ended in error while being deleted"))
                case .success: .pending
                }
            },
            progress: { _ in await taskProgress(type: "delete") { $0.extraInfo?.delete?.backupID == id } },
            onUpdate: onUpdate
        )
    }

    /// Polls a deleted vault until the service no longer knows it (404 means done).
    public func waitForVaultDeletion(
        id: String, policy: WaitPolicy = .default, onUpdate: @escaping @Sendable (WaitUpdate<Vault>) -> Void = { _ in }
    ) async throws {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "the deletion of vault \(id)", fetch: { try await showVault(id: id) },
            decide: { outcome -> WaitDecision<Void> in
                switch outcome {
                case .failure(let error) where error.status == 404: .done(())
                case .failure(let error): .fail(error)
                case .success(let vault) where vault.billing?.status == "error":
                    .fail(ClientError(kind: .service, operation: "delete vault", message: "vault \(id) ended in error while being deleted"))
                case .success: .pending
                }
            },
            progress: { _ in await taskProgress(type: "vault_delete") { $0.vaultID == id } },
            onUpdate: onUpdate
        )
    }

    /// Polls an operation log (task) until it is `success`, `skipped`, `failed` or `timeout`, and returns it;
    /// updates carry its `extra_info.common.progress`.
    public func waitForOperationLog(
        id: String, policy: WaitPolicy = .default,
        onUpdate: @escaping @Sendable (WaitUpdate<OperationLog>) -> Void = { _ in }
    ) async throws -> OperationLog {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "task \(id)", fetch: { try await showOperationLog(id: id) },
            decide: { outcome -> WaitDecision<OperationLog> in
                switch outcome {
                case .success(let log): log.isTerminal ? .done(log) : .pending
                case .failure(let error): .fail(error)
                }
            },
            progress: { $0.progress },
            onUpdate: onUpdate
        )
    }

    /// The progress of the newest running task of `type` that `matches`, or `nil` (also when the service has no
    /// such task or the lookup fails: progress is a hint, never a reason to stop waiting).
    func taskProgress(type: String, matches: (OperationLog) -> Bool) async -> Int? {
        do {
            let page = try await listOperationLogs(OperationLogQuery(operationType: type, limit: 20))
            return page.operationLogs.first(where: matches)?.progress
        } catch {
            logger.debug("no task progress for \(type): \(error)")
            return nil
        }
    }
}
