"""update_expiration_time: when the backups of a vault expire (the end of a day in the caller's time zone), with a
task that records it."""
from datetime import timedelta

from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import UNKNOWN_ID, check, expect, expect_equal, expect_error
from .schedules import _now


def _update(ctx, vault_id, day, time_zone="UTC+08:00"):
    body = cbr.UpdateExpirationTimeReq(expect_expiration_date=day, time_zone=time_zone)
    return ctx.cbr.update_expiration_time(cbr.UpdateExpirationTimeRequest(vault_id=vault_id, body=body))


@check("expiration.update")
def update(ctx):
    vault = ctx.vault_with_server("expiring")
    point = ctx.backup_checkpoint(vault.id)
    backup = ctx.server_backup(point.id)
    expect_equal(ctx.show_backup(backup.id).expired_at, None, "expired_at of a manual backup kept forever")
    day = (_now(ctx) + timedelta(days=10)).strftime("%Y-%m-%d")
    answer = _update(ctx, vault.id, day)
    expect_equal((answer.affected_backups_count, answer.new_expiration_day), (1, day), "answer")
    expect(str(ctx.show_backup(backup.id).expired_at).startswith(day + "T16:00:00"),
           "expired_at is the end of %s in UTC+08:00, got %r" % (day, ctx.show_backup(backup.id).expired_at))
    task = ctx.cbr.show_op_log(cbr.ShowOpLogRequest(operation_log_id=answer.operation_log_id)).operation_log
    expect_equal(task.operation_type, "update_expiration_time", "the task's operation_type")
    expect_equal(task.extra_info.update_expiration_time.affected_backups_count, 1, "the task's affected count")
    never = _update(ctx, vault.id, None)
    expect_equal(never.affected_backups_count, 1, "affected_backups_count without a date")
    expect_equal(ctx.show_backup(backup.id).expired_at, None, "expired_at without a date")


@check("expiration.errors")
def errors(ctx):
    vault = ctx.create_vault("expiring")
    yesterday = (_now(ctx) - timedelta(days=1)).strftime("%Y-%m-%d")
    expect_error(lambda: _update(ctx, vault.id, "2030-02-30"), 400, "BackupService.9900")
    expect_error(lambda: _update(ctx, vault.id, "2030-01-01", time_zone="CET"), 400, "BackupService.9900")
    expect_error(lambda: _update(ctx, vault.id, yesterday), 400, "BackupService.9900")
    expect_error(lambda: _update(ctx, UNKNOWN_ID, "2030-01-01"), 404, "BackupService.6105")
