@testable import CSBSEmulator
import HTTPTypes
import Testing

/// Route registration gives the operation names: the router names each request after the route it matched, and
/// fault rules accept exactly the registered names.
@Suite("Emulated API: routes and their SDK operation names")
struct EmulatedAPITests {
    /// One request per registered route (no credentials: the name does not depend on the outcome), then two that
    /// match no route.
    static let cases: [(HTTPRequest.Method, String, String?)] = [
        (.post, "/v3/auth/tokens", "keystone_create_user_token"),
        (.get, "/v3/projects?name=cn-north-4", "keystone_list_projects"),
        (.get, "/v3", "keystone_show_version"),
        (.get, "/v3/auth/tokens", "keystone_validate_token"),
        (.get, "/v3/auth/projects", "keystone_list_auth_projects"),
        (.post, "/v3/p/vaults", "create_vault"),
        (.get, "/v3/p/vaults", "list_vault"),
        (.get, "/v3/p/vaults/v", "show_vault"),
        (.get, "/v3/p/vaults/summary", "show_summary"),
        (.get, "/v3/p/vaults/external?region_id=r&external_project_id=e", "list_external_vault"),
        (.put, "/v3/p/vaults/batch-update", "batch_update_vault"),
        (.get, "/v3/p/storage_usage", "show_storage_usage"),
        (.post, "/v3/p/vaults/order", "create_post_paid_vault"),
        (.post, "/v3/p/vaults/change-charge-mode", "change_vault_charge_mode"),
        (.post, "/v3/p/orders/change", "change_order"),
        (.put, "/v3/p/orders/o", "update_order"),
        (.put, "/v3/p/vaults/v", "update_vault"),
        (.delete, "/v3/p/vaults/v", "delete_vault"),
        (.post, "/v3/p/vaults/v/addresources", "add_vault_resource"),
        (.post, "/v3/p/vaults/v/removeresources", "remove_vault_resource"),
        (.put, "/v3/p/vaults/v/set-resources", "set_vault_resource"),
        (.post, "/v3/p/vaults/v/migrateresources", "migrate_vault_resource"),
        (.put, "/v3/p/vaults/v/update-backup-expiration-time", "update_expiration_time"),
        (.post, "/v3/p/vaults/v/associatepolicy", "associate_vault_policy"),
        (.post, "/v3/p/vaults/v/dissociatepolicy", "disassociate_vault_policy"),
        (.post, "/v3/p/checkpoints", "create_checkpoint"),
        (.get, "/v3/p/checkpoints/c", "show_checkpoint"),
        (.get, "/v3/p/backups?limit=1", "list_backups"),
        (.get, "/v3/p/backups/b", "show_backup"),
        (.put, "/v3/p/backups/b", "update_backup"),
        (.delete, "/v3/p/backups/b", "delete_backup"),
        (.post, "/v3/p/backups/b/restore", "restore_backup"),
        (.get, "/v3/p/backups/b/metadata", "show_metadata"),
        (.post, "/v3/p/backups/b/replicate", "copy_backup"),
        (.post, "/v3/p/checkpoints/replicate", "copy_checkpoint"),
        (.post, "/v3/p/agents", "register_agent"),
        (.get, "/v3/p/agents", "list_agent"),
        (.get, "/v3/p/agents/a", "show_agent"),
        (.put, "/v3/p/agents/a", "update_agent"),
        (.delete, "/v3/p/agents/a", "unregister_agent"),
        (.post, "/v3/p/agents/a/add-path", "add_agent_path"),
        (.post, "/v3/p/agents/a/remove-path", "remove_agent_path"),
        (.post, "/v3/p/agent/check", "check_agent"),
        (.post, "/v3/p/organization-policies", "create_organization_policy"),
        (.get, "/v3/p/organization-policies", "list_organization_policies"),
        (.get, "/v3/p/organization-policies/o", "show_organization_policy"),
        (.put, "/v3/p/organization-policies/o", "update_organization_policy"),
        (.delete, "/v3/p/organization-policies/o", "delete_organization_policy"),
        (.get, "/v3/p/organization-policies/o/policy-detail", "list_organization_policy_detail"),
        (.get, "/v3/region-projects", "list_projects"),
        (.get, "/v3/domain/d/projects", "list_domain_projects"),
        (.get, "/v3/domain/d", "show_domain"),
        (.post, "/v3/migrates", "migrate_domain"),
        (.get, "/v3/migrates", "show_migrate_status"),
        (.post, "/v3/p/checkpoints/sync", "import_checkpoint"),
        (.post, "/v3/p/backups/sync", "import_backup"),
        (.post, "/v3/p/backups/b/members", "add_member"),
        (.get, "/v3/p/backups/b/members", "show_members_detail"),
        (.get, "/v3/p/backups/b/members/m", "show_member_detail"),
        (.put, "/v3/p/backups/b/members/m", "update_member_status"),
        (.delete, "/v3/p/backups/b/members/m", "delete_member"),
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
        (.post, "/v3/p/vault/resource_instances/action", "show_vault_resource_instances"),
        (.get, "/v3/p/cbr-features", "list_features"),
        (.get, "/v3/p/cbr-features/replication.enable", "show_feature"),
        (.get, "/v3/p/replication-capabilities", "show_replication_capabilities"),
        (.post, "/v1/p/providers/x/resources/s/action", "csbs_protect"),
        (.post, "/v1/p/providers/x/resources/action", "csbs_check_protectable"),
        (.get, "/v1/p/checkpoint_items?limit=1", "csbs_list_backups"),
        (.get, "/v1/p/checkpoint_items/count", "csbs_count_backups"),
        (.get, "/v1/p/checkpoint_items/i", "csbs_show_backup"),
        (.post, "/v1/p/restores", "csbs_restore"),
        (.delete, "/v1/p/providers/x/checkpoints/c", "csbs_delete_backup"),
        (.get, "/v1/p/quotas", "csbs_show_quotas"),
        (.post, "/v1/p/policies", "csbs_create_policy"),
        (.get, "/v1/p/policies", "csbs_list_policies"),
        (.get, "/v1/p/policies/i", "csbs_show_policy"),
        (.put, "/v1/p/policies/i", "csbs_update_policy"),
        (.delete, "/v1/p/policies/i", "csbs_delete_policy"),
        (.get, "/v1/p/csbs_backup/tags", "csbs_list_backup_project_tags"),
        (.get, "/v1/p/csbs_backup/i/tags", "csbs_list_backup_tags"),
        (.post, "/v1/p/csbs_backup/i/tags", "csbs_create_backup_tag"),
        (.post, "/v1/p/csbs_backup/i/tags/action", "csbs_batch_backup_tags"),
        (.delete, "/v1/p/csbs_backup/i/tags/k", "csbs_delete_backup_tag"),
        (.get, "/v1/p/csbs_backup_policy/tags", "csbs_list_policy_project_tags"),
        (.get, "/v1/p/csbs_backup_policy/i/tags", "csbs_list_policy_tags"),
        (.post, "/v1/p/csbs_backup_policy/i/tags", "csbs_create_policy_tag"),
        (.post, "/v1/p/csbs_backup_policy/i/tags/action", "csbs_batch_policy_tags"),
        (.delete, "/v1/p/csbs_backup_policy/i/tags/k", "csbs_delete_policy_tag"),
        (.patch, "/v3/p/vaults/v", nil),
        (.get, "/v3/p/nothing-here", nil),
    ]

    @Test("each request is named after the route it matched, whatever its outcome; unknown routes are not named")
    func requestsAreNamedByTheirRoute() async throws {
        try await EmulatorTestClient.run { emulator in
            // Given a request to every route, without credentials
            for (method, path, _) in Self.cases {
                _ = try await emulator.send(method, path)
            }
            // When the request log is read
            let log = try await emulator.send(.get, "/csbs-emulator/v1/requests")
            let entries = log["requests"] as? [[String: Any]] ?? []
            // Then each entry carries the operation its route was registered with
            #expect(entries.count == Self.cases.count)
            for (entry, (method, path, expected)) in zip(entries, Self.cases) {
                #expect(entry["operation"] as? String == expected, "\(method) \(path)")
            }
        }
    }

    @Test("the registration names every route once, with today's SDK operation names")
    func registrationGivesTheNames() {
        let expected = Set(Self.cases.compactMap(\.2))
        #expect(EmulatedAPI.operationNames == expected)
        #expect(EmulatedAPI.endpoints.count == expected.count)
        #expect(Set(EmulatedAPI.endpoints.map(\.key)).count == EmulatedAPI.endpoints.count)
    }

    @Test("fault rules accept exactly the registered operation names, and *")
    func faultRulesUseTheRegisteredNames() throws {
        for name in EmulatedAPI.operationNames {
            #expect(FaultRule(operation: name).problem == nil, "\(name)")
        }
        #expect(FaultRule(operation: "*").problem == nil)
        #expect(FaultRule(operation: "ListVaults").problem == "unknown operation 'ListVaults'")
        #expect(throws: FaultSpecError.self) { try FaultRule(spec: "list_vaults:status=500") }
    }

    @Test("the operation of a matched route comes from its rendered path and method")
    func lookupByEndpoint() {
        #expect(EmulatedAPI.operation(method: .get, endpointPath: "/v3/{project_id}/vaults/{vault_id}") == "show_vault")
        #expect(EmulatedAPI.operation(method: .patch, endpointPath: "/v3/{project_id}/vaults/{vault_id}") == nil)
        #expect(EmulatedAPI.operation(method: .get, endpointPath: nil) == nil)
    }
}
