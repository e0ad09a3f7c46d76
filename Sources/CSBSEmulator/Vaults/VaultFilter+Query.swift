import Foundation
import Hummingbird

extension VaultFilter {
    /// Reads `name`, `object_type`, `protect_type`, `cloud_type`, `status`, `policy_id`, `resource_ids`
    /// (comma-separated), repeated `id`, `limit` (1...1000, default 1000) and `offset` (≥ 0).
    /// - Throws: `BackupService.9900` for a malformed or out-of-range `limit`/`offset`.
    init(query: Parameters) throws {
        self.init()
        name = query.get("name")
        objectType = query.get("object_type")
        protectType = query.get("protect_type")
        cloudType = query.get("cloud_type")
        status = query.get("status")
        policyID = query.get("policy_id")
        resourceIDs = query.get("resource_ids").map { text in
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? []
        ids = query.getAll("id")
        if let text = query.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw EmulatorError.invalidParameter("limit must be an integer from 1 to 1000.")
            }
            limit = value
        }
        if let text = query.get("offset") {
            guard let value = Int(text), value >= 0 else {
                throw EmulatorError.invalidParameter("offset must be a non-negative integer.")
            }
            offset = value
        }
    }
}
