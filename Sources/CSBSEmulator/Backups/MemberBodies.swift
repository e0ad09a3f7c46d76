/// `POST /backups/{backup_id}/members`: `{"members": [project ids], "domains": [...]}` (SDK `AddMembersReq`).
struct MemberAddBody: Decodable, Sendable {
    var members: [String]
    /// Sharing with whole accounts (a public beta the SDK mentions): not emulated.
    var domains: [String]?

    /// The destination projects: 1 to ``EmulatorStore/maxMembers`` project ids (32 hexadecimal digits), none
    /// twice, not the caller's own.
    /// - Throws: `BackupService.9900` naming what is wrong.
    func destinations(sharer projectID: String) throws -> [String] {
        guard domains?.isEmpty ?? true else {
            throw EmulatorError.invalidParameter("domains is not supported: share with projects (members).")
        }
        guard (1...EmulatorStore.maxMembers).contains(members.count) else {
            throw EmulatorError.invalidParameter("members must list 1 to \(EmulatorStore.maxMembers) project ids.")
        }
        var seen = Set<String>()
        for (index, member) in members.enumerated() {
            guard Self.isProjectID(member) else {
                throw EmulatorError.invalidParameter("members[\(index)] is not a project id (32 hexadecimal digits).")
            }
            guard member != projectID else {
                throw EmulatorError.invalidParameter("members[\(index)] is the backup's own project.")
            }
            guard seen.insert(member).inserted else {
                throw EmulatorError.invalidParameter("members[\(index)] \(member) is given twice.")
            }
        }
        return members
    }

    /// 32 lowercase hexadecimal digits, the form of every IAM project id.
    static func isProjectID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// `PUT /backups/{backup_id}/members/{member_id}`: `{"status": "accepted" | "rejected", "vault_id": …}` (SDK
/// `UpdateMember`).
struct MemberUpdateBody: Decodable, Sendable {
    var status: String
    var vaultId: String?

    /// The answer: `accepted` needs `vault_id`, `rejected` ignores it; `pending` cannot be set.
    /// - Throws: `BackupService.9900`.
    func answer() throws -> MemberAnswer {
        switch status {
        case "accepted":
            guard let vaultId, !vaultId.isEmpty else {
                throw EmulatorError.invalidParameter("vault_id is required to accept a shared backup.")
            }
            return .accept(vaultID: vaultId)
        case "rejected":
            return .reject
        default:
            throw EmulatorError.invalidParameter("status must be accepted or rejected.")
        }
    }
}

/// A share record as the SDK's `Member` model reads it.
struct MemberBody: Encodable, Sendable {
    var id: String
    var backupId: String
    var destProjectId: String
    var status: String
    /// The recipient's vault, once accepted.
    var vaultId: String?
    /// The image an accepted server backup is registered as: the emulator has no image service, so never set.
    var imageId: String?
    var createdAt: String
    var updatedAt: String

    init(_ member: BackupMemberRecord) {
        id = member.id
        backupId = member.backupId
        destProjectId = member.destProjectId
        status = member.status
        vaultId = member.vaultId
        imageId = nil
        createdAt = WireTime.cbr(member.createdAt)
        updatedAt = WireTime.cbr(member.updatedAt)
    }
}

/// `add_member`'s answer: the new records and how many projects the backup is now shared with.
struct MemberListBody: Encodable, Sendable {
    var members: [MemberBody]
    var count: Int
}

/// `show_member_detail` and `update_member_status`: one record.
struct MemberEnvelope: Encodable, Sendable {
    var member: MemberBody
}
