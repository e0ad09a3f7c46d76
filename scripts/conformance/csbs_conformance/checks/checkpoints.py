"""Checkpoints (restore points): create, show until available, errors."""
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
