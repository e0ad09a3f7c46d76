import GRDB

extension EmulatorStore {
    /// The ids of the vaults bound to a policy.
    static func vaultIDs(policyID: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT vaultId FROM vaultPolicy WHERE policyId = ?", arguments: [policyID])
    }
}
