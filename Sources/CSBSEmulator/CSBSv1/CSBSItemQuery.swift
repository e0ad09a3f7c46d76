import Foundation
import Hummingbird

/// The filters, order and page of `GET /v1/{project_id}/checkpoint_items` (and `/count`, which ignores the
/// page), API reference §5.2. Filters combine with AND; `name` matches a part of the name.
struct CSBSItemQuery: Sendable, Equatable {
    /// A `sort` key.
    enum SortKey: String, Sendable, Hashable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case name, status, id
    }

    /// One `key[:dir]` of `sort`.
    typealias Order = SortOrder<SortKey>

    /// The statuses a `status` filter may name (§5.7).
    static let statuses: Set<String> = [
        "waiting_protect", "protecting", "available", "waiting_restore", "restoring", "error", "waiting_delete",
        "deleting", "deleted",
    ]

    var checkpointID: String?
    var resourceID: String?
    var resourceName: String?
    var resourceType: String?
    var name: String?
    var status: String?
    var order: [Order] = [Order(key: .createdAt, ascending: false)]
    var limit = 1000
    var offset = 0
    var marker: String?

    init() {}

    /// Reads the query string; unknown parameters are ignored.
    /// - Throws: `CSBS.9001` for a malformed limit, offset, status or sort.
    init(query: Parameters) throws {
        checkpointID = query.get("checkpoint_id")
        resourceID = query.get("resource_id")
        resourceName = query.get("resource_name")
        resourceType = query.get("resource_type")
        name = query.get("name")
        status = query.get("status")
        if let status, !Self.statuses.contains(status) {
            throw EmulatorError.csbsInvalid("Invalid status '\(status)'.")
        }
        if let sort = query.get("sort") { order = try Self.order(sort) }
        limit = try Self.integer(query, "limit", in: 1...1000, default: 1000)
        offset = try Self.integer(query, "offset", in: 0...Int(Int32.max), default: 0)
        marker = query.get("marker")
    }

    /// Parses `key[:dir],key[:dir]...`; a key without a direction descends.
    static func order(_ text: String) throws -> [Order] {
        try Order.parse(text, invalid: EmulatorError.csbsInvalid)
    }

    private static func integer(
        _ query: Parameters, _ name: String, in range: ClosedRange<Int>, default fallback: Int
    ) throws -> Int {
        guard let text = query.get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw EmulatorError.csbsInvalid(
                "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)."
            )
        }
        return value
    }

    /// Whether `item` passes every filter at `now`.
    func matches(_ item: CSBSItemRecord, at now: Int64) -> Bool {
        if let checkpointID, item.checkpointId != checkpointID { return false }
        if let resourceID, item.resourceId != resourceID { return false }
        if let resourceName, item.resourceName != resourceName { return false }
        if let resourceType, resourceType != CSBSProtectRequest.serverType { return false }
        if let name, !item.name.localizedCaseInsensitiveContains(name) { return false }
        if let status, item.status(at: now) != status { return false }
        return true
    }

    /// The matching items of `all`, in the requested order (ties broken by id).
    func sorted(_ all: [CSBSItemRecord], at now: Int64) -> [CSBSItemRecord] {
        all.filter { matches($0, at: now) }.sorted { left, right in
            for item in order {
                let comparison = compare(left, right, by: item.key, at: now)
                if comparison != 0 { return item.ascending ? comparison < 0 : comparison > 0 }
            }
            return left.id < right.id
        }
    }

    /// One page of the ordered matches: after `marker` (when given), then `offset`, at most `limit`.
    /// - Throws: `CSBS.9001` when the marker is not a matching item.
    func page(_ all: [CSBSItemRecord], at now: Int64) throws -> [CSBSItemRecord] {
        var items = sorted(all, at: now)[...]
        if let marker {
            guard let index = items.firstIndex(where: { $0.id == marker }) else {
                throw EmulatorError.csbsInvalid("The marker \(marker) is not a listed backup.")
            }
            items = items[(index + 1)...]
        }
        return Array(items.dropFirst(offset).prefix(limit))
    }

    private func compare(_ left: CSBSItemRecord, _ right: CSBSItemRecord, by key: SortKey, at now: Int64) -> Int {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        switch key {
        case .createdAt: return sign(left.createdAt, right.createdAt)
        case .updatedAt: return sign(left.updated(at: now), right.updated(at: now))
        case .name: return sign(left.name, right.name)
        case .status: return sign(left.status(at: now), right.status(at: now))
        case .id: return sign(left.id, right.id)
        }
    }
}
