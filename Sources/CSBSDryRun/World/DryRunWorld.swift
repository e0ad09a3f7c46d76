import CSBSClient
import FoundationEssentials

/// What a dry run knows: the objects the script created (under placeholder ids such as `<vault-1>`) and the
/// ones it referred to that are assumed to exist (`<vault:prod>`), and the answers it synthesises from them.
///
/// Every status is final (`available`, `success`), so waits end at the first poll; lists hold only what the
/// script created; an object the script never mentioned is assumed to exist when a statement names it.
struct DryRunWorld: Sendable {
    /// A resource in a vault or a backup.
    struct Resource: Sendable, Hashable {
        var id: String
        var type: String
        var name: String?
    }

    struct VaultState: Sendable {
        var id: String
        var name: String
        var size: Int?
        var objectType: String
        var resources: [Resource]
        /// Created by the script (listed), rather than assumed to exist.
        var created: Bool
        var deleted = false
        /// Tags as key and value, in the order they were given.
        var tags: [Tag] = []
    }

    struct CheckpointState: Sendable {
        var id: String
        var vaultID: String
        var vaultName: String
        var name: String
        var description: String?
        var resources: [Resource]
        var createdAt: String
    }

    struct BackupState: Sendable {
        var id: String
        var checkpointID: String
        var vaultID: String?
        var name: String
        var description: String?
        var resource: Resource
        var createdAt: String
        var created: Bool
        var deleted = false
    }

    struct PolicyState: Sendable {
        var id: String
        /// The policy as the request described it (its `id`, `name` and bound vaults are taken from this state).
        var definition: Policy
        var name: String
        var operationType: String
        var vaultIDs: [String] = []
        var created: Bool
        var deleted = false
    }

    struct CSBSItemState: Sendable {
        var id: String
        var checkpointID: String
        var serverID: String
        var name: String
        var description: String?
        var createdAt: String
        var deleted = false
    }

    var vaults: [VaultState] = []
    var checkpoints: [CheckpointState] = []
    var backups: [BackupState] = []
    var policies: [PolicyState] = []
    var csbsItems: [CSBSItemState] = []
    private var counters: [String: Int] = [:]

    /// The next placeholder id of a kind: `<vault-1>`, `<vault-2>`, …
    mutating func nextID(_ kind: String) -> String {
        let number = (counters[kind] ?? 0) + 1
        counters[kind] = number
        return "<\(kind)-\(number)>"
    }

    /// A placeholder id derived from what the script named: `<vault:prod>`.
    static func derivedID(_ kind: String, _ source: String) -> String {
        "<\(kind):\(source)>"
    }

    /// One request as the world sees it: the client's description of the call (operation, path parameters,
    /// query, the caller's ``LookupIntent``) and the request body, read with the client's own body types.
    struct Call {
        var metadata: CallMetadata
        /// The request body as sent.
        var data: Data?

        var operation: APIOperation { metadata.operation }

        func query(_ name: String) -> String? {
            metadata.query(name)
        }

        /// The body read as the client's request type; `nil` when there is none or it does not match.
        func decode<Body: Decodable>(_ type: Body.Type) -> Body? {
            data.flatMap { try? JSONDecoder().decode(type, from: $0) }
        }

        func queryAll(_ name: String) -> [String] {
            metadata.query.filter { $0.0 == name }.map(\.1)
        }

        func queryInt(_ name: String) -> Int? {
            query(name).flatMap { Int($0) }
        }

        /// The path parameter at `index`, or an empty string.
        func id(_ index: Int) -> String {
            metadata.parameter(index)
        }

        /// Whether the caller creates what it does not find (a converging statement).
        var converging: Bool { metadata.intent == .createsIfMissing }

        /// The name the caller looks for in a list that is not filtered by name.
        var expectedName: String? {
            if case .expectsName(let name) = metadata.intent { return name }
            return nil
        }
    }

    /// Answers one call. `now` is the wire time of the request. The switch names every operation of the client, so
    /// an operation added there does not compile until the dry run can answer it.
    mutating func respond(to call: Call, now: String) -> HTTPResponse {
        switch call.operation {
        case .listVaults: listVaults(call, converging: call.converging)
        case .createVault: createVault(call, now: now)
        case .showVault: showVault(call.id(0))
        case .updateVault: updateVault(call)
        case .deleteVault: deleteVault(call.id(0))
        case .showVaultSummary: vaultSummary()
        case .addResources: addResources(call)
        case .removeResources: removeResources(call)
        case .associatePolicy: bindPolicy(call, bind: true)
        case .dissociatePolicy: bindPolicy(call, bind: false)
        case .createCheckpoint: createCheckpoint(call, now: now)
        case .showCheckpoint: showCheckpoint(call.id(0), now: now)
        case .listBackups: listBackups(call)
        case .showBackup: showBackup(call.id(0), now: now)
        case .updateBackup: renameBackup(call, now: now)
        case .deleteBackup: deleteBackup(call.id(0), now: now)
        case .restoreBackup: HTTPResponse(status: 202)
        case .listPolicies: listPolicies(call, expectedName: call.expectedName)
        case .createPolicy: createPolicy(call)
        case .showPolicy: showPolicy(call.id(0))
        case .updatePolicy: updatePolicy(call)
        case .deletePolicy: deletePolicy(call.id(0))
        case .listProtectables: Self.answer(ProtectableList(instances: []))
        case .showProtectable: showProtectable(type: call.id(0), id: call.id(1))
        case .listOperationLogs: Self.answer(OperationLogPage(operationLogs: [], count: 0))
        case .showOperationLog: Self.answer(OperationLogEnvelope(operationLog: OperationLog(id: call.id(0), status: "success")))
        case .showProjectVaultTags: Self.answer(ProjectTagList(tags: []))
        case .showVaultTags: Self.answer(TagList(tags: []))
        case .createVaultTag: tagVault(call)
        case .deleteVaultTag, .batchVaultTags: HTTPResponse(status: 204)
        case .protectServer: protectServer(call, now: now)
        case .checkRestorable: checkCSBS(call)
        case .listCheckpointItems: listCSBSItems(call)
        case .countCheckpointItems: Self.answer(CSBSv1CountEnvelope(count: matchingCSBSItems(call).count))
        case .showCheckpointItem: showCSBSItem(call.id(0), now: now)
        case .restoreCheckpointItem: restoreCSBSItem(call)
        case .deleteCSBSBackup: deleteCSBSBackup(call)
        case .createToken, .listProjects:
            // A dry-run client holds a placeholder token scoped to `{project_id}`: it never asks IAM.
            Self.error(400, code: "DryRun.0001", message: "a dry run does not call IAM (\(call.operation.name))")
        }
    }

    /// A JSON answer encoded from the client's response model, so the client decodes exactly the value given.
    static func answer<Value: Encodable>(_ value: Value, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: data)
    }

    /// The answer to a request whose body is not the client's request type (the client always sends one).
    static func undecodable(_ call: Call) -> HTTPResponse {
        error(400, code: "DryRun.0003", message: "a dry run cannot read the body of \(call.operation.name)")
    }

    /// The service's error body (`error_code`, `error_msg`); the client reads it without a model of its own.
    private struct ErrorBody: Encodable {
        var errorCode: String
        var errorMsg: String

        enum CodingKeys: String, CodingKey {
            case errorCode = "error_code"
            case errorMsg = "error_msg"
        }
    }

    /// An error answer in the service's error body.
    static func error(_ status: Int, code: String, message: String) -> HTTPResponse {
        answer(ErrorBody(errorCode: code, errorMsg: message), status: status)
    }

    /// Pages a list by the call's `offset` and `limit`.
    static func page<T>(_ items: [T], _ call: Call) -> [T] {
        let offset = max(call.queryInt("offset") ?? 0, 0)
        let limit = max(call.queryInt("limit") ?? 1000, 0)
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }
}
