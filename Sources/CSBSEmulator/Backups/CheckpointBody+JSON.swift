/// The checkpoint wire form written with ``JSONWriter`` instead of `JSONEncoder`: the same bytes, in the same
/// (sorted snake_case) key order as ``WireJSON/response(_:status:headers:)`` writes for the `Encodable` form
/// (`CheckpointBodyJSONTests` compares them). A checkpoint of a 10,000-server vault answers with 10,000 resources,
/// and the encoder's containers were about a twentieth of the emulator's CPU while seeding such checkpoints.
extension CheckpointEnvelope {
    /// The response body as JSON text (UTF-8).
    func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + 256 * checkpoint.vault.resources.count)
        writer.object { json in
            json.key("checkpoint")
            checkpoint.write(to: &json)
        }
        return writer.bytes
    }
}

extension CheckpointBody {
    /// Writes this checkpoint as a JSON object.
    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.member("created_at", createdAt)
            json.key("extra_info")
            json.object { json in
                json.member("description", extraInfo.description)
                json.member("name", extraInfo.name)
                json.member("retention_duration", extraInfo.retentionDuration)
            }
            json.member("id", id)
            json.member("project_id", projectId)
            json.member("status", status)
            json.key("vault")
            json.object { json in
                json.member("id", vault.id)
                json.member("name", vault.name)
                json.key("resources")
                json.array(vault.resources) { json, resource in
                    json.object { json in
                        json.member("backup_count", resource.backupCount)
                        json.member("backup_size", resource.backupSize)
                        json.member("extra_info", resource.extraInfo)
                        json.member("id", resource.id)
                        json.member("name", resource.name)
                        json.member("protect_status", resource.protectStatus)
                        json.member("resource_size", resource.resourceSize)
                        json.member("type", resource.type)
                    }
                }
                json.key("skipped_resources")
                json.array(vault.skippedResources) { json, skipped in
                    json.object { json in
                        json.member("code", skipped.code)
                        json.member("id", skipped.id)
                        json.member("name", skipped.name)
                        json.member("reason", skipped.reason)
                        json.member("type", skipped.type)
                    }
                }
            }
        }
    }
}
