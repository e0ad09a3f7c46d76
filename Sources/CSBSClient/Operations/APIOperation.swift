/// The services the client talks to, with where their paths start.
public enum APIService: String, Sendable, Hashable, CaseIterable {
    /// Cloud Backup and Recovery: `{cbr}/v3/{project_id}…`.
    case cbr
    /// The legacy Cloud Server Backup Service: `{csbs}/v1/{project_id}…`.
    case csbsV1
    /// Identity and Access Management: `{iam}/v3/…` (no project segment).
    case iam

    /// The base URL of the service among `endpoints`.
    func base(_ endpoints: ServiceEndpoints) -> String {
        switch self {
        case .cbr: endpoints.cbr
        case .csbsV1: endpoints.csbs
        case .iam: endpoints.iam
        }
    }

    /// The version segment before the project id, with its slashes (`/v3/`); IAM paths carry their own.
    var projectPrefix: String {
        switch self {
        case .cbr: "/v3/"
        case .csbsV1: "/v1/"
        case .iam: "/"
        }
    }
}

/// How a call may be repeated when an attempt fails; ``CallSafety`` adds the reconcile look-up of a creating call.
public enum RetryKind: String, Sendable, Hashable {
    /// Re-sending cannot change the outcome (GET, PUT, or a POST that only reads).
    case idempotent
    /// A deletion: re-sent like a read; a 404 on a re-sent attempt means an earlier attempt deleted it.
    case deleting
    /// Changes state: never re-sent blindly; a lost answer is reconciled by looking for the call's effect.
    case creating
}

/// Every API operation the client sends: the one identity that requests, traces, the dry run and the tests share.
///
/// Adding an endpoint starts here: a case, its ``service``, ``method``, ``pathTemplate``, ``retryKind`` and
/// ``name`` — every switch names every case (no `default`), so the compiler asks for each fact. The dry run
/// switches over these cases exhaustively too, so it asks for the dry run's answer as well.
public enum APIOperation: String, Sendable, Hashable, CaseIterable {
    // CBR v3: vaults and their resources, policies and tags.
    case listVaults, createVault, showVault, updateVault, deleteVault, showVaultSummary
    case addResources, removeResources, associatePolicy, dissociatePolicy
    case createVaultTag, showVaultTags, deleteVaultTag, batchVaultTags, showProjectVaultTags
    // CBR v3: restore points, backups, restores.
    case createCheckpoint, showCheckpoint
    case listBackups, showBackup, updateBackup, deleteBackup, restoreBackup
    // CBR v3: policies, protectable resources, operation logs.
    case listPolicies, createPolicy, showPolicy, updatePolicy, deletePolicy
    case listProtectables, showProtectable
    case listOperationLogs, showOperationLog
    // CSBS v1.
    case protectServer, checkRestorable, listCheckpointItems, countCheckpointItems, showCheckpointItem
    case restoreCheckpointItem, deleteCSBSBackup
    // IAM.
    case createToken, listProjects

    public var service: APIService {
        switch self {
        case .protectServer, .checkRestorable, .listCheckpointItems, .countCheckpointItems, .showCheckpointItem,
            .restoreCheckpointItem, .deleteCSBSBackup:
            .csbsV1
        case .createToken, .listProjects: .iam
        case .listVaults, .createVault, .showVault, .updateVault, .deleteVault, .showVaultSummary, .addResources,
            .removeResources, .associatePolicy, .dissociatePolicy, .createVaultTag, .showVaultTags, .deleteVaultTag,
            .batchVaultTags, .showProjectVaultTags, .createCheckpoint, .showCheckpoint, .listBackups, .showBackup,
            .updateBackup, .deleteBackup, .restoreBackup, .listPolicies, .createPolicy, .showPolicy, .updatePolicy,
            .deletePolicy, .listProtectables, .showProtectable, .listOperationLogs, .showOperationLog:
            .cbr
        }
    }

    /// The HTTP method.
    public var method: String {
        switch self {
        case .createVault, .addResources, .removeResources, .associatePolicy, .dissociatePolicy, .createVaultTag,
            .batchVaultTags, .createCheckpoint, .restoreBackup, .createPolicy, .protectServer, .checkRestorable,
            .restoreCheckpointItem, .createToken:
            "POST"
        case .updateVault, .updateBackup, .updatePolicy: "PUT"
        case .deleteVault, .deleteVaultTag, .deleteBackup, .deletePolicy, .deleteCSBSBackup: "DELETE"
        case .listVaults, .showVault, .showVaultSummary, .showVaultTags, .showProjectVaultTags, .showCheckpoint,
            .listBackups, .showBackup, .listPolicies, .showPolicy, .listProtectables, .showProtectable,
            .listOperationLogs, .showOperationLog, .listCheckpointItems, .countCheckpointItems, .showCheckpointItem,
            .listProjects:
            "GET"
        }
    }

    /// The path after the service's project prefix (`/v3/{project_id}`), placeholders in braces, as the API
    /// reference writes it. IAM paths are complete.
    public var pathTemplate: String {
        switch self {
        case .listVaults, .createVault: "/vaults"
        case .showVault, .updateVault, .deleteVault: "/vaults/{vault_id}"
        case .showVaultSummary: "/vaults/summary"
        case .addResources: "/vaults/{vault_id}/addresources"
        case .removeResources: "/vaults/{vault_id}/removeresources"
        case .associatePolicy: "/vaults/{vault_id}/associatepolicy"
        case .dissociatePolicy: "/vaults/{vault_id}/dissociatepolicy"
        case .createVaultTag, .showVaultTags: "/vault/{vault_id}/tags"
        case .deleteVaultTag: "/vault/{vault_id}/tags/{key}"
        case .batchVaultTags: "/vault/{vault_id}/tags/action"
        case .showProjectVaultTags: "/vault/tags"
        case .createCheckpoint: "/checkpoints"
        case .showCheckpoint: "/checkpoints/{checkpoint_id}"
        case .listBackups: "/backups"
        case .showBackup, .updateBackup, .deleteBackup: "/backups/{backup_id}"
        case .restoreBackup: "/backups/{backup_id}/restore"
        case .listPolicies, .createPolicy: "/policies"
        case .showPolicy, .updatePolicy, .deletePolicy: "/policies/{policy_id}"
        case .listProtectables: "/protectables/{protectable_type}/instances"
        case .showProtectable: "/protectables/{protectable_type}/instances/{instance_id}"
        case .listOperationLogs: "/operation-logs"
        case .showOperationLog: "/operation-logs/{operation_log_id}"
        case .protectServer: "/providers/{provider_id}/resources/{resource_id}/action"
        case .checkRestorable: "/providers/{provider_id}/resources/action"
        case .listCheckpointItems: "/checkpoint_items"
        case .countCheckpointItems: "/checkpoint_items/count"
        case .showCheckpointItem: "/checkpoint_items/{checkpoint_item_id}"
        case .restoreCheckpointItem: "/restores"
        case .deleteCSBSBackup: "/providers/{provider_id}/checkpoints/{checkpoint_id}"
        case .createToken: "/v3/auth/tokens"
        case .listProjects: "/v3/projects"
        }
    }

    /// Whether and how a failed attempt may be sent again.
    public var retryKind: RetryKind {
        switch self {
        case .createVault, .deleteVault, .addResources, .removeResources, .associatePolicy, .dissociatePolicy,
            .createCheckpoint, .deleteBackup, .restoreBackup, .createPolicy, .protectServer, .restoreCheckpointItem:
            .creating
        case .deletePolicy, .deleteVaultTag, .deleteCSBSBackup: .deleting
        // Reads, PUTs that set a whole state, tag writes that converge, a check that changes nothing, a token.
        case .listVaults, .showVault, .updateVault, .showVaultSummary, .createVaultTag, .showVaultTags,
            .batchVaultTags, .showProjectVaultTags, .showCheckpoint, .listBackups, .showBackup, .updateBackup,
            .listPolicies, .showPolicy, .updatePolicy, .listProtectables, .showProtectable, .listOperationLogs,
            .showOperationLog, .checkRestorable, .listCheckpointItems, .countCheckpointItems, .showCheckpointItem,
            .createToken, .listProjects:
            .idempotent
        }
    }

    /// The operation in words, for traces and errors: `create vault`.
    public var name: String {
        switch self {
        case .listVaults: "list vaults"
        case .createVault: "create vault"
        case .showVault: "show vault"
        case .updateVault: "update vault"
        case .deleteVault: "delete vault"
        case .showVaultSummary: "show vault summary"
        case .addResources: "add resources"
        case .removeResources: "remove resources"
        case .associatePolicy: "associate policy"
        case .dissociatePolicy: "dissociate policy"
        case .createVaultTag: "create vault tag"
        case .showVaultTags: "show vault tags"
        case .deleteVaultTag: "delete vault tag"
        case .batchVaultTags: "batch vault tags"
        case .showProjectVaultTags: "show project vault tags"
        case .createCheckpoint: "create checkpoint"
        case .showCheckpoint: "show checkpoint"
        case .listBackups: "list backups"
        case .showBackup: "show backup"
        case .updateBackup: "update backup"
        case .deleteBackup: "delete backup"
        case .restoreBackup: "restore backup"
        case .listPolicies: "list policies"
        case .createPolicy: "create policy"
        case .showPolicy: "show policy"
        case .updatePolicy: "update policy"
        case .deletePolicy: "delete policy"
        case .listProtectables: "list protectables"
        case .showProtectable: "show protectable"
        case .listOperationLogs: "list operation logs"
        case .showOperationLog: "show operation log"
        case .protectServer: "protect server"
        case .checkRestorable: "check CSBS restorability"
        case .listCheckpointItems: "list CSBS backups"
        case .countCheckpointItems: "count CSBS backups"
        case .showCheckpointItem: "show CSBS backup"
        case .restoreCheckpointItem: "restore CSBS backup"
        case .deleteCSBSBackup: "delete CSBS backup"
        case .createToken: "obtain IAM token"
        case .listProjects: "look up project id"
        }
    }

    /// The placeholders of ``pathTemplate``, in order: `["vault_id"]`.
    public var pathParameterNames: [String] {
        var names: [String] = []
        var current: String?
        for character in pathTemplate {
            switch character {
            case "{": current = ""
            case "}":
                if let name = current { names.append(name) }
                current = nil
            default: current?.append(character)
            }
        }
        return names
    }

    /// The path with each placeholder replaced by the next of `parameters`, percent-encoded as one segment.
    /// - Precondition: as many parameters as placeholders (a programming error otherwise).
    func path(_ parameters: [String]) -> String {
        precondition(parameters.count == pathParameterNames.count, "\(name): wrong number of path parameters")
        var path = ""
        var remaining = parameters[...]
        var inPlaceholder = false
        for character in pathTemplate {
            switch character {
            case "{":
                inPlaceholder = true
                path += SigningEncoding.percentEncode(remaining.removeFirst())
            case "}": inPlaceholder = false
            default: if !inPlaceholder { path.append(character) }
            }
        }
        return path
    }
}

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

/// The same call read as summaries (``BackupSummary``: what waits and set reports need, a third of the decoding).
extension Endpoint where Body == NoBody, Response == BackupSummaryPage {
    static var listBackupSummaries: Self { Self(.listBackups) }
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
