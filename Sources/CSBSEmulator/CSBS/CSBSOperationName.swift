import HTTPTypes

/// Names CSBS v1 requests for fault injection. CSBS has no official SDK, so the names follow the API
/// reference's operation titles with a `csbs_` prefix. `csbs_check_protectable` names both checks
/// (`check_protectable` and `check_restorable`): they share one route and only the body tells them apart.
enum CSBSOperationName {
    /// Every CSBS operation name.
    static let all: Set<String> = [
        "csbs_protect", "csbs_check_protectable", "csbs_list_backups", "csbs_count_backups", "csbs_show_backup",
        "csbs_restore", "csbs_delete_backup",
    ]

    /// The operation of a `/v1/…` request split into path segments (`segments[0] == "v1"`), or `nil`.
    static func of(method: HTTPRequest.Method, segments: [String]) -> String? {
        let rest = Array(segments.dropFirst(2))
        switch (method, rest.count) {
        case (.post, 5) where rest[0] == "providers" && rest[2] == "resources" && rest[4] == "action":
            return "csbs_protect"
        case (.post, 4) where rest[0] == "providers" && rest[2] == "resources" && rest[3] == "action":
            return "csbs_check_protectable"
        case (.delete, 4) where rest[0] == "providers" && rest[2] == "checkpoints": return "csbs_delete_backup"
        case (.get, 1) where rest[0] == "checkpoint_items": return "csbs_list_backups"
        case (.get, 2) where rest[0] == "checkpoint_items":
            return rest[1] == "count" ? "csbs_count_backups" : "csbs_show_backup"
        case (.post, 1) where rest[0] == "restores": return "csbs_restore"
        default: return nil
        }
    }
}
