"""Backups: list with every documented filter, repeated status, sort, limit/offset/marker paging, show, update,
delete and restore."""
from datetime import datetime, timedelta

from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SERVER_2_ID, SERVER_PROVIDER, UNKNOWN_ID, check, expect, expect_equal,
                        expect_error)

SERVER_TYPE = "OS::Nova::Server"


def _ids(response):
    return [b.id for b in response.backups]


def _two_checkpoints(ctx):
    """A vault with two servers and two checkpoints of both, one after the other; returns (vault, [cp1, cp2])."""
    vault = ctx.vault_with_server("vault", servers=(SERVER_ID, SERVER_2_ID))
    first = ctx.backup_checkpoint(vault.id, name="first")
    ctx.emulator.settle()
    second = ctx.backup_checkpoint(vault.id, name="second")
    return vault, [first, second]


@check("backups.fields")
def fields(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id, [SERVER_ID], name="named")
    backup = ctx.server_backup(point.id)
    expect_equal((backup.checkpoint_id, backup.vault_id, backup.resource_id, backup.resource_type),
                 (point.id, vault.id, SERVER_ID, SERVER_TYPE), "backup ids and type")
    expect_equal((backup.status, backup.image_type, backup.provider_id), ("available", "backup", SERVER_PROVIDER),
                 "backup status, image_type, provider_id")
    expect_equal(backup.project_id, ctx.settings["OS_PROJECT_ID"], "backup.project_id")
    expect(backup.name, "backup.name is set")
    expect(backup.created_at and backup.resource_size is not None, "created_at and resource_size are set")
    expect(len(backup.children or []) == 2, "a server backup has one child per disk (2), got %d"
           % len(backup.children or []))
    expect_equal({c.parent_id for c in backup.children}, {backup.id}, "children[].parent_id")


@check("backups.list_by_checkpoint")
def list_by_checkpoint(ctx):
    vault = ctx.vault_with_server("vault", servers=(SERVER_ID, SERVER_2_ID))
    point = ctx.backup_checkpoint(vault.id)
    listed = ctx.list_backups(checkpoint_id=point.id, resource_type=SERVER_TYPE)
    expect_equal(sorted(b.resource_id for b in listed.backups), sorted([SERVER_ID, SERVER_2_ID]),
                 "one backup per server in the checkpoint")
    expect_equal(listed.count, 2, "count")


@check("backups.filter_ids")
def filter_ids(ctx):
    vault, points = _two_checkpoints(ctx)
    other = ctx.create_vault("empty")
    expect_equal(ctx.list_backups(vault_id=other.id).count, 0, "vault_id of an empty vault")
    by_vault = ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE)
    expect_equal(by_vault.count, 4, "vault_id: 2 checkpoints x 2 servers")
    by_resource = ctx.list_backups(resource_id=SERVER_2_ID)
    expect_equal({b.resource_id for b in by_resource.backups}, {SERVER_2_ID}, "resource_id filter")
    expect_equal(by_resource.count, 2, "resource_id count")
    by_checkpoint = ctx.list_backups(checkpoint_id=points[1].id, resource_id=SERVER_ID)
    expect_equal(by_checkpoint.count, 1, "checkpoint_id AND resource_id")


@check("backups.filter_names")
def filter_names(ctx):
    vault, points = _two_checkpoints(ctx)
    backup = ctx.server_backup(points[0].id)
    by_name = ctx.list_backups(name=backup.name)
    expect(backup.id in _ids(by_name), "name filter finds the backup")
    expect(all(b.name == backup.name for b in by_name.backups), "name filter returns only that name")
    by_resource_name = ctx.list_backups(resource_name=backup.resource_name)
    expect(by_resource_name.count >= 2 and all(b.resource_name == backup.resource_name
                                               for b in by_resource_name.backups), "resource_name filter")
    by_az = ctx.list_backups(resource_az=backup.resource_az, vault_id=vault.id)
    expect(backup.id in _ids(by_az), "resource_az filter finds the backup")
    expect_equal(ctx.list_backups(resource_az="no-such-az").count, 0, "resource_az of no backup")


@check("backups.filter_type_and_parent")
def filter_type_and_parent(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id)
    server_backup = ctx.server_backup(point.id)
    servers = ctx.list_backups(resource_type=SERVER_TYPE)
    expect_equal({b.resource_type for b in servers.backups}, {SERVER_TYPE}, "resource_type=server")
    expect_equal(ctx.list_backups(resource_type="OS::Workspace::DesktopV2").count, 0, "resource_type=workspace")
    children = ctx.list_backups(parent_id=server_backup.id)
    expect_equal(children.count, 2, "parent_id: disk backups of the server backup")
    expect_equal({b.parent_id for b in children.backups}, {server_backup.id}, "children parent_id")
    expect_equal(ctx.list_backups(image_type="replication").count, 0, "image_type=replication")
    expect(ctx.list_backups(image_type="backup").count >= 1, "image_type=backup")


@check("backups.filter_status_repeated")
def filter_status_repeated(ctx):
    vault = ctx.vault_with_server("vault", servers=(SERVER_ID, SERVER_2_ID))
    done = ctx.backup_checkpoint(vault.id, [SERVER_ID])
    running = ctx.create_checkpoint(vault.id, [SERVER_2_ID])
    available = ctx.list_backups(status="available", resource_type=SERVER_TYPE)
    expect_equal([b.checkpoint_id for b in available.backups], [done.id], "status=available")
    protecting = ctx.list_backups(status="protecting", resource_type=SERVER_TYPE)
    expect_equal([b.checkpoint_id for b in protecting.backups], [running.id], "status=protecting")
    both = ctx.list_backups(status=["available", "protecting"], resource_type=SERVER_TYPE)
    expect_equal(both.count, 2, "status=available&status=protecting (OR)")
    expect_equal(ctx.list_backups(status=["error", "deleting"]).count, 0, "status=error&status=deleting")


@check("backups.filter_time")
def filter_time(ctx):
    vault, points = _two_checkpoints(ctx)
    first = ctx.server_backup(points[0].id)
    second = ctx.server_backup(points[1].id)
    first_time, second_time = _parse_time(first.created_at), _parse_time(second.created_at)
    expect(second_time - first_time >= timedelta(seconds=2), "the two backups are at least 2 s apart")
    later = ctx.list_backups(start_time=_filter_time(second_time), resource_type=SERVER_TYPE)
    expect(second.id in _ids(later) and first.id not in _ids(later), "start_time keeps only the later backups")
    earlier = ctx.list_backups(end_time=_filter_time(first_time + timedelta(seconds=1)), resource_type=SERVER_TYPE)
    expect(first.id in _ids(earlier) and second.id not in _ids(earlier), "end_time keeps only the earlier ones")


def _parse_time(created_at):
    """The whole seconds of a backup's created_at (which may carry microseconds or an offset), as UTC."""
    return datetime.strptime(str(created_at)[:19], "%Y-%m-%dT%H:%M:%S")


def _filter_time(moment):
    """The `YYYY-mm-ddTHH:MM:SSZ` form list_backups takes for start_time and end_time."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@check("backups.sort")
def sort(ctx):
    vault, points = _two_checkpoints(ctx)
    ascending = ctx.list_backups(vault_id=vault.id, resource_id=SERVER_ID, sort="created_at:asc")
    expect_equal([b.checkpoint_id for b in ascending.backups], [points[0].id, points[1].id], "created_at:asc")
    descending = ctx.list_backups(vault_id=vault.id, resource_id=SERVER_ID, sort="created_at:desc")
    expect_equal([b.checkpoint_id for b in descending.backups], [points[1].id, points[0].id], "created_at:desc")
    default_dir = ctx.list_backups(vault_id=vault.id, resource_id=SERVER_ID, sort="created_at")
    expect_equal(_ids(default_dir), _ids(descending), "a sort key without direction is desc")
    by_name = ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE, sort="name:asc,created_at:desc")
    names = [b.name for b in by_name.backups]
    expect_equal(names, sorted(names), "name:asc")


@check("backups.paging_offset")
def paging_offset(ctx):
    vault, _ = _two_checkpoints(ctx)
    full = _ids(ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE, sort="created_at:asc"))
    expect_equal(len(full), 4, "backups to page through")
    pages = []
    for offset in (0, 3):
        page = ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE, sort="created_at:asc",
                                limit=3, offset=offset)
        expect_equal(page.count, 4, "count is the total at offset %d" % offset)
        pages += _ids(page)
    expect_equal(pages, full, "limit=3 pages at offsets 0 and 3")


@check("backups.paging_marker")
def paging_marker(ctx):
    vault, _ = _two_checkpoints(ctx)
    full = _ids(ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE))
    first = _ids(ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE, limit=2))
    expect_equal(first, full[:2], "first page")
    rest = _ids(ctx.list_backups(vault_id=vault.id, resource_type=SERVER_TYPE, limit=2, marker=first[-1]))
    expect_equal(rest, full[2:4], "the page after marker=<last id>")


@check("backups.show")
def show(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id)
    listed = ctx.server_backup(point.id)
    shown = ctx.show_backup(listed.id)
    expect_equal((shown.id, shown.name, shown.status, shown.checkpoint_id),
                 (listed.id, listed.name, listed.status, point.id), "show_backup fields")


@check("backups.update_name")
def update_name(ctx):
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    request = cbr.UpdateBackupRequest(backup_id=backup.id, body=cbr.BackupUpdateReq(
        backup=cbr.BackupUpdate(name="renamed_backup")))
    updated = ctx.cbr.update_backup(request).backup
    expect_equal(updated.name, "renamed_backup", "update_backup response name")
    expect_equal(ctx.show_backup(backup.id).name, "renamed_backup", "show_backup name after update")


@check("backups.delete")
def delete(ctx):
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    response = ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=backup.id))
    expect_equal(response.status_code, 204, "delete_backup status")
    ctx.wait_until(lambda: backup.id not in _ids(ctx.list_backups(vault_id=vault.id)), "the backup is gone")
    expect_error(lambda: ctx.show_backup(backup.id), 404, "BackupService.6200")


@check("backups.restore")
def restore(ctx):
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    mappings = [cbr.BackupRestoreServerMapping(backup_id=c.id, volume_id=c.resource_id) for c in backup.children]
    request = cbr.RestoreBackupRequest(backup_id=backup.id, body=cbr.BackupRestoreReq(restore=cbr.BackupRestore(
        server_id=SERVER_ID, mappings=mappings, power_on=True)))
    response = ctx.cbr.restore_backup(request)
    expect_equal(response.status_code, 202, "restore_backup status")
    expect_equal(ctx.show_backup(backup.id).status, "restoring", "backup status right after restore")
    ctx.wait_until(lambda: ctx.show_backup(backup.id).status == "available", "the backup is available again")


@check("backups.unknown")
def unknown(ctx):
    expect_error(lambda: ctx.show_backup(UNKNOWN_ID), 404, "BackupService.6200")


@check("backups.filter_other_documented")
def filter_other_documented(ctx):
    """The remaining documented filters are accepted, and the ones every private backup matches keep them all."""
    vault = ctx.vault_with_server("vault")
    ctx.backup_checkpoint(vault.id)
    everything = sorted(_ids(ctx.list_backups()))
    expect(everything, "there are backups to filter")
    for query in ({"own_type": "private"}, {"enterprise_project_id": "0"}, {"dec": False},
                  {"show_replication": True}):
        expect_equal(sorted(_ids(ctx.list_backups(**query))), everything, "list_backups(%r)" % query)


@check("backups.filter_sharing_usage_incremental")
def filter_sharing_usage_incremental(ctx):
    """Nothing is shared in a fresh project, so the sharing filters match no backup; a nearly empty vault is not
    100 % used; `incremental` splits the backups."""
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id)
    expect(ctx.list_backups().count > 0, "there are backups to filter")
    full = ctx.list_backups(checkpoint_id=point.id, incremental=False)
    incremental = ctx.list_backups(checkpoint_id=point.id, incremental=True)
    expect_equal(full.count + incremental.count, ctx.list_backups(checkpoint_id=point.id).count,
                 "incremental=true and incremental=false split the backups")
    expect_equal(ctx.list_backups(own_type="shared").count, 0, "own_type=shared: nothing is shared")
    expect_equal(ctx.list_backups(member_status="accepted").count, 0, "member_status=accepted: no share members")
    expect_equal(ctx.list_backups(used_percent="100").count, 0, "used_percent=100: the vault is far from full")


def _restore(ctx, backup):
    mappings = [cbr.BackupRestoreServerMapping(backup_id=c.id, volume_id=c.resource_id) for c in backup.children or []]
    return ctx.cbr.restore_backup(cbr.RestoreBackupRequest(backup_id=backup.id, body=cbr.BackupRestoreReq(
        restore=cbr.BackupRestore(server_id=backup.resource_id, mappings=mappings))))


@check("backups.busy_errors")
def busy_errors(ctx):
    """A backup still protecting can be neither restored nor deleted; one being restored cannot be deleted."""
    vault = ctx.vault_with_server("vault")
    point = ctx.create_checkpoint(vault.id)
    protecting = ctx.server_backup(point.id)
    expect_equal(protecting.status, "protecting", "status of a new backup")
    expect_error(lambda: _restore(ctx, protecting), 400, ("BackupService.2005", "BackupService.2002"))
    expect_error(lambda: ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=protecting.id)), 400,
                 ("CSBS.2003", "BackupService.6201"))
    ctx.wait_checkpoint(point.id)
    expect_equal(_restore(ctx, protecting).status_code, 202, "restore once available")
    expect_error(lambda: _restore(ctx, protecting), 400, ("BackupService.2010", "BackupService.2005"))
    expect_error(lambda: ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=protecting.id)), 400, "CSBS.2003")


@check("backups.delete_disk_backup")
def delete_disk_backup(ctx):
    """A disk backup inside a server backup cannot be deleted on its own."""
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    expect(backup.children, "the server backup has disk backups")
    expect_error(lambda: ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=backup.children[0].id)), 400,
                 "BackupService.6201")


@check("backups.restore_requires_mappings")
def restore_requires_mappings(ctx):
    """A server restore needs `server_id` and `mappings` of every disk backup: `{}`, `server_id` alone,
    `volume_id` alone are 9900; leaving a disk backup out is a partial-disk restore (2012)."""
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    mappings = [cbr.BackupRestoreServerMapping(backup_id=c.id, volume_id=c.resource_id) for c in backup.children]

    def restore(**fields):
        return ctx.cbr.restore_backup(cbr.RestoreBackupRequest(backup_id=backup.id, body=cbr.BackupRestoreReq(
            restore=cbr.BackupRestore(**fields))))
    for fields in ({}, {"server_id": SERVER_ID}, {"volume_id": mappings[0].volume_id}):
        expect_error(lambda: restore(**fields), 400, "BackupService.9900")
    expect_error(lambda: restore(server_id=SERVER_ID, mappings=mappings[:1]), 400, "BackupService.2012")
    expect_equal(ctx.show_backup(backup.id).status, "available", "nothing was restored")
    expect_equal(restore(server_id=SERVER_ID, mappings=mappings).status_code, 202, "a complete restore")


@check("backups.unknown_resource_type")
def unknown_resource_type(ctx):
    expect_error(lambda: ctx.list_backups(resource_type="bogus"), 400, "BackupService.9900")


@check("backups.metadata")
def metadata(ctx):
    """`GET /backups/{id}/metadata` answers the backup's recorded resource (not the gateway's 404)."""
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    shown = ctx.cbr.show_metadata(cbr.ShowMetadataRequest(backup_id=backup.id))
    expect_equal(shown.backup_id, backup.id, "metadata.backup_id")
    expect(SERVER_ID in (shown.server or ""), "metadata.server names the backed-up server")
    expect_equal(len(shown.volumes or []), len(backup.children), "one metadata.volumes entry per disk backup")
    expect_error(lambda: ctx.cbr.show_metadata(cbr.ShowMetadataRequest(backup_id=UNKNOWN_ID)), 404,
                 "BackupService.6200")
