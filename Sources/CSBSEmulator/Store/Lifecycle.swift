/// Status derivation for stored CBR objects: pure functions of the stored times, the planned outcome and `now`
/// (microseconds since 1970). Nothing runs in the background; ``EmulatorStore`` settles finished deletions
/// at the start of each operation.
extension CheckpointRecord {
    /// `protecting` until `finishesAt`, then the planned outcome (`available` or `error`).
    func status(at now: Int64) -> String {
        now < finishesAt ? "protecting" : outcome
    }
}

extension BackupRecord {
    /// `deleting` while a deletion is pending, else `protecting` until `finishesAt`, `restoring` while a restore
    /// runs, then the planned outcome.
    func status(at now: Int64) -> String {
        if deletingUntil != nil { return "deleting" }
        if now < finishesAt { return "protecting" }
        if let restoringUntil, now < restoringUntil { return "restoring" }
        return outcome
    }

    /// The latest change that has happened by `now`: creation, the end of protection or restore, or an edit.
    func updated(at now: Int64) -> Int64 {
        var latest = max(createdAt, updatedAt)
        if finishesAt <= now { latest = max(latest, finishesAt) }
        if let restoringUntil, restoringUntil <= now { latest = max(latest, restoringUntil) }
        return latest
    }

    /// Whether the backup's data counts towards the vault's `billing.used`.
    func occupiesSpace(at now: Int64) -> Bool {
        let status = status(at: now)
        return status == "available" || status == "restoring"
    }
}

extension VaultRecord {
    /// `billing.status`: `deleting` once a deletion is pending, else the stored status.
    var billingStatus: String {
        deletingUntil == nil ? status : "deleting"
    }
}
