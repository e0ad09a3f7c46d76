"""Resources of a vault: set-resources (whether they follow its automatic backups), migrateresources (moving them
with their backups to another vault) and auto-bind (servers whose tags match the vault's bind_rules join it)."""
from datetime import timedelta

from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SERVER_2_ID, SERVER_3_ID, SHUTOFF_SERVER_ID, UNKNOWN_ID, check, expect,
                        expect_equal, expect_error)
from .schedules import _advance_past, _associate, _automatic, _create_policy, _now, _pattern


def _set(ctx, vault_id, resource_ids, action):
    body = cbr.VaultSetResourceReq(resource_ids=list(resource_ids), action=action)
    return ctx.cbr.set_vault_resource(cbr.SetVaultResourceRequest(vault_id=vault_id, body=body))


def _migrate(ctx, vault_id, destination_id, resource_ids):
    body = cbr.VaultMigrateResourceReq(destination_vault_id=destination_id, resource_ids=list(resource_ids))
    return ctx.cbr.migrate_vault_resource(cbr.MigrateVaultResourceRequest(vault_id=vault_id, body=body))


def _auto_protect(ctx, vault_id):
    return {r.id: r.auto_protect for r in ctx.show_vault(vault_id).resources}


@check("vault_resources.set_suspend_unsuspend")
def set_suspend_unsuspend(ctx):
    vault = ctx.vault_with_server("suspended", servers=(SERVER_ID, SERVER_2_ID))
    expect_equal(_auto_protect(ctx, vault.id), {SERVER_ID: True, SERVER_2_ID: True}, "auto_protect when added")
    answer = _set(ctx, vault.id, [SERVER_ID], "suspend")
    expect_equal(answer.set_resource_ids, [SERVER_ID], "set_resource_ids")
    expect_equal(_auto_protect(ctx, vault.id), {SERVER_ID: False, SERVER_2_ID: True}, "auto_protect after suspend")
    _set(ctx, vault.id, [SERVER_ID], "unsuspend")
    expect_equal(_auto_protect(ctx, vault.id)[SERVER_ID], True, "auto_protect after unsuspend")


@check("vault_resources.set_errors")
def set_errors(ctx):
    vault = ctx.vault_with_server("set_errors")
    expect_error(lambda: _set(ctx, vault.id, [SERVER_2_ID], "suspend"), 400, "BackupService.6135")
    expect_error(lambda: _set(ctx, vault.id, [SERVER_ID], "pause"), 400, "BackupService.9900")
    expect_error(lambda: _set(ctx, vault.id, [], "suspend"), 400, "BackupService.9900")
    expect_error(lambda: _set(ctx, UNKNOWN_ID, [SERVER_ID], "suspend"), 404, "BackupService.6105")


@check("vault_resources.suspended_skips_scheduled_runs")
def suspended_skips_scheduled_runs(ctx):
    """A suspended resource is left out of the policy's runs; a manual backup still takes it."""
    vault = ctx.vault_with_server("partly_scheduled", servers=(SERVER_ID, SERVER_2_ID))
    _set(ctx, vault.id, [SERVER_2_ID], "suspend")
    trigger = _now(ctx).replace(second=0) + timedelta(minutes=3)
    _associate(ctx, vault.id, _create_policy(ctx, _pattern(trigger), max_backups=-1).id)
    _advance_past(ctx, trigger)
    expect_equal([b.resource_id for b in _automatic(ctx, vault.id)], [SERVER_ID], "resources of the scheduled run")
    point = ctx.backup_checkpoint(vault.id, resources=[SERVER_2_ID])
    expect_equal(ctx.server_backup(point.id, SERVER_2_ID).resource_id, SERVER_2_ID, "manual backup of it")


@check("vault_resources.migrate_with_backups")
def migrate_with_backups(ctx):
    source = ctx.vault_with_server("source", servers=(SERVER_ID, SERVER_2_ID))
    destination = ctx.create_vault("destination")
    point = ctx.backup_checkpoint(source.id)
    backup = ctx.server_backup(point.id, SERVER_ID)
    answer = _migrate(ctx, source.id, destination.id, [SERVER_ID])
    expect_equal(answer.migrated_resources, [SERVER_ID], "migrated_resources")
    expect_equal([r.id for r in ctx.show_vault(source.id).resources], [SERVER_2_ID], "source resources")
    expect_equal([r.id for r in ctx.show_vault(destination.id).resources], [SERVER_ID], "destination resources")
    expect_equal(ctx.show_backup(backup.id).vault_id, destination.id, "the backup's vault after migration")
    expect_equal([b.id for b in ctx.list_backups(vault_id=destination.id).backups], [backup.id],
                 "list_backups(vault_id=destination)")
    expect_equal([b.resource_id for b in ctx.list_backups(vault_id=source.id).backups], [SERVER_2_ID],
                 "list_backups(vault_id=source)")
    expect_equal(ctx.show_vault(destination.id).billing.used, 8192, "destination billing.used (MB) after migration")


@check("vault_resources.migrate_errors")
def migrate_errors(ctx):
    source = ctx.vault_with_server("source")
    disks = ctx.create_vault("disks", object_type="disk")
    servers = ctx.create_vault("servers")
    expect_error(lambda: _migrate(ctx, source.id, UNKNOWN_ID, [SERVER_ID]), 404, "BackupService.6105")
    expect_error(lambda: _migrate(ctx, source.id, servers.id, [SERVER_2_ID]), 400, "BackupService.6135")
    expect_error(lambda: _migrate(ctx, source.id, disks.id, [SERVER_ID]), 400, "BackupService.6102")
    expect_error(lambda: _migrate(ctx, source.id, source.id, [SERVER_ID]), 400, "BackupService.9900")


def _rules(*pairs):
    return cbr.VaultBindRules(tags=[cbr.BindRulesTags(key=key, value=value) for key, value in pairs])


@check("vault_resources.auto_bind_on_create")
def auto_bind_on_create(ctx):
    """The seeded servers tagged backup=daily are ecs-9f93-0003, -0004 and the stopped -0005, which cannot join."""
    vault = ctx.create_vault("auto", auto_bind=True, bind_rules=_rules(("backup", "daily")))
    expect_equal(sorted(r.id for r in vault.resources), sorted([SERVER_2_ID, SERVER_3_ID]), "servers bound on create")
    expect_equal(vault.auto_bind, True, "vault.auto_bind")
    expect(SHUTOFF_SERVER_ID not in [r.id for r in ctx.show_vault(vault.id).resources], "a stopped server stays out")
    unbound = ctx.create_vault("rules_only", bind_rules=_rules(("env", "test")))
    expect_equal(unbound.resources, [], "bind_rules without auto_bind bind nothing")


@check("vault_resources.auto_bind_on_update")
def auto_bind_on_update(ctx):
    """A server already in a vault stays there; turning auto_bind on binds the free servers the rules match."""
    ctx.vault_with_server("holder", servers=(SERVER_3_ID,))
    vault = ctx.create_vault("later", bind_rules=_rules(("env", "test"), ("tier", "gold")))
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(auto_bind=True))
    updated = ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)).vault
    expect_equal([r.id for r in updated.resources], [SERVER_ID], "servers bound by the update")
