import HTTPTypes

/// Names a request after the official SDK operation it is (API reference §2.0), from its method and path.
enum OperationName {
    /// Every name the emulator can give (the fault rules' `operation` values besides `*`).
    static let all: Set<String> = CSBSOperationName.all.union([
        "create_vault", "list_vault", "show_vault", "update_vault", "delete_vault", "add_vault_resource",
        "remove_vault_resource", "associate_vault_policy", "disassociate_vault_policy", "create_checkpoint",
        "show_checkpoint", "list_backups", "show_backup", "update_backup", "delete_backup", "restore_backup",
        "create_policy", "list_policies", "show_policy", "update_policy", "delete_policy", "list_protectable",
        "show_protectable", "list_op_logs", "show_op_log", "create_vault_tags", "show_vault_tag", "delete_vault_tag",
        "batch_create_and_delete_vault_tags", "show_vault_project_tag", "keystone_create_user_token",
        "keystone_list_projects",
    ])

    /// The operation of `method path`, or `nil` for the control API and paths the SDK never calls.
    static func of(method: HTTPRequest.Method, path: String) -> String? {
        let segments = path.split(separator: "?", maxSplits: 1).first.map {
            $0.split(separator: "/").map(String.init)
        } ?? []
        if segments.first == "v1" { return CSBSOperationName.of(method: method, segments: segments) }
        guard segments.first == "v3", segments.count >= 2 else { return nil }
        switch (method, segments.count) {
        case (.post, 3) where segments[1...2] == ["auth", "tokens"]: return "keystone_create_user_token"
        case (.get, 2) where segments[1] == "projects": return "keystone_list_projects"
        default: break
        }
        return cbr(method, Array(segments.dropFirst(2)))
    }

    private static func cbr(_ method: HTTPRequest.Method, _ rest: [String]) -> String? {
        guard let collection = rest.first else { return nil }
        let tail = Array(rest.dropFirst())
        switch collection {
        case "vaults": return vaults(method, tail)
        case "checkpoints": return pick(method, tail, create: "create_checkpoint", show: "show_checkpoint")
        case "backups":
            if tail.count == 2, tail[1] == "restore", method == .post { return "restore_backup" }
            return pick(method, tail, list: "list_backups", show: "show_backup", update: "update_backup",
                        delete: "delete_backup")
        case "policies":
            return pick(method, tail, create: "create_policy", list: "list_policies", show: "show_policy",
                        update: "update_policy", delete: "delete_policy")
        case "protectables":
            guard method == .get, tail.count >= 2, tail[1] == "instances" else { return nil }
            return tail.count == 2 ? "list_protectable" : tail.count == 3 ? "show_protectable" : nil
        case "operation-logs": return pick(method, tail, list: "list_op_logs", show: "show_op_log")
        case "vault": return tags(method, tail)
        default: return nil
        }
    }

    private static func vaults(_ method: HTTPRequest.Method, _ tail: [String]) -> String? {
        if tail.count == 2, method == .post {
            switch tail[1] {
            case "addresources": return "add_vault_resource"
            case "removeresources": return "remove_vault_resource"
            case "associatepolicy": return "associate_vault_policy"
            case "dissociatepolicy": return "disassociate_vault_policy"
            default: return nil
            }
        }
        return pick(method, tail, create: "create_vault", list: "list_vault", show: "show_vault",
                    update: "update_vault", delete: "delete_vault")
    }

    private static func tags(_ method: HTTPRequest.Method, _ tail: [String]) -> String? {
        if tail == ["tags"], method == .get { return "show_vault_project_tag" }
        guard tail.count >= 2, tail[1] == "tags" else { return nil }
        switch (method, tail.count) {
        case (.post, 2): return "create_vault_tags"
        case (.get, 2): return "show_vault_tag"
        case (.post, 3) where tail[2] == "action": return "batch_create_and_delete_vault_tags"
        case (.delete, 3): return "delete_vault_tag"
        default: return nil
        }
    }

    /// A collection (`tail` empty) or one member (`tail` = [id]) by method.
    private static func pick(
        _ method: HTTPRequest.Method, _ tail: [String], create: String? = nil, list: String? = nil,
        show: String? = nil, update: String? = nil, delete: String? = nil
    ) -> String? {
        switch (method, tail.count) {
        case (.post, 0): create
        case (.get, 0): list
        case (.get, 1): show
        case (.put, 1): update
        case (.delete, 1): delete
        default: nil
        }
    }
}
