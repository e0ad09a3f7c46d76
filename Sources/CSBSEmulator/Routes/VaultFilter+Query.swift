import Hummingbird

extension VaultFilter {
    /// Reads `name`, `object_type`, repeated `id`, `limit` (1...1000, default 1000) and `offset` (≥ 0).
    /// - Throws: `BackupService.9900` for a malformed or out-of-range `limit`/`offset`.
    init(query: Parameters) throws {
        self.init()
        name = query.get("name")
        objectType = query.get("object_type")
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
