"""Protectable servers and disks."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SHUTOFF_SERVER_ID, SYSTEM_DISK_ID, DATA_DISK_ID, UNKNOWN_ID, check, expect, expect_equal,
                        expect_error)


def _list(ctx, kind, **query):
    return ctx.cbr.list_protectable(cbr.ListProtectableRequest(protectable_type=kind, **query)).instances


def _show(ctx, kind, instance_id):
    return ctx.cbr.show_protectable(cbr.ShowProtectableRequest(protectable_type=kind, instance_id=instance_id)).instance


@check("protectables.list_servers")
def list_servers(ctx):
    servers = _list(ctx, "server")
    expect_equal(len(servers), 4, "servers in the demo project")
    seed = [s for s in servers if s.id == SERVER_ID]
    expect(seed, "the seed server is listed")
    expect_equal((seed[0].name, seed[0].type), ("ecs-9f93-0002", "OS::Nova::Server"), "seed server name, type")
    expect(seed[0].protectable is not None and seed[0].protectable.result is True, "the seed server is protectable")
    expect_equal([s.id for s in _list(ctx, "server", name="ecs-9f93-0002")], [SERVER_ID], "name filter")


@check("protectables.list_paging")
def list_paging(ctx):
    everything = [s.id for s in _list(ctx, "server")]
    first = [s.id for s in _list(ctx, "server", limit=2, offset=0)]
    second = [s.id for s in _list(ctx, "server", limit=2, offset=2)]
    expect_equal(first + second, everything, "limit/offset pages")
    after = [s.id for s in _list(ctx, "server", limit=2, marker=first[-1])]
    expect_equal(after, everything[2:4], "marker page")


@check("protectables.in_vault")
def in_vault(ctx):
    expect(_show(ctx, "server", SERVER_ID).protectable.vault is None, "protectable.vault of a free server")
    vault = ctx.vault_with_server("holder")
    seed = _show(ctx, "server", SERVER_ID)
    expect(seed.protectable.vault is not None and seed.protectable.vault.id == vault.id,
           "protectable.vault names the vault holding the server")


@check("protectables.stopped_server")
def stopped_server(ctx):
    stopped = _show(ctx, "server", SHUTOFF_SERVER_ID)
    expect(stopped.protectable.result is False, "a SHUTOFF server is not protectable")
    expect(stopped.protectable.code, "protectable.code says why")


@check("protectables.list_disks")
def list_disks(ctx):
    disks = _list(ctx, "disk", server_id=SERVER_ID)
    expect_equal(sorted(d.id for d in disks), sorted([SYSTEM_DISK_ID, DATA_DISK_ID]), "disks of the seed server")
    expect_equal({d.type for d in disks}, {"OS::Cinder::Volume"}, "disk type")
    expect_equal(len(_list(ctx, "disk")), 6, "disks in the demo project")


@check("protectables.show")
def show(ctx):
    server = _show(ctx, "server", SERVER_ID)
    expect_equal((server.id, server.name), (SERVER_ID, "ecs-9f93-0002"), "show_protectable(server)")
    expect(server.size is not None, "server size")
    disk = _show(ctx, "disk", DATA_DISK_ID)
    expect_equal((disk.id, disk.size), (DATA_DISK_ID, 100), "show_protectable(disk) id and size")


@check("protectables.unknown")
def unknown(ctx):
    expect_error(lambda: _show(ctx, "server", UNKNOWN_ID), 404, ("BackupService.6302", "BackupService.7100"))
