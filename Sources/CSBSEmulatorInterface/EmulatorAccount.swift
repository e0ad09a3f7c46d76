/// An IAM identity the emulator knows: an account (domain), one of its users and one project.
///
/// The emulator seeds ``demo`` and ``other`` on first open. Both accounts can request tokens through
/// `POST /v3/auth/tokens`; each can only see its own project, which is how isolation is tested.
public struct EmulatorAccount: Sendable, Hashable {
    /// The account (IAM domain) name, sent as `auth.identity.password.user.domain.name`.
    public var domainName: String
    /// The IAM user name.
    public var userName: String
    /// The IAM user's password.
    public var password: String
    /// The region project name, e.g. `cn-north-4`.
    public var projectName: String
    /// The 32-hex-character project ID used in CBR paths (`/v3/{project_id}/...`).
    public var projectID: String
    /// The user's access key id (AK) for `SDK-HMAC-SHA256` signing; empty when the user has none.
    public var accessKeyID: String
    /// The secret access key (SK) that goes with ``accessKeyID``.
    public var secretAccessKey: String

    /// Creates an account description.
    public init(
        domainName: String, userName: String, password: String, projectName: String, projectID: String,
        accessKeyID: String = "", secretAccessKey: String = ""
    ) {
        self.domainName = domainName
        self.userName = userName
        self.password = password
        self.projectName = projectName
        self.projectID = projectID
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// The demo account: domain `csbs-demo`, user `demo`, project `cn-north-4`, AK `CSBSDEMOACCESSKEY001`.
    ///
    /// Its project holds server `e8cc6bfd-d324-4b88-9109-9fb0ba70676f` (the one in the CBR seed flow).
    public static let demo = EmulatorAccount(
        domainName: "csbs-demo",
        userName: "demo",
        password: "csbs-demo-Passw0rd",
        projectName: "cn-north-4",
        projectID: "0605767b5780d5762fc5c0118072a564",
        accessKeyID: "CSBSDEMOACCESSKEY001",
        secretAccessKey: "csbsDemoSecretKey0000000000000000000001"
    )

    /// A second, unrelated account (domain `csbs-other`, project `cn-south-1`) for isolation tests.
    public static let other = EmulatorAccount(
        domainName: "csbs-other",
        userName: "other",
        password: "csbs-other-Passw0rd",
        projectName: "cn-south-1",
        projectID: "7b2e4cd1a9f34c0e8d6b5a4f3e2d1c0b",
        accessKeyID: "CSBSOTHERACCESSKEY01",
        secretAccessKey: "csbsOtherSecretKey000000000000000000001"
    )
}
