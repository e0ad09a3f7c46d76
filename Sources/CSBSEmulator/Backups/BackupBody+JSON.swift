import NIOCore

/// The backup wire forms written with ``JSONWriter`` instead of `JSONEncoder`: the same bytes, in the same
/// (sorted snake_case) key order as ``WireJSON/response(_:status:headers:)`` writes for the `Encodable` form.
extension BackupBody {
    /// Writes this backup as a JSON object.
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("checkpoint_id", checkpointId)
            json.key("children")
            json.array(children) { json, child in child.write(to: &json) }
            json.member("created_at", createdAt)
            json.member("description", description)
            json.member("enterprise_project_id", enterpriseProjectId)
            json.member("expired_at", expiredAt)
            json.key("extend_info")
            extendInfo.write(to: &json)
            json.member("id", id)
            json.member("image_type", imageType)
            json.member("incremental", incremental)
            json.member("name", name)
            json.member("parent_id", parentId)
            json.member("project_id", projectId)
            json.member("protected_at", protectedAt)
            json.member("provider_id", providerId)
            if let replicationRecords {
                json.key("replication_records")
                json.array(replicationRecords) { json, record in record.write(to: &json) }
            }
            json.member("resource_az", resourceAz)
            json.member("resource_id", resourceId)
            json.member("resource_name", resourceName)
            json.member("resource_size", resourceSize)
            json.member("resource_type", resourceType)
            json.nullMember("scheduled_operation_id")
            json.member("status", status)
            json.member("updated_at", updatedAt)
            json.member("vault_id", vaultId)
            json.member("version", version)
        }
    }
}

extension BackupBody.ExtendInfo {
    /// Writes `extend_info` as a JSON object.
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("auto_trigger", autoTrigger)
            json.member("bootable", bootable)
            json.member("contain_system_disk", containSystemDisk)
            json.member("encrypted", encrypted)
            json.member("is_multi_az", isMultiAz)
            json.nullMember("os_images_data")
            json.nullMember("snapshot_id")
            json.member("support_lld", supportLld)
            json.member("supported_restore_mode", supportedRestoreMode)
            json.member("system_disk", systemDisk)
        }
    }
}

extension BackupListBody {
    /// The response body as JSON text (UTF-8).
    func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 2048 * max(1, backups.count))
        writer.object { json in
            json.key("backups")
            json.array(backups) { json, backup in backup.write(to: &json) }
            json.member("count", count)
            json.member("limit", limit)
            json.member("offset", offset)
        }
        return writer.bytes
    }
}

extension BackupListBody {
    /// The response body from the JSON text of its backups (each as ``BackupBody/write(to:)`` writes it): the
    /// same bytes as ``jsonBytes()`` for the same backups, written into one buffer of the exact size.
    static func assemble(_ backups: [[UInt8]], count: Int, offset: Int, limit: Int) -> ByteBuffer {
        let head: StaticString = #"{"backups":["#
        let tail = #"],"count":\#(count),"limit":\#(limit),"offset":\#(offset)}"#
        let size = head.utf8CodeUnitCount + backups.reduce(max(0, backups.count - 1)) { $0 + $1.count } + tail.utf8.count
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        buffer.writeStaticString(head)
        for (index, backup) in backups.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(backup)
        }
        buffer.writeString(tail)
        return buffer
    }
}

extension BackupEnvelope {
    /// The response body as JSON text (UTF-8).
    func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        writer.object { json in
            json.key("backup")
            backup.write(to: &json)
        }
        return writer.bytes
    }
}
