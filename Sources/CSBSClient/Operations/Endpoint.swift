/// An ``APIOperation`` with the type of its request body and of its answer. The client's `send` takes one, so a call
/// cannot send another body or read another answer than its operation's; only the catalogue below makes them.
///
/// `.createVault` at a `send` call names ``Endpoint/createVault``: the same name as the operation.
struct Endpoint<Body: Encodable & Sendable, Response: Sendable>: Sendable {
    /// The operation: method, path, retry kind, name.
    let operation: APIOperation

    fileprivate init(_ operation: APIOperation) {
        self.operation = operation
    }
}

/// The body of a call that sends none.
public struct NoBody: Codable, Sendable, Hashable {
    public init() {}
}

/// The answer of a call whose success carries no body (204, 202).
public struct NoContent: Sendable, Hashable {}

// The catalogue: one endpoint per operation the client sends through `send` (IAM's token and project calls are
// made by the authenticator and the project resolver). A test checks that every such operation has one.

extension Endpoint where Body == NoBody, Response == VaultPage {
    static var listVaults: Self { Self(.listVaults) }
}

extension Endpoint where Body == CreateVaultBody, Response == VaultEnvelope {
    static var createVault: Self { Self(.createVault) }
}

extension Endpoint where Body == NoBody, Response == VaultEnvelope {
    static var showVault: Self { Self(.showVault) }
}

extension Endpoint where Body == UpdateVaultBody, Response == VaultEnvelope {
    static var updateVault: Self { Self(.updateVault) }
}

extension Endpoint where Body == NoBody, Response == NoContent {
    static var deleteVault: Self { Self(.deleteVault) }
}

extension Endpoint where Body == NoBody, Response == VaultSummary {
    static var showVaultSummary: Self { Self(.showVaultSummary) }
}

extension Endpoint where Body == AddResourcesBody, Response == AddResourcesResponse {
    static var addResources: Self { Self(.addResources) }
}

extension Endpoint where Body == RemoveResourcesBody, Response == RemoveResourcesResponse {
    static var removeResources: Self { Self(.removeResources) }
}

extension Endpoint where Body == PolicyBindingBody, Response == AssociatePolicyResponse {
    static var associatePolicy: Self { Self(.associatePolicy) }
}

extension Endpoint where Body == PolicyBindingBody, Response == DissociatePolicyResponse {
    static var dissociatePolicy: Self { Self(.dissociatePolicy) }
}

extension Endpoint where Body == TagBody, Response == NoContent {
    static var createVaultTag: Self { Self(.createVaultTag) }
}

extension Endpoint where Body == NoBody, Response == TagList {
    static var showVaultTags: Self { Self(.showVaultTags) }
}

extension Endpoint where Body == NoBody, Response == NoContent {
    static var deleteVaultTag: Self { Self(.deleteVaultTag) }
}

extension Endpoint where Body == TagActionBody, Response == NoContent {
    static var batchVaultTags: Self { Self(.batchVaultTags) }
}

extension Endpoint where Body == NoBody, Response == ProjectTagList {
    static var showProjectVaultTags: Self { Self(.showProjectVaultTags) }
}

extension Endpoint where Body == CreateCheckpointBody, Response == CheckpointEnvelope {
    static var createCheckpoint: Self { Self(.createCheckpoint) }
}

extension Endpoint where Body == NoBody, Response == CheckpointEnvelope {
    static var showCheckpoint: Self { Self(.showCheckpoint) }
}

extension Endpoint where Body == NoBody, Response == BackupPage {
    static var listBackups: Self { Self(.listBackups) }
}

extension Endpoint where Body == NoBody, Response == BackupEnvelope {
    static var showBackup: Self { Self(.showBackup) }
}

extension Endpoint where Body == UpdateBackupBody, Response == BackupEnvelope {
    static var updateBackup: Self { Self(.updateBackup) }
}

extension Endpoint where Body == NoBody, Response == NoContent {
    static var deleteBackup: Self { Self(.deleteBackup) }
}

extension Endpoint where Body == RestoreBody, Response == NoContent {
    static var restoreBackup: Self { Self(.restoreBackup) }
}

extension Endpoint where Body == NoBody, Response == PolicyList {
    static var listPolicies: Self { Self(.listPolicies) }
}

extension Endpoint where Body == PolicyBody, Response == PolicyEnvelope {
    static var createPolicy: Self { Self(.createPolicy) }
}

extension Endpoint where Body == NoBody, Response == PolicyEnvelope {
    static var showPolicy: Self { Self(.showPolicy) }
}

extension Endpoint where Body == PolicyUpdateBody, Response == PolicyEnvelope {
    static var updatePolicy: Self { Self(.updatePolicy) }
}

extension Endpoint where Body == NoBody, Response == NoContent {
    static var deletePolicy: Self { Self(.deletePolicy) }
}

extension Endpoint where Body == NoBody, Response == ProtectableList {
    static var listProtectables: Self { Self(.listProtectables) }
}

extension Endpoint where Body == NoBody, Response == ProtectableEnvelope {
    static var showProtectable: Self { Self(.showProtectable) }
}

extension Endpoint where Body == NoBody, Response == OperationLogPage {
    static var listOperationLogs: Self { Self(.listOperationLogs) }
}

extension Endpoint where Body == NoBody, Response == OperationLogEnvelope {
    static var showOperationLog: Self { Self(.showOperationLog) }
}

extension Endpoint where Body == CSBSv1ProtectBody, Response == CSBSv1ProtectEnvelope {
    static var protectServer: Self { Self(.protectServer) }
}

extension Endpoint where Body == CSBSv1RestorableRequest, Response == CSBSv1RestorableEnvelope {
    static var checkRestorable: Self { Self(.checkRestorable) }
}

extension Endpoint where Body == NoBody, Response == CSBSv1ItemListEnvelope {
    static var listCheckpointItems: Self { Self(.listCheckpointItems) }
}

extension Endpoint where Body == NoBody, Response == CSBSv1CountEnvelope {
    static var countCheckpointItems: Self { Self(.countCheckpointItems) }
}

extension Endpoint where Body == NoBody, Response == CSBSv1ItemEnvelope {
    static var showCheckpointItem: Self { Self(.showCheckpointItem) }
}

extension Endpoint where Body == CSBSv1RestoreBody, Response == CSBSv1RestoreEnvelope {
    static var restoreCheckpointItem: Self { Self(.restoreCheckpointItem) }
}

extension Endpoint where Body == NoBody, Response == NoContent {
    static var deleteCSBSBackup: Self { Self(.deleteCSBSBackup) }
}
