/// The `protect` response (API reference §5.1): the new backup record, `protecting`.
struct CSBSCheckpointEnvelope: Encodable, Sendable {
    struct Checkpoint: Encodable, Sendable {
        var id: String
        var status: String
        var createdAt: String
        var projectId: String
        var resourceGraph: String?
        var extraInfo: String?
        var protectionPlan: Plan

        private enum CodingKeys: String, CodingKey {
            case id, status, createdAt, projectId, resourceGraph, extraInfo, protectionPlan
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(status, forKey: .status)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(projectId, forKey: .projectId)
            try container.encode(resourceGraph, forKey: .resourceGraph)
            try container.encode(extraInfo, forKey: .extraInfo)
            try container.encode(protectionPlan, forKey: .protectionPlan)
        }
    }

    struct Plan: Encodable, Sendable {
        var id: String
        var name: String
        var resources: [PlanResource]
    }

    struct PlanResource: Encodable, Sendable {
        var id: String
        var type: String
        var name: String
        var extraInfo: CSBSEmpty
    }

    var checkpoint: Checkpoint

    init(_ item: CSBSItemRecord, now: Int64) {
        checkpoint = Checkpoint(
            id: item.checkpointId, status: item.status(at: now),
            createdAt: WireTime.cbr(item.createdAt), projectId: item.projectId, resourceGraph: nil, extraInfo: nil,
            protectionPlan: Plan(
                id: "fake_" + item.checkpointId, name: "server protect plan for \(item.resourceId)",
                resources: [
                    PlanResource(
                        id: item.resourceId, type: CSBSProtectRequest.serverType, name: item.resourceName,
                        extraInfo: CSBSEmpty()
                    )
                ]
            )
        )
    }
}

/// An empty JSON object (`{}`).
struct CSBSEmpty: Codable, Sendable, Equatable {}

/// A `checkpoint_item` as the wire shows it (API reference §5.2, Appendix A.6).
struct CSBSItemBody: Encodable, Sendable {
    struct BackupData: Encodable, Sendable {
        var eip = ""
        var cloudservicetype = "QEMU"
        var ram = 8192
        var vcpus = 4
        var openstackRegionName = ""
        var privateIp = "192.168.0.10"
        var disk = 0
        var imagetype = "gold"

        private enum CodingKeys: String, CodingKey {
            case eip, cloudservicetype, ram, vcpus, disk, imagetype
            case openstackRegionName = "__openstack_region_name"
            case privateIp = "private_ip"
        }
    }

    struct ExtendInfo: Encodable, Sendable {
        var autoTrigger = false
        var averageSpeed = 0
        var copyFrom = ""
        var copyStatus = "na"
        var failCode = CSBSEmpty()
        var failOp = ""
        var failReason = ""
        var imageType = "backup"
        var incremental: Bool
        var progress: Int
        var resourceAz: String
        var resourceName: String
        var resourceType = CSBSProtectRequest.serverType
        var size: Int
        var spaceSavingRatio = 0
        var volumeBackups: [Volume]
        var finishedAt: String
        var supportedRestoreMode = "backup"
        var supportLld = true
        var taskid: String
        var hypervisorType = "QEMU"
    }

    struct Volume: Encodable, Sendable {
        var id: String
        var name: String
        var bootable: Bool
        var sourceVolumeId: String
        var sourceVolumeName: String
        var sourceVolumeSize: Int
        var size: Int
        var status: String
        var incremental: Bool
        var imageType = "backup"
        var averageSpeed = 0
        var spaceSavingRatio = 0
        var snapshotId: String
    }

    var id: String
    var checkpointId: String
    var name: String
    var description: String
    var resourceId: String
    var resourceType = CSBSProtectRequest.serverType
    var status: String
    var createdAt: String
    var updatedAt: String
    var tags: [CSBSTag]
    var backupData = BackupData()
    var extendInfo: ExtendInfo

    init(_ item: CSBSItemRecord, now: Int64) {
        let status = item.status(at: now)
        let volumes = item.volumeList
        id = item.id
        checkpointId = item.checkpointId
        name = item.name
        description = item.description
        resourceId = item.resourceId
        self.status = status
        createdAt = WireTime.cbr(item.createdAt)
        updatedAt = WireTime.cbr(item.updated(at: now))
        tags = WireJSON.decodeText([CSBSTag].self, from: item.tags) ?? []
        extendInfo = ExtendInfo(
            incremental: item.incremental, progress: now < item.finishesAt ? 0 : 100, resourceAz: item.resourceAz,
            resourceName: item.resourceName, size: volumes.reduce(0) { $0 + $1.size },
            volumeBackups: volumes.map { volume in
                Volume(
                    id: volume.id, name: volume.name, bootable: volume.bootable, sourceVolumeId: volume.sourceVolumeId,
                    sourceVolumeName: volume.sourceVolumeName, sourceVolumeSize: volume.sourceVolumeSize,
                    size: volume.size, status: status, incremental: item.incremental, snapshotId: volume.snapshotId
                )
            },
            finishedAt: item.finishesAt <= now ? WireTime.cbr(item.finishesAt) : "", taskid: item.checkpointId
        )
    }
}

/// `{"checkpoint_items": [...]}`.
struct CSBSItemListBody: Encodable, Sendable {
    var checkpointItems: [CSBSItemBody]
}

/// `{"checkpoint_item": {...}}`.
struct CSBSItemEnvelope: Encodable, Sendable {
    var checkpointItem: CSBSItemBody
}

/// `{"count": n}`.
struct CSBSCountBody: Encodable, Sendable {
    var count: Int
}

/// `{"protectable": [...]}`: the answer of `check_protectable`.
struct CSBSProtectableBody: Encodable, Sendable {
    struct Result: Encodable, Sendable {
        var resourceId: String
        var resourceType: String
        var result: Bool
        var errorCode: String?
        var errorMsg: String?
    }

    var protectable: [Result]
}

/// `{"restorable": [...]}`: the answer of `check_restorable` (§5.5; which fields echo the request is not
/// documented: the emulator echoes the backup id and the target).
struct CSBSRestorableBody: Encodable, Sendable {
    struct Result: Encodable, Sendable {
        var checkpointItemId: String
        var resourceId: String
        var resourceType: String
        var result: Bool
        var errorCode: String?
        var errorMsg: String?
    }

    var restorable: [Result]
}

/// `{"restore": {...}}`: the started restore (§5.3).
struct CSBSRestoreEnvelope: Encodable, Sendable {
    struct Restore: Encodable, Sendable {
        var id: String
        var checkpointId: String
        var providerId: String
        var projectId: String
        var parameters: CSBSRestoreBody.Parameters
        var restoreTarget: String?
        var status: String
        var resourcesStatus: CSBSEmpty
        var resourcesReason: CSBSEmpty

        private enum CodingKeys: String, CodingKey {
            case id, checkpointId, providerId, projectId, parameters, restoreTarget, status, resourcesStatus
            case resourcesReason
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(checkpointId, forKey: .checkpointId)
            try container.encode(providerId, forKey: .providerId)
            try container.encode(projectId, forKey: .projectId)
            try container.encode(parameters, forKey: .parameters)
            try container.encode(restoreTarget, forKey: .restoreTarget)
            try container.encode(status, forKey: .status)
            try container.encode(resourcesStatus, forKey: .resourcesStatus)
            try container.encode(resourcesReason, forKey: .resourcesReason)
        }
    }

    var restore: Restore
}
