import Hummingbird

/// Filters, order and paging of `GET /backups/{backup_id}/members` (`show_members_detail`).
struct MemberFilter: Sendable, Equatable {
    /// A sort key of the `sort` parameter (**inferred**: the SDK documents the syntax, not the keys).
    enum SortKey: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case status
        case destProjectID = "dest_project_id"
        case id
    }

    typealias Order = SortOrder<SortKey>

    var destProjectID: String?
    var imageID: String?
    var status: String?
    var vaultID: String?
    var order: [Order] = [Order(key: .createdAt, ascending: false)]
    var limit = 1000
    var offset = 0
    /// The id of the last member of the previous page.
    var marker: String?

    /// The member statuses, in the order a share goes through them.
    static let statuses = ["pending", "accepted", "rejected"]

    init() {}

    /// Reads the query of `show_members_detail`.
    /// - Throws: `BackupService.9900` for an unknown status or sort key, or paging out of range.
    init(query: Parameters) throws {
        destProjectID = query.get("dest_project_id")
        imageID = query.get("image_id")
        vaultID = query.get("vault_id")
        if let status = query.get("status") {
            guard Self.statuses.contains(status) else {
                throw EmulatorError.invalidParameter("status must be pending, accepted or rejected.")
            }
            self.status = status
        }
        if let sort = query.get("sort") { order = try Order.parse(sort, invalid: EmulatorError.invalidParameter) }
        limit = try query.integer("limit", in: 1...1000, default: 1000)
        offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        marker = query.get("marker")
    }

    /// Whether `member` passes the filters.
    func matches(_ member: BackupMemberRecord) -> Bool {
        // An accepted share registers no image in the emulator: an `image_id` filter matches nothing.
        imageID == nil && (destProjectID.map { $0 == member.destProjectId } ?? true)
            && (status.map { $0 == member.status } ?? true) && (vaultID.map { $0 == member.vaultId } ?? true)
    }

    /// Whether `lhs` comes before `rhs` in the filter's order; ties go by the destination project id, so the order
    /// is always the same.
    func precedes(_ lhs: BackupMemberRecord, _ rhs: BackupMemberRecord) -> Bool {
        for item in order {
            let comparison = Self.compare(lhs, rhs, by: item.key)
            if comparison != 0 { return item.ascending ? comparison < 0 : comparison > 0 }
        }
        return lhs.destProjectId < rhs.destProjectId
    }

    /// -1, 0 or 1 as `lhs` is before, level with or after `rhs` by `key`, ascending.
    private static func compare(_ lhs: BackupMemberRecord, _ rhs: BackupMemberRecord, by key: SortKey) -> Int {
        switch key {
        case .createdAt: sign(lhs.createdAt, rhs.createdAt)
        case .updatedAt: sign(lhs.updatedAt, rhs.updatedAt)
        case .status: sign(lhs.status, rhs.status)
        case .destProjectID: sign(lhs.destProjectId, rhs.destProjectId)
        case .id: sign(lhs.id, rhs.id)
        }
    }

    private static func sign<Value: Comparable>(_ lhs: Value, _ rhs: Value) -> Int {
        lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
    }
}
