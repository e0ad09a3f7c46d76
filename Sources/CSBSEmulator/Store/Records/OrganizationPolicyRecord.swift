import GRDB

/// An organization policy of an account (`create_organization_policy`). Table `organizationPolicy`. The policy it
/// describes is stored as given (`operationDefinition`, `pattern` as JSON text) and not deployed.
struct OrganizationPolicyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organizationPolicy"

    var id: String
    /// The account (IAM domain) that owns it.
    var domainId: String
    var name: String
    var description: String?
    /// `backup` or `replication`.
    var operationType: String
    var policyName: String
    var policyEnabled: Bool
    /// JSON text of `PolicyDefinition`.
    var operationDefinition: String
    /// JSON text of the trigger's RRULE strings.
    var pattern: String
    var startWindowMinutes: Int?
    var effectiveScope: String?
    var createdAt: Int64
    var updatedAt: Int64
}
