import Foundation

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
        /// The policy object as the request described it (JSON), without `id`.
        var definition: Data
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

    /// One request as the world sees it: the service version (`v3` CBR, `v1` CSBS), the path segments after
    /// the project id (decoded), the query and the decoded JSON body.
    struct Call {
        var method: String
        var service: String
        var segments: [String]
        var query: [(String, String)]
        var body: [String: Any]
        /// `vaults/*/addresources`: literal segments kept, ids as `*`.
        var pattern: String
        /// The id segments, in order.
        var ids: [String]

        func query(_ name: String) -> String? {
            query.first { $0.0 == name }?.1
        }

        func queryAll(_ name: String) -> [String] {
            query.filter { $0.0 == name }.map(\.1)
        }

        func queryInt(_ name: String) -> Int? {
            query(name).flatMap { Int($0) }
        }

        /// The id at `index`, or an empty string.
        func id(_ index: Int) -> String {
            index < ids.count ? ids[index] : ""
        }
    }

    /// The path words that are not ids.
    static let literalSegments: Set<String> = [
        "vaults", "addresources", "removeresources", "associatepolicy", "dissociatepolicy", "checkpoints", "backups",
        "restore", "policies", "protectables", "instances", "operation-logs", "vault", "tags", "action",
        "checkpoint_items", "count", "providers", "resources", "restores",
    ]

    /// Answers one call. `now` is the wire time of the request; the hints come from the interpreter.
    mutating func respond(to call: Call, now: String, converging: Bool, expectedName: String?) -> HTTPResponse {
        switch call.service + " " + call.method + " " + call.pattern {
        case "v3 GET vaults": listVaults(call, converging: converging)
        case "v3 POST vaults": createVault(call, now: now)
        case "v3 GET vaults/*": showVault(call.id(0))
        case "v3 PUT vaults/*": updateVault(call)
        case "v3 DELETE vaults/*": deleteVault(call.id(0))
        case "v3 POST vaults/*/addresources": addResources(call)
        case "v3 POST vaults/*/removeresources": removeResources(call)
        case "v3 POST vaults/*/associatepolicy": bindPolicy(call, bind: true)
        case "v3 POST vaults/*/dissociatepolicy": bindPolicy(call, bind: false)
        case "v3 POST checkpoints": createCheckpoint(call, now: now)
        case "v3 GET checkpoints/*": showCheckpoint(call.id(0), now: now)
        case "v3 GET backups": listBackups(call)
        case "v3 GET backups/*": showBackup(call.id(0), now: now)
        case "v3 PUT backups/*": renameBackup(call, now: now)
        case "v3 DELETE backups/*": deleteBackup(call.id(0), now: now)
        case "v3 POST backups/*/restore": HTTPResponse(status: 202)
        case "v3 GET policies": listPolicies(call, expectedName: expectedName)
        case "v3 POST policies": createPolicy(call)
        case "v3 GET policies/*": showPolicy(call.id(0))
        case "v3 PUT policies/*": updatePolicy(call)
        case "v3 DELETE policies/*": deletePolicy(call.id(0))
        case "v3 GET protectables/*/instances": Self.json(["instances": [Any]()])
        case "v3 GET protectables/*/instances/*": showProtectable(type: call.id(0), id: call.id(1))
        case "v3 GET operation-logs": Self.json(["operation_logs": [Any](), "count": 0])
        case "v3 GET operation-logs/*":
            Self.json(["operation_log": ["id": call.id(0), "status": "success", "progress": 100]])
        case "v3 GET vault/tags", "v3 GET vault/*/tags": Self.json(["tags": [Any]()])
        case "v3 POST vault/*/tags": tagVault(call)
        case "v3 DELETE vault/*/tags/*", "v3 POST vault/*/tags/action": HTTPResponse(status: 204)
        case "v1 POST providers/*/resources/*/action": protectServer(call, now: now)
        case "v1 POST providers/*/resources/action": checkCSBS(call)
        case "v1 GET checkpoint_items": listCSBSItems(call)
        case "v1 GET checkpoint_items/count": Self.json(["count": matchingCSBSItems(call).count])
        case "v1 GET checkpoint_items/*": showCSBSItem(call.id(0), now: now)
        case "v1 POST restores": restoreCSBSItem(call)
        case "v1 DELETE providers/*/checkpoints/*": deleteCSBSBackup(call)
        default:
            Self.error(
                400, code: "DryRun.0001",
                message: "a dry run cannot tell what \(call.method) /\(call.service)/{project_id}/"
                    + "\(call.segments.joined(separator: "/")) would answer"
            )
        }
    }

    /// A JSON answer.
    static func json(_ object: Any, status: Int = 200) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: data)
    }

    /// An error answer in the service's error body.
    static func error(_ status: Int, code: String, message: String) -> HTTPResponse {
        json(["error_code": code, "error_msg": message], status: status)
    }

    /// Pages a list by the call's `offset` and `limit`.
    static func page<T>(_ items: [T], _ call: Call) -> [T] {
        let offset = max(call.queryInt("offset") ?? 0, 0)
        let limit = max(call.queryInt("limit") ?? 1000, 0)
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }
}
