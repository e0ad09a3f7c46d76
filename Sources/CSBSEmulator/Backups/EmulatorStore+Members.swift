import GRDB

/// Which side of a share the caller is on, for a backup it can see.
enum BackupShareSide: Sendable, Equatable {
    /// The backup is in the caller's project.
    case sharer(BackupRecord)
    /// The backup is shared with the caller's project; the caller's own share record.
    case recipient(BackupRecord, BackupMemberRecord)

    var backup: BackupRecord {
        switch self {
        case .sharer(let backup), .recipient(let backup, _): backup
        }
    }
}

/// A recipient's answer to a share: accept into one of its vaults, or reject.
enum MemberAnswer: Sendable, Equatable {
    case accept(vaultID: String)
    case reject

    var status: String {
        switch self {
        case .accept: "accepted"
        case .reject: "rejected"
        }
    }
}

extension EmulatorStore {
    /// The most projects a backup is shared with.
    static let maxMembers = 10

    /// Shares a top-level backup of `projectID` with `destinations` (validated project ids, none twice, not
    /// `projectID`), all or nothing: each gets a `pending` share record. Returns the new records and how many
    /// projects the backup is now shared with.
    /// - Throws: 6200 (no such backup in the project), 6700 (a disk backup, not `available`, not a server or
    ///   disk backup), 6701 (already shared with one of them), 6702 (more than ``maxMembers`` in all).
    func addMembers(
        backupID: String,
        projectID: String,
        destinations: [String],
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (added: [BackupMemberRecord], total: Int) {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard let backup = try Self.backup(backupID, projectID: projectID, in: db) else {
                throw EmulatorError.backupNotFound
            }
            guard backup.parentId == nil else { throw EmulatorError.backupNotShareable("it is a disk backup of a server backup") }
            guard [ResourceType.server, ResourceType.volume].contains(backup.resourceType) else {
                throw EmulatorError.backupNotShareable("only server and disk backups are shared")
            }
            let status = backup.status(at: now)
            guard status == "available" else { throw EmulatorError.backupNotShareable("its status is \(status)") }
            let existing = try BackupMemberRecord.filter(Column("backupId") == backup.id).fetchAll(db)
            if let shared = destinations.first(where: { id in existing.contains { $0.destProjectId == id } }) {
                throw EmulatorError.memberExists(shared)
            }
            guard existing.count + destinations.count <= Self.maxMembers else { throw EmulatorError.tooManyMembers }
            let added = try destinations.map { destination in
                let member = BackupMemberRecord(
                    id: environment.identifiers.uuid(), backupId: backup.id, projectId: projectID,
                    destProjectId: destination, status: "pending", vaultId: nil, createdAt: now, updatedAt: now
                )
                try member.insert(db)
                return member
            }
            return (added, existing.count + added.count)
        }
    }

    /// The share records of a backup the caller can see, filtered, ordered and paged, and the match count: the
    /// sharer sees every record, a recipient only its own.
    /// - Throws: 6200 (a backup the caller neither owns nor is shared), 9900 (a `marker` not in the listing).
    func members(
        backupID: String,
        projectID: String,
        filter: MemberFilter,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> (total: Int, page: [BackupMemberRecord]) {
        try await settledRead(at: now, environment: environment) { db in
            let visible: [BackupMemberRecord]
            switch try Self.shareSide(backupID: backupID, projectID: projectID, in: db) {
            case .sharer(let backup):
                visible = try BackupMemberRecord.filter(Column("backupId") == backup.id).fetchAll(db)
            case .recipient(_, let member):
                visible = [member]
            }
            let matching = visible.filter(filter.matches).sorted(by: filter.precedes)
            var skip = filter.offset
            if let marker = filter.marker {
                guard let index = matching.firstIndex(where: { $0.id == marker || $0.destProjectId == marker }) else {
                    throw EmulatorError.invalidParameter("marker \(marker) is not a member of this listing.")
                }
                skip += index + 1
            }
            return (matching.count, Array(matching.dropFirst(skip).prefix(filter.limit)))
        }
    }

    /// One share record of a backup the caller can see: `memberID` is the destination project's id (or the
    /// record's own id). A recipient sees only its own record.
    /// - Throws: 6200 (a backup the caller cannot see), 6703 (no such member).
    func member(
        backupID: String,
        memberID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> BackupMemberRecord {
        try await settledRead(at: now, environment: environment) { db in
            switch try Self.shareSide(backupID: backupID, projectID: projectID, in: db) {
            case .sharer(let backup):
                return try Self.member(memberID, of: backup.id, in: db)
            case .recipient(_, let member):
                guard member.destProjectId == memberID || member.id == memberID else { throw EmulatorError.memberNotFound }
                return member
            }
        }
    }

    /// The recipient's answer: `accepted` into one of its vaults that takes the backup's resource type, or
    /// `rejected` (which leaves the share without a vault). An answer may be changed.
    /// - Throws: 6200 (a backup the caller cannot see), 6703 (no such member), 6704 (the sharer answering, or
    ///   the recipient answering for another project), 6105 (no such vault of the caller), 6112 (the vault is
    ///   being deleted), 6102 (the vault does not take the backup's type).
    func answerShare(
        backupID: String,
        memberID: String,
        projectID: String,
        answer: MemberAnswer,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws -> BackupMemberRecord {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            var member: BackupMemberRecord
            let backup: BackupRecord
            switch try Self.shareSide(backupID: backupID, projectID: projectID, in: db) {
            case .sharer(let owned):
                _ = try Self.member(memberID, of: owned.id, in: db)
                throw EmulatorError.memberActionForbidden("Only the project the backup is shared with accepts or rejects it.")
            case .recipient(let shared, let own):
                guard own.destProjectId == memberID || own.id == memberID else { throw EmulatorError.memberNotFound }
                (backup, member) = (shared, own)
            }
            switch answer {
            case .accept(let vaultID):
                guard let vault = try Self.vault(vaultID, projectID: projectID, in: db) else {
                    throw EmulatorError.vaultNotFound
                }
                guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
                guard ResourceType.vault(vault.objectType, accepts: backup.resourceType) else {
                    throw EmulatorError.resourceTypeMismatch(backup.resourceType, vaultType: vault.objectType)
                }
                member.vaultId = vault.id
            case .reject:
                member.vaultId = nil
            }
            member.status = answer.status
            member.updatedAt = now
            try member.update(db)
            return member
        }
    }

    /// Stops sharing a backup of the caller's project with one project.
    /// - Throws: 6200 (a backup the caller cannot see), 6703 (no such member), 6704 (a recipient removing itself).
    func deleteMember(
        backupID: String,
        memberID: String,
        projectID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            switch try Self.shareSide(backupID: backupID, projectID: projectID, in: db) {
            case .sharer(let backup):
                try Self.member(memberID, of: backup.id, in: db).delete(db)
            case .recipient:
                throw EmulatorError.memberActionForbidden("Only the project that owns the backup removes a member.")
            }
        }
    }

    /// The caller's side of a top-level backup: it owns it, or it is shared with it (in any status).
    /// - Throws: ``EmulatorError/backupNotFound`` for a backup the caller neither owns nor is shared.
    static func shareSide(backupID: String, projectID: String, in db: Database) throws -> BackupShareSide {
        if let backup = try backup(backupID, projectID: projectID, in: db) { return .sharer(backup) }
        guard
            let member = try BackupMemberRecord.filter(Column("backupId") == backupID)
                .filter(Column("destProjectId") == projectID).fetchOne(db),
            let backup = try BackupRecord.fetchOne(db, key: backupID)
        else { throw EmulatorError.backupNotFound }
        return .recipient(backup, member)
    }

    /// The share record of `backupID` for `memberID` (a destination project id or a record id).
    private static func member(_ memberID: String, of backupID: String, in db: Database) throws -> BackupMemberRecord {
        guard
            let member = try BackupMemberRecord.filter(Column("backupId") == backupID)
                .filter(Column("destProjectId") == memberID || Column("id") == memberID).fetchOne(db)
        else { throw EmulatorError.memberNotFound }
        return member
    }
}
