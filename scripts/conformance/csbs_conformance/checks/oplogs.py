"""Operation logs (tasks): written by backups, listed with filters and paging, shown."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import SERVER_ID, UNKNOWN_ID, check, expect, expect_equal, expect_error


def _logs(ctx, **query):
    return ctx.cbr.list_op_logs(cbr.ListOpLogsRequest(**query))


@check("oplogs.backup_logged")
def backup_logged(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id)
    logs = _logs(ctx, operation_type="backup", vault_id=vault.id)
    expect_equal(logs.count, 1, "one backup op-log for the vault")
    log = logs.operation_logs[0]
    expect_equal((log.operation_type, log.status, log.checkpoint_id, log.vault_id),
                 ("backup", "success", point.id, vault.id), "op-log fields")
    expect_equal(log.extra_info.resource.id, SERVER_ID, "extra_info.resource.id")
    backup = ctx.server_backup(point.id)
    expect_equal(log.extra_info.backup.backup_id, backup.id, "extra_info.backup.backup_id")
    expect_equal(log.extra_info.common.progress, 100, "extra_info.common.progress")


@check("oplogs.running_then_success")
def running_then_success(ctx):
    vault = ctx.vault_with_server("vault")
    point = ctx.create_checkpoint(vault.id)
    running = _logs(ctx, status="running", vault_id=vault.id)
    expect_equal(running.count, 1, "a running op-log while the backup is protecting")
    ctx.wait_checkpoint(point.id)
    expect_equal(_logs(ctx, status="running").count, 0, "no running op-log afterwards")
    expect_equal(_logs(ctx, status="success").count, 1, "one successful op-log afterwards")


@check("oplogs.show_and_paging")
def show_and_paging(ctx):
    vault = ctx.vault_with_server("vault")
    for name in ("one", "two", "three"):
        ctx.backup_checkpoint(vault.id, name=name)
    everything = _logs(ctx, vault_id=vault.id)
    expect_equal(everything.count, 3, "three op-logs")
    pages = [log.id for log in _logs(ctx, limit=2, offset=0).operation_logs]
    pages += [log.id for log in _logs(ctx, limit=2, offset=2).operation_logs]
    expect_equal(sorted(pages), sorted(log.id for log in everything.operation_logs), "limit/offset pages")
    first = everything.operation_logs[0]
    shown = ctx.cbr.show_op_log(cbr.ShowOpLogRequest(operation_log_id=first.id)).operation_log
    expect_equal((shown.id, shown.operation_type, shown.status), (first.id, first.operation_type, first.status),
                 "show_op_log fields")


@check("oplogs.unknown")
def unknown(ctx):
    expect_error(lambda: ctx.cbr.show_op_log(cbr.ShowOpLogRequest(operation_log_id=UNKNOWN_ID)), 404,
                 "BackupService.6500")


@check("oplogs.delete_and_restore_logged")
def delete_and_restore_logged(ctx):
    vault = ctx.vault_with_server("vault")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id).id)
    ctx.cbr.restore_backup(cbr.RestoreBackupRequest(backup_id=backup.id, body=cbr.BackupRestoreReq(
        restore=cbr.BackupRestore(server_id=SERVER_ID, mappings=[
            cbr.BackupRestoreServerMapping(backup_id=c.id, volume_id=c.resource_id) for c in backup.children]))))
    ctx.wait_until(lambda: _logs(ctx, operation_type="restore", status="success").count == 1,
                   "the restore op-log succeeds")
    ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=backup.id))
    ctx.wait_until(lambda: _logs(ctx, operation_type="delete", status="success").count == 1,
                   "the delete op-log succeeds")
    restore = _logs(ctx, operation_type="restore").operation_logs[0]
    expect(restore.extra_info.restore is not None and restore.extra_info.restore.backup_id == backup.id,
           "extra_info.restore.backup_id")
