"""Checkpoints (restore points): create, show until available, names, retention, errors."""
from datetime import datetime, timedelta

from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SERVER_2_ID, SHUTOFF_SERVER_ID, UNKNOWN_ID, check, expect, expect_equal,
                        expect_error)


@check("checkpoints.create")
def create(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.create_checkpoint(vault.id, [SERVER_ID], name="backup_auto", description="backupauto")
    expect(point.id, "create_checkpoint returns an id")
    expect_equal(point.status, "protecting", "checkpoint.status right after creation")
    expect_equal(point.project_id, ctx.settings["OS_PROJECT_ID"], "checkpoint.project_id")
    expect_equal(point.vault.id, vault.id, "checkpoint.vault.id")
    expect_equal([r.id for r in point.vault.resources], [SERVER_ID], "checkpoint.vault.resources ids")
    expect_equal(point.extra_info.name, "backup_auto", "checkpoint.extra_info.name")
    expect_equal(point.extra_info.description, "backupauto", "checkpoint.extra_info.description")


@check("checkpoints.show_until_available")
def show_until_available(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.create_checkpoint(vault.id, [SERVER_ID])
    shown = ctx.wait_checkpoint(point.id)
    expect_equal(shown.id, point.id, "show_checkpoint id")
    expect_equal(ctx.show_vault(vault.id).resources[0].protect_status, "available",
                 "protect_status after the backup")


@check("checkpoints.all_vault_resources")
def all_vault_resources(ctx):
    vault = ctx.vault_with_server("vault", servers=(SERVER_ID, SERVER_2_ID))
    point = ctx.create_checkpoint(vault.id)
    expect_equal(sorted(r.id for r in point.vault.resources), sorted([SERVER_ID, SERVER_2_ID]),
                 "a checkpoint without resources covers every vault resource")


@check("checkpoints.unknown")
def unknown(ctx):
    expect_error(lambda: ctx.show_checkpoint(UNKNOWN_ID), 404, "BackupService.6217")


@check("checkpoints.unknown_vault")
def unknown_vault(ctx):
    expect_error(lambda: ctx.create_checkpoint(UNKNOWN_ID), 404, "BackupService.6105")


@check("checkpoints.resource_not_in_vault")
def resource_not_in_vault(ctx):
    vault = ctx.vault_with_server("vault")
    expect_error(lambda: ctx.create_checkpoint(vault.id, [SERVER_2_ID]), 400,
                 ("BackupService.6135", "BackupService.9900"))


@check("checkpoints.stopped_server")
def stopped_server(ctx):
    """A SHUTOFF server is refused, either when it joins the vault or when it is backed up."""
    refused = (400, ("BackupService.6215", "BackupService.7101", "BackupService.7102"))
    vault = ctx.create_vault("vault")
    request = cbr.AddVaultResourceRequest(vault_id=vault.id, body=cbr.VaultAddResourceReq(
        resources=[ctx.server(SHUTOFF_SERVER_ID)]))
    try:
        ctx.cbr.add_vault_resource(request)
    except exceptions.ClientRequestException:
        expect_error(lambda: ctx.cbr.add_vault_resource(request), *refused)
        return
    expect_error(lambda: ctx.create_checkpoint(vault.id, [SHUTOFF_SERVER_ID]), *refused)


def _checkpoint(ctx, vault_id, **parameters):
    request = cbr.CreateCheckpointRequest(body=cbr.VaultBackupReq(checkpoint=cbr.VaultBackup(
        vault_id=vault_id, parameters=cbr.CheckpointParam(**parameters))))
    return ctx.cbr.create_checkpoint(request).checkpoint


@check("checkpoints.name_rules")
def name_rules(ctx):
    """Backup names follow the vault name rules: a space, `/`, `.`, control characters and NUL are 9900, and that
    is answered before the busy check (9900, not 1001)."""
    vault = ctx.vault_with_server("vault")
    for name in ("my backup", "a/b", "a.b", "nul\u0000x"):
        expect_error(lambda: _checkpoint(ctx, vault.id, name=name), 400, "BackupService.9900")
    ctx.create_checkpoint(vault.id)
    expect_error(lambda: _checkpoint(ctx, vault.id, name="bad name"), 400, "BackupService.9900")
    expect_error(lambda: _checkpoint(ctx, vault.id, name="good_name"), 400, "BackupService.1001")


@check("checkpoints.retention")
def retention(ctx):
    """`retention_duration_days` is the checkpoint's `retention_duration` and sets each backup's `expired_at`."""
    vault = ctx.vault_with_server("vault")
    point = _checkpoint(ctx, vault.id, name="kept", retention_duration_days=7)
    expect_equal(point.extra_info.retention_duration, 7, "checkpoint.extra_info.retention_duration")
    backup = ctx.server_backup(point.id)
    created = datetime.strptime(backup.created_at[:19], "%Y-%m-%dT%H:%M:%S")
    expect_equal(backup.expired_at[:19], (created + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S"),
                 "backup.expired_at")
    forever = ctx.server_backup(ctx.create_checkpoint(ctx.vault_with_server("other", servers=(SERVER_2_ID,)).id).id,
                                resource_id=SERVER_2_ID)
    expect_equal(forever.expired_at, None, "expired_at of a backup kept for ever")


@check("checkpoints.retention_rules")
def retention_rules(ctx):
    """`retention_duration_days` is -1 or 1-36500, and not allowed on an automatic (`auto_trigger`) backup."""
    vault = ctx.vault_with_server("vault")
    for parameters in ({"retention_duration_days": 0}, {"retention_duration_days": 36501},
                       {"auto_trigger": True, "retention_duration_days": 7}):
        expect_error(lambda: _checkpoint(ctx, vault.id, **parameters), 400, "BackupService.9900")


@check("checkpoints.first_backup_full")
def first_backup_full(ctx):
    """A resource's first backup is full even when `incremental` is asked; the next one is incremental."""
    vault = ctx.vault_with_server("vault")
    first = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    second = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    expect_equal((first.incremental, second.incremental), (False, True), "incremental of the first and second backup")
