"""Vault resources: add and remove, and the association errors."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SERVER_2_ID, UNKNOWN_ID, DATA_DISK_ID, check, expect_equal, expect_error)


def _add(ctx, vault_id, resources):
    request = cbr.AddVaultResourceRequest(vault_id=vault_id, body=cbr.VaultAddResourceReq(resources=resources))
    return ctx.cbr.add_vault_resource(request)


def _remove(ctx, vault_id, resource_ids):
    request = cbr.RemoveVaultResourceRequest(
        vault_id=vault_id, body=cbr.VaultRemoveResourceReq(resource_ids=resource_ids))
    return ctx.cbr.remove_vault_resource(request)


@check("resources.add")
def add(ctx):
    vault = ctx.create_vault("vault")
    added = _add(ctx, vault.id, [ctx.server(SERVER_ID, "server-4690-0002"), ctx.server(SERVER_2_ID)])
    expect_equal(sorted(added.add_resource_ids), sorted([SERVER_ID, SERVER_2_ID]), "add_resource_ids")
    shown = ctx.show_vault(vault.id)
    expect_equal(sorted(r.id for r in shown.resources), sorted([SERVER_ID, SERVER_2_ID]), "show_vault resources")
    expect_equal({r.protect_status for r in shown.resources}, {"available"}, "protect_status of new resources")


@check("resources.already_in_a_vault")
def already_in_a_vault(ctx):
    ctx.vault_with_server("first")
    second = ctx.create_vault("second")
    expect_error(lambda: _add(ctx, second.id, [ctx.server(SERVER_ID)]), 400,
                 ("BackupService.6103", "BackupService.7116"))


@check("resources.type_mismatch")
def type_mismatch(ctx):
    vault = ctx.create_vault("servers_only")
    expect_error(lambda: _add(ctx, vault.id, [ctx.disk(DATA_DISK_ID)]), 400, "BackupService.6102")


@check("resources.unknown_resource")
def unknown_resource(ctx):
    vault = ctx.create_vault("vault")
    expect_error(lambda: _add(ctx, vault.id, [ctx.server(UNKNOWN_ID)]), 404,
                 ("BackupService.6302", "BackupService.7100"))


@check("resources.unknown_vault")
def unknown_vault(ctx):
    expect_error(lambda: _add(ctx, UNKNOWN_ID, [ctx.server(SERVER_ID)]), 404, "BackupService.6105")


@check("resources.remove")
def remove(ctx):
    vault = ctx.vault_with_server("vault", servers=(SERVER_ID, SERVER_2_ID))
    removed = _remove(ctx, vault.id, [SERVER_ID])
    expect_equal(removed.remove_resource_ids, [SERVER_ID], "remove_resource_ids")
    ctx.wait_until(lambda: [r.id for r in ctx.show_vault(vault.id).resources] == [SERVER_2_ID],
                   "only the second server is left in the vault")
    other = ctx.create_vault("other")
    expect_equal(_add(ctx, other.id, [ctx.server(SERVER_ID)]).add_resource_ids, [SERVER_ID],
                 "a removed server can join another vault")


@check("resources.remove_not_in_vault")
def remove_not_in_vault(ctx):
    vault = ctx.create_vault("vault")
    expect_error(lambda: _remove(ctx, vault.id, [SERVER_ID]), 400, "BackupService.6135")
