"""Policies: create, list, show, update, delete, and binding a policy to a vault."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import UNKNOWN_ID, check, expect, expect_equal, expect_error

PATTERN = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=14;BYMINUTE=00"


def _show(ctx, policy_id):
    return ctx.cbr.show_policy(cbr.ShowPolicyRequest(policy_id=policy_id)).policy


@check("policies.create")
def create(ctx):
    policy = ctx.create_policy("nightly", pattern=[PATTERN], retention_days=7)
    expect(policy.id, "create_policy returns an id")
    expect_equal((policy.name, policy.enabled, policy.operation_type), ("nightly", True, "backup"),
                 "policy name, enabled, operation_type")
    expect_equal(policy.trigger.properties.pattern, [PATTERN], "trigger.properties.pattern")
    expect_equal(policy.operation_definition.retention_duration_days, 7, "retention_duration_days")
    expect_equal(policy.associated_vaults or [], [], "associated_vaults of a new policy")


@check("policies.list_and_show")
def list_and_show(ctx):
    first = ctx.create_policy("first")
    second = ctx.create_policy("second", enabled=False)
    listed = ctx.cbr.list_policies(cbr.ListPoliciesRequest())
    expect_equal(listed.count, 2, "list_policies count")
    expect_equal(sorted(p.id for p in listed.policies), sorted([first.id, second.id]), "list_policies ids")
    backups_only = ctx.cbr.list_policies(cbr.ListPoliciesRequest(operation_type="backup"))
    expect_equal(backups_only.count, 2, "operation_type=backup")
    expect_equal(ctx.cbr.list_policies(cbr.ListPoliciesRequest(operation_type="replication")).count, 0,
                 "operation_type=replication")
    shown = _show(ctx, second.id)
    expect_equal((shown.id, shown.name, shown.enabled), (second.id, "second", False), "show_policy fields")


@check("policies.update")
def update(ctx):
    policy = ctx.create_policy("before")
    body = cbr.PolicyUpdateReq(policy=cbr.PolicyUpdate(name="after", enabled=False))
    updated = ctx.cbr.update_policy(cbr.UpdatePolicyRequest(policy_id=policy.id, body=body)).policy
    expect_equal((updated.name, updated.enabled), ("after", False), "update_policy response")
    expect_equal(_show(ctx, policy.id).name, "after", "show_policy name after update")


@check("policies.delete")
def delete(ctx):
    policy = ctx.create_policy("doomed")
    response = ctx.cbr.delete_policy(cbr.DeletePolicyRequest(policy_id=policy.id))
    expect_equal(response.status_code, 204, "delete_policy status")
    expect_error(lambda: _show(ctx, policy.id), 404, "BackupService.6000")


@check("policies.unknown")
def unknown(ctx):
    expect_error(lambda: _show(ctx, UNKNOWN_ID), 404, "BackupService.6000")


@check("policies.associate_dissociate")
def associate_dissociate(ctx):
    vault = ctx.create_vault("scheduled")
    policy = ctx.create_policy("daily")
    associated = ctx.cbr.associate_vault_policy(cbr.AssociateVaultPolicyRequest(
        vault_id=vault.id, body=cbr.VaultAssociate(policy_id=policy.id))).associate_policy
    expect_equal((associated.vault_id, associated.policy_id), (vault.id, policy.id), "associate_policy")
    bound = ctx.cbr.list_policies(cbr.ListPoliciesRequest(vault_id=vault.id))
    expect_equal([p.id for p in bound.policies], [policy.id], "list_policies(vault_id)")
    expect_equal([a.vault_id for a in _show(ctx, policy.id).associated_vaults], [vault.id],
                 "policy.associated_vaults")
    dissociated = ctx.cbr.disassociate_vault_policy(cbr.DisassociateVaultPolicyRequest(
        vault_id=vault.id, body=cbr.VaultDissociate(policy_id=policy.id))).dissociate_policy
    expect_equal((dissociated.vault_id, dissociated.policy_id), (vault.id, policy.id), "dissociate_policy")
    expect_error(lambda: ctx.cbr.disassociate_vault_policy(cbr.DisassociateVaultPolicyRequest(
        vault_id=vault.id, body=cbr.VaultDissociate(policy_id=policy.id))), 404, "BackupService.6002")


@check("policies.associate_unknown")
def associate_unknown(ctx):
    vault = ctx.create_vault("vault")
    expect_error(lambda: ctx.cbr.associate_vault_policy(cbr.AssociateVaultPolicyRequest(
        vault_id=vault.id, body=cbr.VaultAssociate(policy_id=UNKNOWN_ID))), 404, "BackupService.6000")
