/// What a wait and a set's report read of a listed backup: its id, checkpoint, resource, status and times, decoded
/// from the same `list_backups` answer as ``Backup`` but without the other fields and the disk backups
/// (``Backup/children``).
///
/// Why a second model of a backup: the set form's wait lists its vault's 1,000 backups at every look, and the
/// look that finds them done is on the critical path of the run. Foundation's `JSONDecoder` reads every key of
/// every object it decodes, so ``Backup`` (26 fields, a disk backup with as many, two `extend_info` blocks) costs
/// about three times what these seven fields do: for the emulator's 2 MB page of 1,000 server backups with one disk
/// each, 32 ms against 11 ms (`swiftc -O`, 2026-12-07). ``init(_:)`` is the projection of a ``Backup``;
/// `BackupSummaryTests` holds every field equal to it for the same answer, so the two cannot drift apart.
public struct BackupSummary: Decodable, Sendable, Hashable, Identifiable {
    public var id: String
    public var checkpointID: String?
    public var resourceID: String?
    public var resourceName: String?
    /// One of ``Backup/Status``'s raw values, or a value this client does not know.
    public var status: String?
    public var createdAt: String?
    public var updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, status
        case checkpointID = "checkpoint_id"
        case resourceID = "resource_id"
        case resourceName = "resource_name"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// The summary of a backup: its fields of the same names.
    public init(_ backup: Backup) {
        id = backup.id
        checkpointID = backup.checkpointID
        resourceID = backup.resourceID
        resourceName = backup.resourceName
        status = backup.status
        createdAt = backup.createdAt
        updatedAt = backup.updatedAt
    }
}

/// A page of `list_backups` read as ``BackupSummary``s, with the service's total `count`.
struct BackupSummaryPage: Decodable, Sendable {
    var backups: [BackupSummary]
    var count: LenientInt?
}
