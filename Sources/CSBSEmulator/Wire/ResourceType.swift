/// CBR resource types and vault enumerations (API reference §3.1, §3.6).
enum ResourceType {
    static let server = "OS::Nova::Server"
    static let volume = "OS::Cinder::Volume"
    static let bareMetal = "OS::Ironic::BareMetalServer"
    static let native = "OS::Native::Server"
    static let turbo = "OS::Sfs::Turbo"
    static let desktop = "OS::Workspace::DesktopV2"

    /// Every type a request may name.
    static let all: Set<String> = [server, volume, bareMetal, native, turbo, desktop]

    /// Allowed `billing.object_type` values.
    static let objectTypes: Set<String> = ["server", "disk", "turbo", "workspace", "vmware", "rds", "file"]
    /// Allowed `billing.protect_type` values on create.
    static let protectTypes: Set<String> = ["backup", "replication"]
    /// Allowed `billing.consistent_level` values.
    static let consistentLevels: Set<String> = ["crash_consistent", "app_consistent"]
    /// Allowed `billing.cloud_type` values.
    static let cloudTypes: Set<String> = ["public", "hybrid"]
    /// Allowed `billing.charging_mode` values.
    static let chargingModes: Set<String> = ["post_paid", "pre_paid"]

    /// Whether a vault of `objectType` accepts resources of `type` (§9; `rds` accepts none here).
    static func vault(_ objectType: String, accepts type: String) -> Bool {
        switch objectType {
        case "server": type == server || type == bareMetal
        case "disk": type == volume
        case "turbo": type == turbo
        case "workspace": type == desktop
        case "vmware", "file": type == native
        default: false
        }
    }

    /// The `provider_id` of a vault of `objectType` (§3.6).
    static func providerID(objectType: String) -> String {
        switch objectType {
        case "disk": "d1603440-187d-4516-af25-121250c7cc97"
        case "turbo": "3f3c3220-245c-4805-b811-758870015881"
        case "vmware", "file": "a13639de-00be-4e94-af30-26912d75e4a2"
        case "workspace": "86a80900-71bf-4961-956a-d52df944f84a"
        default: "0daac4c5-6707-4851-97ba-169e36266b66"
        }
    }

    /// The derived `billing.spec_code` (§3.1, inferred mapping).
    static func specCode(objectType: String, protectType: String, cloudType: String) -> String {
        if protectType == "replication" { return "vault.replication.server.normal" }
        if cloudType == "hybrid" { return "vault.hybrid.server.normal" }
        switch objectType {
        case "disk": return "vault.backup.volume.normal"
        case "turbo": return "vault.backup.turbo.normal"
        case "rds": return "vault.backup.database.normal"
        default: return "vault.backup.server.normal"
        }
    }
}
