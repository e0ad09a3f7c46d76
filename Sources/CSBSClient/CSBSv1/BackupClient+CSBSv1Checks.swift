/// CSBS v1 pre-checks (API reference §5.5): whether a backup can be restored onto a server before the restore
/// is sent.
extension BackupClient {
    /// `POST /v1/{project_id}/providers/{provider_id}/resources/action` with `check_restorable`: whether the
    /// backup `itemID` can be restored onto `serverID` with the given disk mapping, and if not, why.
    ///
    /// The check changes nothing, so it is re-sent like a read.
    /// - Parameters:
    ///   - itemID: The backup id (`checkpoint_item_id`).
    ///   - serverID: The target server.
    ///   - volumes: Disk backup → target disk.
    /// - Returns: The service's verdict for this backup.
    /// - Throws: ``ClientError`` when the call fails, `.decoding` when the answer holds no verdict.
    public func checkRestorable(
        itemID: String, serverID: String, volumes: [CSBSv1VolumeMapping]
    ) async throws -> CSBSv1Restorability {
        let check = CSBSv1RestorableCheck(
            checkpointItemID: itemID,
            target: .init(resourceID: serverID, resourceType: "OS::Nova::Server", volumes: volumes)
        )
        let response: CSBSv1RestorableEnvelope = try await send(
            .checkRestorable, Self.csbsProviderID, body: CSBSv1RestorableRequest(checkRestorable: [check])
        )
        guard let verdict = response.restorable.first(where: { $0.itemID == nil || $0.itemID == itemID }) else {
            throw ClientError(
                kind: .decoding, operation: "check CSBS restorability",
                message: "the answer holds no verdict for backup \(itemID)"
            )
        }
        return verdict
    }
}

/// The service's verdict on restoring one CSBS backup onto a target (`restorable[]` of `check_restorable`).
public struct CSBSv1Restorability: Codable, Sendable, Hashable {
    /// The backup checked, when the service echoes it.
    public var itemID: String?
    /// True when the restore can go ahead.
    public var result: Bool
    /// Why not, as a `CSBS.xxxx` code (e.g. `CSBS.4000`), when `result` is false.
    public var errorCode: String?
    /// Why not, in words.
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case result
        case itemID = "checkpoint_item_id"
        case errorCode = "error_code"
        case errorMessage = "error_msg"
    }

    public init(itemID: String? = nil, result: Bool, errorCode: String? = nil, errorMessage: String? = nil) {
        self.itemID = itemID
        self.result = result
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// The answer to `check_restorable`: one verdict per backup checked.
public struct CSBSv1RestorableEnvelope: Codable, Sendable, Hashable {
    public var restorable: [CSBSv1Restorability]

    public init(restorable: [CSBSv1Restorability]) {
        self.restorable = restorable
    }
}

/// The body of `POST /v1/{project_id}/providers/{provider_id}/resources/action` with `check_restorable`.
public struct CSBSv1RestorableRequest: Codable, Sendable, Hashable {
    public var checkRestorable: [CSBSv1RestorableCheck]

    enum CodingKeys: String, CodingKey {
        case checkRestorable = "check_restorable"
    }

    public init(checkRestorable: [CSBSv1RestorableCheck]) {
        self.checkRestorable = checkRestorable
    }
}

/// One restorability check: a backup and the server (and disks) it would be restored onto.
public struct CSBSv1RestorableCheck: Codable, Sendable, Hashable {
    /// The restore target.
    public struct Target: Codable, Sendable, Hashable {
        public var resourceID: String
        public var resourceType: String
        public var volumes: [CSBSv1VolumeMapping]

        enum CodingKeys: String, CodingKey {
            case volumes
            case resourceID = "resource_id"
            case resourceType = "resource_type"
        }

        public init(resourceID: String, resourceType: String, volumes: [CSBSv1VolumeMapping]) {
            self.resourceID = resourceID
            self.resourceType = resourceType
            self.volumes = volumes
        }
    }

    public var checkpointItemID: String
    public var target: Target

    enum CodingKeys: String, CodingKey {
        case target
        case checkpointItemID = "checkpoint_item_id"
    }

    public init(checkpointItemID: String, target: Target) {
        self.checkpointItemID = checkpointItemID
        self.target = target
    }
}
