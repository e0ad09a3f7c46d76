import Hummingbird

extension BackupFilter {
    /// The statuses a `status` filter may name (§3.4).
    static let statuses: Set<String> = [
        "available", "protecting", "deleting", "restoring", "error", "waiting_protect", "waiting_delete",
        "waiting_restore",
    ]

    /// Reads the documented filters of `GET /backups`; unknown parameters are ignored.
    /// - Throws: `BackupService.9900` for a malformed value (limit, offset, times, sort, status, image type).
    init(query: Parameters) throws {
        self.init()
        checkpointID = query.get("checkpoint_id")
        vaultID = query.get("vault_id")
        resourceID = query.get("resource_id")
        resourceName = query.get("resource_name")
        resourceType = query.get("resource_type")
        if let resourceType, !ResourceType.all.contains(resourceType) {
            throw EmulatorError.invalidParameter("Invalid resource_type '\(resourceType)'.")
        }
        resourceAz = query.get("resource_az")
        name = query.get("name")
        parentID = query.get("parent_id")
        statuses = query.getAll("status")
        for status in statuses where !Self.statuses.contains(status) {
            throw EmulatorError.invalidParameter("Invalid status '\(status)'.")
        }
        imageType = query.get("image_type")
        if let imageType, !["backup", "replication"].contains(imageType) {
            throw EmulatorError.invalidParameter("image_type must be backup or replication.")
        }
        try readOwnershipAndUsage(query)
        startTime = try query.time("start_time")
        endTime = try query.time("end_time")
        if let sort = query.get("sort") { order = try Self.order(sort) }
        limit = try query.integer("limit", in: 1...1000, default: 1000)
        offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        marker = query.get("marker")
    }

    /// Reads `incremental`, `enterprise_project_id`, `own_type`, `member_status`, `used_percent`, and checks the
    /// Booleans `show_replication` and `dec` (accepted without effect: the emulator has no replication records and
    /// is no dedicated cloud).
    private mutating func readOwnershipAndUsage(_ query: Parameters) throws {
        incremental = try query.boolean("incremental")
        _ = try query.boolean("show_replication")
        _ = try query.boolean("dec")
        if let project = query.get("enterprise_project_id"), project != "all_granted_eps" {
            guard !project.isEmpty else { throw EmulatorError.invalidParameter("enterprise_project_id must not be empty.") }
            enterpriseProjectID = project
        }
        guard let ownership = Ownership(rawValue: query.get("own_type") ?? "private") else {
            throw EmulatorError.invalidParameter("own_type must be private, shared or all_granted.")
        }
        self.ownership = ownership
        if let memberStatus = query.get("member_status") {
            guard MemberFilter.statuses.contains(memberStatus) else {
                throw EmulatorError.invalidParameter("member_status must be pending, accepted or rejected.")
            }
            self.memberStatus = memberStatus
            if ownership == .own { self.ownership = .shared }
        }
        if query.get("used_percent") != nil { usedPercent = try query.integer("used_percent", in: 1...100, default: 1) }
    }

    /// Parses `key[:dir],key[:dir]...`; a key without a direction descends.
    static func order(_ text: String) throws -> [Order] {
        try Order.parse(text, invalid: EmulatorError.invalidParameter)
    }
}

extension Parameters {
    /// A Boolean query parameter (`true` or `false`, any case), `nil` when absent.
    /// - Throws: `BackupService.9900` for any other value.
    func boolean(_ name: String) throws -> Bool? {
        guard let text = get(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw EmulatorError.invalidParameter("\(name) must be true or false.")
        }
    }
}
