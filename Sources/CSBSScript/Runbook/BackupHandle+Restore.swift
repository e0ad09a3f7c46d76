import CSBSClient

/// A restore worked out and checked, ready to start: where it goes and what the service is sent.
public struct RestorePlan: Sendable, Hashable {
    public enum Request: Sendable, Hashable {
        case cbr(RestoreParameters)
        case csbs(volumes: [CSBSv1VolumeMapping], powerOn: Bool)
    }

    public let backup: BackupHandle
    /// The server (or, for a CBR disk backup, the disk) the backup is restored onto.
    public let targetID: String
    public let request: Request

    /// Sends the restore.
    public func start(on client: BackupClient) async throws {
        switch (backup, request) {
        case (.cbr(let backup), .cbr(let parameters)):
            try await client.restoreBackup(id: backup.id, parameters)
        case (.csbs(let item), .csbs(let volumes, let powerOn)):
            _ = try await client.restoreCheckpointItem(
                checkpointID: item.checkpointID, itemID: item.id, serverID: targetID, volumes: volumes, powerOn: powerOn
            )
        default:
            preconditionFailure("a restore plan pairs a backup with a request of its own service")
        }
    }
}

/// Why a backup cannot be restored where asked.
public enum BackupRestoreError: Error, Sendable {
    /// `onto` a server for a CBR disk backup.
    case notAServerBackup(id: String)
    /// No server has the target ID.
    case noSuchServer(id: String)
    /// The target server has another number of disks than the backup has disk backups.
    case diskCountMismatch(backup: String, diskBackups: Int, server: String, disks: Int)
    /// CSBS said no (`check_restorable`); `CSBS.6000` is an unknown target server.
    case notRestorable(ClientError)
}

extension BackupHandle {
    /// Works out a restore onto the server it was made of or, with `serverID`, onto another server with as many
    /// disks (disk backups paired with its disks in the order the services list them). For CSBS, asks the service
    /// first whether the restore can go; a service without that check (404) lets the restore decide.
    /// - Throws: ``BackupRestoreError``; client errors as they come.
    public func planRestore(onto serverID: String?, powerOn: Bool, on client: BackupClient) async throws -> RestorePlan {
        switch self {
        case .cbr(let backup):
            let isServer = backup.resourceType == VaultObjectType.server.resourceType
            var parameters = RestoreParameters(powerOn: isServer ? powerOn : nil)
            guard isServer else {
                guard serverID == nil else { throw BackupRestoreError.notAServerBackup(id: backup.id) }
                // The service needs the target disk of a disk restore: the disk the backup was made of.
                parameters.volumeID = backup.resourceID
                return RestorePlan(backup: self, targetID: backup.resourceID ?? backup.id, request: .cbr(parameters))
            }
            // A server restore names the server and pairs every disk backup with a disk (the service refuses
            // one without `mappings`): onto the backed-up server, each disk backup goes back to its own disk.
            let target = serverID ?? backup.resourceID ?? backup.id
            if target == backup.resourceID {
                parameters.mappings = (backup.children ?? []).compactMap { child in
                    child.resourceID.map { RestoreMapping(backupID: child.id, volumeID: $0) }
                }
            } else {
                let pairs = try await diskPairs((backup.children ?? []).map(\.id), onto: target, on: client)
                parameters.mappings = pairs.map { RestoreMapping(backupID: $0.backup, volumeID: $0.disk) }
            }
            parameters.serverID = target
            return RestorePlan(backup: self, targetID: target, request: .cbr(parameters))
        case .csbs(let item):
            var volumes = item.volumeBackups.compactMap { volume in
                volume.sourceVolumeID.map { CSBSv1VolumeMapping(backupID: volume.id, volumeID: $0) }
            }
            if let serverID, serverID != item.resourceID {
                let pairs = try await diskPairs(item.volumeBackups.map(\.id), onto: serverID, on: client)
                volumes = pairs.map { CSBSv1VolumeMapping(backupID: $0.backup, volumeID: $0.disk) }
            }
            let target = serverID ?? item.resourceID
            try await checkRestorable(item, onto: target, volumes: volumes, on: client)
            return RestorePlan(backup: self, targetID: target, request: .csbs(volumes: volumes, powerOn: powerOn))
        }
    }

    /// The disk backups paired with the target server's disks, in the order the services list them.
    private func diskPairs(
        _ diskBackups: [String], onto serverID: String, on client: BackupClient
    ) async throws -> [(backup: String, disk: String)] {
        let server: Protectable
        do {
            server = try await client.showProtectable(type: .server, id: serverID)
        } catch let error as ClientError where error.status == 404 {
            throw BackupRestoreError.noSuchServer(id: serverID)
        }
        let disks = server.children ?? []
        guard disks.count == diskBackups.count, !disks.isEmpty else {
            throw BackupRestoreError.diskCountMismatch(
                backup: "\(noun) \(id)", diskBackups: diskBackups.count, server: serverID, disks: disks.count
            )
        }
        return zip(diskBackups, disks).map { ($0, $1.id) }
    }

    /// Fails with the service's reason when CSBS says the backup cannot go onto `target`.
    private func checkRestorable(
        _ item: CSBSv1CheckpointItem, onto target: String, volumes: [CSBSv1VolumeMapping], on client: BackupClient
    ) async throws {
        let verdict: CSBSv1Restorability
        do {
            verdict = try await client.checkRestorable(itemID: item.id, serverID: target, volumes: volumes)
        } catch let error as ClientError where BackupLookup.csbsIsMissing(error) {
            return
        }
        guard !verdict.result else { return }
        throw BackupRestoreError.notRestorable(
            ClientError(
                kind: .service, operation: "check CSBS restorability", code: verdict.errorCode,
                message: "CSBS backup \(item.id) cannot be restored onto server \(target): "
                    + (verdict.errorMessage ?? "the service gave no reason")
            )
        )
    }
}
