"""Scheduled policies: a bound backup policy runs at its trigger time and its retention trims old automatic backups.

The emulator's clock is moved through the control API. AK/SK signatures carry the real time and may be at most
15 minutes off the emulator's clock, so these checks schedule their runs a few minutes ahead (patterns are UTC
times of day) and move the clock by minutes, never days.
"""
from datetime import datetime, timedelta

from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import CheckFailed, check, expect, expect_equal


def _now(ctx):
    """The emulator's current time (UTC, naive)."""
    if not ctx.emulator.has_control:
        raise CheckFailed("needs the emulator's control API to move its clock")
    status, body = ctx.emulator.control("GET", "/clock")
    expect_equal(status, 200, "GET /clock status")
    return datetime.strptime(body["now"][:19], "%Y-%m-%dT%H:%M:%S")


def _pattern(moment):
    return "FREQ=DAILY;INTERVAL=1;BYHOUR=%d;BYMINUTE=%02d" % (moment.hour, moment.minute)


def _advance_past(ctx, moment, extra_seconds=5):
    """Moves the clock to `extra_seconds` after `moment` (the 1 s backup and deletion durations are then over)."""
    seconds = int((moment - _now(ctx)).total_seconds()) + extra_seconds
    ctx.emulator.settle(max(seconds, 1))


def _create_policy(ctx, pattern, **definition):
    body = cbr.PolicyCreate(
        name="scheduled", enabled=True, operation_type="backup",
        operation_definition=cbr.PolicyoODCreate(**definition),
        trigger=cbr.PolicyTriggerReq(properties=cbr.PolicyTriggerPropertiesReq(pattern=[pattern])))
    return ctx.cbr.create_policy(cbr.CreatePolicyRequest(body=cbr.PolicyCreateReq(policy=body))).policy


def _associate(ctx, vault_id, policy_id):
    ctx.cbr.associate_vault_policy(cbr.AssociateVaultPolicyRequest(
        vault_id=vault_id, body=cbr.VaultAssociate(policy_id=policy_id)))


def _automatic(ctx, vault_id):
    backups = ctx.list_backups(vault_id=vault_id).backups
    return [b for b in backups if b.extend_info is not None and b.extend_info.auto_trigger]


@check("schedules.daily_run")
def daily_run(ctx):
    vault = ctx.vault_with_server("scheduled")
    trigger = _now(ctx).replace(second=0) + timedelta(minutes=3)
    policy = _create_policy(ctx, _pattern(trigger), max_backups=-1)
    _associate(ctx, vault.id, policy.id)
    expect_equal(ctx.list_backups(vault_id=vault.id).count, 0, "backups before the trigger time")
    _advance_past(ctx, trigger)
    automatic = _automatic(ctx, vault.id)
    expect_equal(len(automatic), 1, "automatic backups after the trigger time")
    backup = automatic[0]
    expect(backup.name.startswith("autobk_"), "an automatic backup is named autobk_..., got %r" % backup.name)
    expect_equal(backup.status, "available", "automatic backup status")
    expect_equal(backup.created_at[:16], trigger.strftime("%Y-%m-%dT%H:%M"), "automatic backup created_at")
    expect_equal(len(backup.children or []), 2, "disk backups of the automatic server backup")
    tasks = ctx.cbr.list_op_logs(cbr.ListOpLogsRequest(operation_type="backup")).operation_logs
    expect_equal([t.policy_id for t in tasks], [policy.id], "policy_id of the backup task")


@check("schedules.retention_trims")
def retention_trims(ctx):
    vault = ctx.vault_with_server("retained")
    manual = ctx.backup_checkpoint(vault.id)
    first_run = _now(ctx).replace(second=0) + timedelta(minutes=2)
    policy = _create_policy(ctx, _pattern(first_run), max_backups=1)
    _associate(ctx, vault.id, policy.id)
    _advance_past(ctx, first_run)
    first = _automatic(ctx, vault.id)
    expect_equal(len(first), 1, "automatic backups after the first run")
    # Move the trigger a few minutes on (the clock may not run ahead of real time by 15 minutes: AK/SK).
    second_run = first_run + timedelta(minutes=3)
    update = cbr.PolicyUpdate(trigger=cbr.PolicyTriggerUpdateReq(
        properties=cbr.PolicyTriggerPropertiesUpdateReq(pattern=[_pattern(second_run)])))
    ctx.cbr.update_policy(cbr.UpdatePolicyRequest(policy_id=policy.id, body=cbr.PolicyUpdateReq(policy=update)))
    _advance_past(ctx, second_run)
    kept = _automatic(ctx, vault.id)
    expect_equal([b.created_at[:16] for b in kept], [second_run.strftime("%Y-%m-%dT%H:%M")],
                 "automatic backups kept by max_backups=1")
    expect(all(b.id != first[0].id for b in kept), "the older automatic backup is deleted")
    expect(any(b.checkpoint_id == manual.id for b in ctx.list_backups(vault_id=vault.id).backups),
           "the manual backup survives retention")
    deletes = ctx.cbr.list_op_logs(cbr.ListOpLogsRequest(operation_type="delete")).operation_logs
    expect_equal([(t.status, t.policy_id) for t in deletes], [("success", policy.id)], "retention's delete task")


@check("schedules.vault_created_with_policy")
def vault_created_with_policy(ctx):
    """`create_vault(backup_policy_id=P)` binds P: the vault is listed under it and P's runs back it up."""
    trigger = _now(ctx).replace(second=0) + timedelta(minutes=3)
    policy = _create_policy(ctx, _pattern(trigger), max_backups=-1)
    vault = ctx.create_vault("bound_on_create", resources=[ctx.server()], backup_policy_id=policy.id)
    shown = ctx.cbr.show_policy(cbr.ShowPolicyRequest(policy_id=policy.id)).policy
    expect_equal([v.vault_id for v in shown.associated_vaults or []], [vault.id], "policy.associated_vaults")
    listed = ctx.cbr.list_vault(cbr.ListVaultRequest(policy_id=policy.id)).vaults
    expect_equal([v.id for v in listed], [vault.id], "list_vault(policy_id)")
    _advance_past(ctx, trigger)
    expect_equal(len(_automatic(ctx, vault.id)), 1, "automatic backups after the trigger time")
