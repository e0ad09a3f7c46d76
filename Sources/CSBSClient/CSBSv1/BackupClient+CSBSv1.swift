import FoundationEssentials

/// CSBS v1 (the legacy Cloud Server Backup Service, API reference §5): calls go to the `csbs` endpoint under
/// `/v1/{project_id}`, through the same request loop as CBR (retries, re-login, reconciliation, AK/SK), and
/// failures carry the `CSBS.xxxx` codes.
extension BackupClient {
    /// The only CSBS provider id.
    public static let csbsProviderID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da"

    /// `POST /v1/{project_id}/providers/{provider_id}/resources/{server_id}/action` with `protect`: starts a
    /// backup of one server and returns its backup record (`protecting`).
    ///
    /// Without a name the client names the backup itself (`manualbk_` and eight hex digits), so that a protect
    /// whose answer was lost is found again by name, server and time instead of being sent twice.
    public func protectServer(
        id serverID: String, name: String? = nil, description: String? = nil, incremental: Bool? = nil
    ) async throws -> CSBSv1Checkpoint {
        let name = name ?? Self.generatedBackupName(random: random)
        let body = CSBSv1ProtectBody(protect: .init(backupName: name, description: description, incremental: incremental))
        let reconciler = Reconciler<CSBSv1ProtectEnvelope>(what: "CSBS backup \(name) of server \(serverID)") { since in
            try await findProtectedCheckpoint(serverID: serverID, name: name, since: since)
                .map(CSBSv1ProtectEnvelope.init(checkpoint:))
        }
        let response: CSBSv1ProtectEnvelope = try await send(
            .protectServer, Self.csbsProviderID, serverID, body: body, reconciler: reconciler
        )
        return response.checkpoint
    }

    /// The backup record of `serverID`'s backup named `name` created at or after `since`; `nil` when none.
    /// - Throws: `.ambiguousOutcome` when several such records were created since.
    func findProtectedCheckpoint(serverID: String, name: String, since: Date) async throws -> CSBSv1Checkpoint? {
        let items = try await checkpointItems(CheckpointItemQuery(resourceID: serverID, name: name)).collect()
        let found = items.filter { item in
            guard item.name == name else { return false }
            guard let created = item.createdAt.flatMap(WireDate.parse) else { return true }
            return created >= since
        }
        guard found.count <= 1 else {
            throw ClientError(
                kind: .ambiguousOutcome, operation: "protect server",
                message: "the answer was lost and \(found.count) CSBS backups named \(name) of server \(serverID) "
                    + "were created since: " + found.map(\.checkpointID).joined(separator: ", ")
            )
        }
        return found.first.map { item in
            CSBSv1Checkpoint(
                id: item.checkpointID, status: item.status == "protecting" ? "protecting" : item.status,
                createdAt: item.createdAt, resources: [CSBSv1PlanResource(id: serverID, type: item.resourceType)]
            )
        }
    }

    /// One page of `GET /v1/{project_id}/checkpoint_items`.
    public func listCheckpointItems(_ query: CheckpointItemQuery = .init()) async throws -> [CSBSv1CheckpointItem] {
        let response: CSBSv1ItemListEnvelope = try await send(.listCheckpointItems, query: query.parameters(paging: true))
        return response.checkpointItems
    }

    /// Every CSBS backup matching `query`, fetched lazily `pageSize` at a time (by offset, or by marker).
    public func checkpointItems(
        _ query: CheckpointItemQuery = .init(), pageSize: Int = 100, usingMarker: Bool = false
    ) -> PageSequence<CSBSv1CheckpointItem> {
        let client = self
        let first: PageCursor = usingMarker ? .marker(query.marker) : .offset(query.offset ?? 0)
        return PageSequence(first: first, source: pageSource(.listCheckpointItems)) { cursor in
            var page = query
            page.limit = pageSize
            page.offset = cursor.offsetValue
            page.marker = cursor.markerValue
            let items = try await client.listCheckpointItems(page)
            let next: PageCursor? =
                switch cursor {
                case .offset(let offset):
                    .afterOffsetPage(offset: offset, received: items.count, limit: pageSize, total: nil)
                case .marker:
                    .afterMarkerPage(lastID: items.last?.id, received: items.count, limit: pageSize)
                }
            return FetchedPage(elements: items, next: next)
        }
    }

    /// `GET /v1/{project_id}/checkpoint_items/{id}`.
    /// - Throws: ``ClientError`` with code `CSBS.3001` (404) when there is no such backup.
    public func showCheckpointItem(id: String) async throws -> CSBSv1CheckpointItem {
        let response: CSBSv1ItemEnvelope = try await send(.showCheckpointItem, id)
        return response.checkpointItem
    }

    /// `GET /v1/{project_id}/checkpoint_items/count`: how many backups match the filters of `query`.
    public func countCheckpointItems(_ query: CheckpointItemQuery = .init()) async throws -> Int {
        let response: CSBSv1CountEnvelope = try await send(.countCheckpointItems, query: query.parameters(paging: false))
        return response.count.value
    }

    /// `POST /v1/{project_id}/restores`: restores a backup onto `serverID`, one disk backup per target disk.
    ///
    /// If the answer is lost, the restore is not sent again blindly: when the backup now reads `restoring` (or
    /// `waiting_restore`), the restore is taken as started and returned with an empty `id`; only otherwise is it
    /// sent again.
    /// - Parameters:
    ///   - checkpointID: The backup record id.
    ///   - itemID: The backup id.
    ///   - serverID: The target server.
    ///   - volumes: Disk backup → target disk.
    ///   - powerOn: Whether the server is started after the restore.
    public func restoreCheckpointItem(
        checkpointID: String, itemID: String, serverID: String, volumes: [CSBSv1VolumeMapping], powerOn: Bool = true
    ) async throws -> CSBSv1Restore {
        let body = CSBSv1RestoreBody(
            restore: .init(
                providerID: Self.csbsProviderID, checkpointID: checkpointID,
                parameters: .init(
                    checkpointItemID: itemID, powerOn: powerOn, targets: .init(serverID: serverID, volumes: volumes)
                )
            )
        )
        let reconciler = Reconciler<CSBSv1RestoreEnvelope>(what: "a restore of CSBS backup \(itemID)") { _ in
            let item = try await showCheckpointItem(id: itemID)
            guard item.status == "restoring" || item.status == "waiting_restore" else { return nil }
            return CSBSv1RestoreEnvelope(restore: CSBSv1Restore(id: "", checkpointID: checkpointID, status: "in_progress"))
        }
        let response: CSBSv1RestoreEnvelope = try await send(.restoreCheckpointItem, body: body, reconciler: reconciler
            )
        return response.restore
    }

    /// Restores a backup onto the server it was taken from, each disk backup onto its source disk.
    public func restoreCheckpointItem(_ item: CSBSv1CheckpointItem, powerOn: Bool = true) async throws -> CSBSv1Restore {
        let volumes = item.volumeBackups.compactMap { volume in
            volume.sourceVolumeID.map { CSBSv1VolumeMapping(backupID: volume.id, volumeID: $0) }
        }
        return try await restoreCheckpointItem(
            checkpointID: item.checkpointID, itemID: item.id, serverID: item.resourceID, volumes: volumes,
            powerOn: powerOn
        )
    }

    /// `DELETE /v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}[?checkpoint_items=ID]`:
    /// deletes one backup of a record (or, without `itemID`, all of them). A 404 on a re-sent attempt means an
    /// earlier attempt already deleted it; `CSBS.2003` (busy) for a backup that is already `deleting` means an
    /// earlier attempt (whose answer was lost) started the deletion, so that counts as done too.
    public func deleteCSBSBackup(checkpointID: String, itemID: String? = nil) async throws {
        do {
            try await sendExpectingNoContent(
                .deleteCSBSBackup, Self.csbsProviderID, checkpointID,
                query: itemID.map { [("checkpoint_items", $0)] } ?? []
            )
        } catch let error as ClientError where error.code == "CSBS.2003" {
            guard let itemID, (try? await showCheckpointItem(id: itemID))?.status == "deleting" else { throw error }
        }
    }

    /// Polls a CSBS backup until it no longer changes by itself (see ``CSBSv1CheckpointItem/isTerminal``); returns
    /// it whatever its final status.
    /// - Throws: ``ClientError`` `.waitTimeout` past the deadline (or the show error, e.g. `CSBS.3001`);
    ///   `CancellationError` when cancelled.
    public func waitForCheckpointItem(
        id: String, policy: WaitPolicy = .default,
        onUpdate: @escaping @Sendable (WaitUpdate<CSBSv1CheckpointItem>) -> Void = { _ in }
    ) async throws -> CSBSv1CheckpointItem {
        try await Waiter(clock: clock, policy: policy).poll(
            what: "CSBS backup \(id)", fetch: { try await showCheckpointItem(id: id) }, isDone: { $0.isTerminal },
            onUpdate: onUpdate
        )
    }

    /// Polls a deleted CSBS backup until the service no longer knows it (404 means done).
    public func waitForCheckpointItemDeletion(id: String, policy: WaitPolicy = .default) async throws {
        try await Waiter(clock: clock, policy: policy).waitUntil(
            what: "the deletion of CSBS backup \(id)", fetch: { try await showCheckpointItem(id: id) },
            decide: { outcome -> WaitDecision<Void> in
                switch outcome {
                case .failure(let error) where error.status == 404: .done(())
                case .failure(let error): .fail(error)
                case .success(let item) where item.status == "error":
                    .fail(ClientError(kind: .service, operation: "delete CSBS backup", message: "backup \(id) ended in error"))
                case .success: .pending
                }
            },
            onUpdate: { _ in }
        )
    }
}

/// The answer to a protect call: `{"checkpoint": …}`, the backup record.
public struct CSBSv1ProtectEnvelope: Codable, Sendable, Hashable {
    public var checkpoint: CSBSv1Checkpoint

    public init(checkpoint: CSBSv1Checkpoint) {
        self.checkpoint = checkpoint
    }
}

/// The body of `POST /v1/{project_id}/providers/{provider_id}/resources/{resource_id}/action` (protect).
public struct CSBSv1ProtectBody: Codable, Sendable, Hashable {
    /// The backup to take.
    public struct Protect: Codable, Sendable, Hashable {
        public var backupName: String
        public var description: String?
        public var incremental: Bool?

        enum CodingKeys: String, CodingKey {
            case description, incremental
            case backupName = "backup_name"
        }

        public init(backupName: String, description: String? = nil, incremental: Bool? = nil) {
            self.backupName = backupName
            self.description = description
            self.incremental = incremental
        }
    }

    public var protect: Protect

    public init(protect: Protect) {
        self.protect = protect
    }
}

/// The answer to `GET /v1/{project_id}/checkpoint_items`.
public struct CSBSv1ItemListEnvelope: Codable, Sendable, Hashable {
    public var checkpointItems: [CSBSv1CheckpointItem]

    enum CodingKeys: String, CodingKey {
        case checkpointItems = "checkpoint_items"
    }

    public init(checkpointItems: [CSBSv1CheckpointItem]) {
        self.checkpointItems = checkpointItems
    }
}

/// The answer to `GET /v1/{project_id}/checkpoint_items/{id}`.
public struct CSBSv1ItemEnvelope: Codable, Sendable, Hashable {
    public var checkpointItem: CSBSv1CheckpointItem

    enum CodingKeys: String, CodingKey {
        case checkpointItem = "checkpoint_item"
    }

    public init(checkpointItem: CSBSv1CheckpointItem) {
        self.checkpointItem = checkpointItem
    }
}

/// The answer to `GET /v1/{project_id}/checkpoint_items/count`.
public struct CSBSv1CountEnvelope: Codable, Sendable, Hashable {
    public var count: LenientInt

    public init(count: Int) {
        self.count = LenientInt(count)
    }
}

/// The answer to a restore: `{"restore": …}`.
public struct CSBSv1RestoreEnvelope: Codable, Sendable, Hashable {
    public var restore: CSBSv1Restore

    public init(restore: CSBSv1Restore) {
        self.restore = restore
    }
}

/// The body of `POST /v1/{project_id}/providers/{provider_id}/restores`.
public struct CSBSv1RestoreBody: Codable, Sendable, Hashable {
    /// Which backup is restored, and where.
    public struct Restore: Codable, Sendable, Hashable {
        public var providerID: String
        public var checkpointID: String
        /// Always sent, `null` when `nil`.
        public var restoreTarget: String?
        public var parameters: Parameters

        enum CodingKeys: String, CodingKey {
            case parameters
            case providerID = "provider_id"
            case checkpointID = "checkpoint_id"
            case restoreTarget = "restore_target"
        }

        public init(providerID: String, checkpointID: String, restoreTarget: String? = nil, parameters: Parameters) {
            self.providerID = providerID
            self.checkpointID = checkpointID
            self.restoreTarget = restoreTarget
            self.parameters = parameters
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(providerID, forKey: .providerID)
            try container.encode(checkpointID, forKey: .checkpointID)
            try container.encode(restoreTarget, forKey: .restoreTarget)
            try container.encode(parameters, forKey: .parameters)
        }
    }

    /// The backup and its target server.
    public struct Parameters: Codable, Sendable, Hashable {
        public var checkpointItemID: String
        public var powerOn: Bool
        public var targets: Targets

        enum CodingKeys: String, CodingKey {
            case targets
            case checkpointItemID = "checkpoint_item_id"
            case powerOn = "power_on"
        }

        public init(checkpointItemID: String, powerOn: Bool, targets: Targets) {
            self.checkpointItemID = checkpointItemID
            self.powerOn = powerOn
            self.targets = targets
        }
    }

    /// The target server and which disk each disk backup is restored onto.
    public struct Targets: Codable, Sendable, Hashable {
        public var serverID: String
        public var volumes: [CSBSv1VolumeMapping]

        enum CodingKeys: String, CodingKey {
            case volumes
            case serverID = "server_id"
        }

        public init(serverID: String, volumes: [CSBSv1VolumeMapping]) {
            self.serverID = serverID
            self.volumes = volumes
        }
    }

    public var restore: Restore

    public init(restore: Restore) {
        self.restore = restore
    }
}
