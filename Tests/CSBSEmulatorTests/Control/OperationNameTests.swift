@testable import CSBSEmulator
import HTTPTypes
import Testing

@Suite("SDK operation names")
struct OperationNameTests {
    static let cases: [(HTTPRequest.Method, String, String?)] = [
        (.post, "/v3/auth/tokens", "keystone_create_user_token"),
        (.get, "/v3/projects?name=cn-north-4", "keystone_list_projects"),
        (.post, "/v3/p/vaults", "create_vault"),
        (.get, "/v3/p/vaults", "list_vault"),
        (.get, "/v3/p/vaults/v", "show_vault"),
        (.put, "/v3/p/vaults/v", "update_vault"),
        (.delete, "/v3/p/vaults/v", "delete_vault"),
        (.post, "/v3/p/vaults/v/addresources", "add_vault_resource"),
        (.post, "/v3/p/vaults/v/removeresources", "remove_vault_resource"),
        (.post, "/v3/p/vaults/v/associatepolicy", "associate_vault_policy"),
        (.post, "/v3/p/vaults/v/dissociatepolicy", "disassociate_vault_policy"),
        (.post, "/v3/p/checkpoints", "create_checkpoint"),
        (.get, "/v3/p/checkpoints/c", "show_checkpoint"),
        (.get, "/v3/p/backups?limit=1", "list_backups"),
        (.get, "/v3/p/backups/b", "show_backup"),
        (.put, "/v3/p/backups/b", "update_backup"),
        (.delete, "/v3/p/backups/b", "delete_backup"),
        (.post, "/v3/p/backups/b/restore", "restore_backup"),
        (.post, "/v3/p/policies", "create_policy"),
        (.get, "/v3/p/policies", "list_policies"),
        (.get, "/v3/p/policies/x", "show_policy"),
        (.put, "/v3/p/policies/x", "update_policy"),
        (.delete, "/v3/p/policies/x", "delete_policy"),
        (.get, "/v3/p/protectables/server/instances", "list_protectable"),
        (.get, "/v3/p/protectables/server/instances/i", "show_protectable"),
        (.get, "/v3/p/operation-logs", "list_op_logs"),
        (.get, "/v3/p/operation-logs/o", "show_op_log"),
        (.post, "/v3/p/vault/v/tags", "create_vault_tags"),
        (.get, "/v3/p/vault/v/tags", "show_vault_tag"),
        (.delete, "/v3/p/vault/v/tags/k", "delete_vault_tag"),
        (.post, "/v3/p/vault/v/tags/action", "batch_create_and_delete_vault_tags"),
        (.get, "/v3/p/vault/tags", "show_vault_project_tag"),
        (.get, "/csbs-emulator/v1/clock", nil),
        (.patch, "/v3/p/vaults/v", nil),
    ]

    @Test("method and path name the SDK operation")
    func names() {
        for (method, path, expected) in Self.cases {
            #expect(OperationName.of(method: method, path: path) == expected, "\(method) \(path)")
        }
        let named = Set(Self.cases.compactMap(\.2))
        #expect(named == OperationName.all.subtracting(CSBSOperationName.all))  // CSBS: CSBSRestoreDeleteTests
    }
}
