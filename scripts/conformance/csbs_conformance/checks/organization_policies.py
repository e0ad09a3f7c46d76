"""Organization policies: create, list, show, update, delete and the deployment detail (the emulator's
organization is the caller's account; nothing is deployed)."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import UNKNOWN_ID, check, expect_equal, expect_error

PATTERN = ["FREQ=DAILY;INTERVAL=1;BYHOUR=14;BYMINUTE=00"]


def _create(ctx, name="org_daily", operation_type="backup", policy_name="daily"):
    body = cbr.OrganizationPolicyCreate(
        name=name, description="every member", operation_type=operation_type, policy_name=policy_name,
        policy_enabled=True, policy_operation_definition=cbr.PolicyoODCreate(retention_duration_days=30),
        policy_trigger=cbr.PolicyTriggerReq(properties=cbr.PolicyTriggerPropertiesReq(pattern=PATTERN)))
    return ctx.cbr.create_organization_policy(cbr.CreateOrganizationPolicyRequest(
        body=cbr.OrganizationPolicyCreateReq(policy=body))).policy


@check("organization_policies.lifecycle")
def lifecycle(ctx):
    policy = _create(ctx)
    expect_equal((policy.name, policy.operation_type, policy.policy_name, policy.policy_enabled, policy.status),
                 ("org_daily", "backup", "daily", True, "available"), "create_organization_policy answer")
    expect_equal((policy.policy_operation_definition.retention_duration_days, policy.policy_trigger.properties.pattern),
                 (30, PATTERN), "the policy's definition and trigger")
    listed = ctx.cbr.list_organization_policies(cbr.ListOrganizationPoliciesRequest(operation_type="backup"))
    expect_equal((listed.count, [p.id for p in listed.policies]), (1, [policy.id]), "list_organization_policies")
    updated = ctx.cbr.update_organization_policy(cbr.UpdateOrganizationPolicyRequest(
        organization_policy_id=policy.id,
        body=cbr.OrganizationPolicyUpdateReq(policy=cbr.OrganizationPolicyUpdate(policy_enabled=False)))).policy
    expect_equal(updated.policy_enabled, False, "update_organization_policy")
    shown = ctx.cbr.show_organization_policy(cbr.ShowOrganizationPolicyRequest(organization_policy_id=policy.id))
    expect_equal(shown.policy.policy_enabled, False, "show_organization_policy after the update")
    detail = ctx.cbr.list_organization_policy_detail(cbr.ListOrganizationPolicyDetailRequest(
        organization_policy_id=policy.id))
    expect_equal([(d.policy_id, d.project_id) for d in detail.policies], [(policy.id, ctx.settings["OS_PROJECT_ID"])],
                 "list_organization_policy_detail")
    deleted = ctx.cbr.delete_organization_policy(cbr.DeleteOrganizationPolicyRequest(organization_policy_id=policy.id))
    expect_equal(deleted.status_code, 204, "delete_organization_policy status")
    expect_error(lambda: ctx.cbr.show_organization_policy(cbr.ShowOrganizationPolicyRequest(
        organization_policy_id=policy.id)), 404, "BackupService.6000")


@check("organization_policies.errors")
def errors(ctx):
    expect_error(lambda: _create(ctx, name="a b"), 400, "BackupService.9900")
    expect_error(lambda: _create(ctx, operation_type="archive"), 400, "BackupService.9900")
    expect_error(lambda: ctx.cbr.delete_organization_policy(cbr.DeleteOrganizationPolicyRequest(
        organization_policy_id=UNKNOWN_ID)), 404, "BackupService.6000")
