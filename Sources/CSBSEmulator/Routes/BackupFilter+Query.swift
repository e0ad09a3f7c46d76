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
        startTime = try query.time("start_time")
        endTime = try query.time("end_time")
        if let sort = query.get("sort") { order = try Self.order(sort) }
        limit = try query.integer("limit", in: 1...1000, default: 1000)
        offset = try query.integer("offset", in: 0...Int(Int32.max), default: 0)
        marker = query.get("marker")
    }

    /// Parses `key[:dir],key[:dir]...`; a key without a direction descends.
    static func order(_ text: String) throws -> [Order] {
        guard !text.isEmpty, text.count <= 255 else {
            throw EmulatorError.invalidParameter("sort must be 1 to 255 characters long.")
        }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let key = SortKey(rawValue: String(parts[0])) else {
                throw EmulatorError.invalidParameter("Invalid sort key '\(item)'.")
            }
            let direction = parts.count == 2 ? String(parts[1]) : "desc"
            guard direction == "asc" || direction == "desc" else {
                throw EmulatorError.invalidParameter("Invalid sort direction '\(direction)': use asc or desc.")
            }
            return Order(key: key, ascending: direction == "asc")
        }
    }
}
