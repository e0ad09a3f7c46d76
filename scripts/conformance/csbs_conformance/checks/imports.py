"""Hybrid-cloud synchronization, simulated: import_checkpoint and import_backup check the request and write a `sync`
task that finds nothing to import (the emulator has no on-premises backup storage unit)."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import check, expect_equal, expect_error

ZERO = {"sync_backup_num": 0, "delete_backup_num": 0, "err_sync_backup_num": 0}


def sync_task(ctx, task_id):
    task = ctx.cbr.show_op_log(cbr.ShowOpLogRequest(operation_log_id=task_id)).operation_log
    counts = task.extra_info.sync
    return (task.operation_type, task.status,
            {"sync_backup_num": counts.sync_backup_num, "delete_backup_num": counts.delete_backup_num,
             "err_sync_backup_num": counts.err_sync_backup_num})


@check("imports.import_checkpoint")
def import_checkpoint(ctx):
    hybrid = ctx.cbr.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(vault=cbr.VaultCreate(
        name="hybrid", resources=[], billing=cbr.BillingCreate(
            cloud_type="hybrid", consistent_level="crash_consistent", object_type="server", protect_type="backup",
            size=100))))).vault

    def sync(vault_id):
        body = cbr.SyncReq(sync=cbr.SyncParam(vault_id=vault_id, auto_trigger=False))
        return ctx.cbr.import_checkpoint(cbr.ImportCheckpointRequest(body=body)).sync

    answer = sync(hybrid.id)
    expect_equal(answer.vault_id, hybrid.id, "sync.vault_id")
    expect_equal(sync_task(ctx, answer.operation_log_id), ("sync", "success", ZERO), "the sync task")
    expect_equal(ctx.list_backups(vault_id=hybrid.id).count, 0, "backups after a sync")
    public = ctx.create_vault("public")
    expect_error(lambda: sync(public.id), 400, "BackupService.9900")
    expect_error(lambda: sync("00000000-0000-4000-8000-000000000000"), 404, "BackupService.6105")


@check("imports.import_backup")
def import_backup(ctx):
    def item(backup_id, bucket_name="unit-1", resource_type="OS::VMware::Server"):
        return cbr.BackupSync(backup_id=backup_id, backup_name="onprem_backup", bucket_name=bucket_name,
                              image_path="/chains/" + backup_id, resource_id="vm-1", resource_name="vm-1",
                              resource_type=resource_type, created_at=1548898428)

    def sync(items):
        return ctx.cbr.import_backup(cbr.ImportBackupRequest(body=cbr.BackupSyncReq(sync=items))).sync

    answers = sync([item("b1"), item("b2")])
    expect_equal([a.backup_id for a in answers], ["b1", "b2"], "sync[].backup_id")
    expect_equal(sync_task(ctx, answers[0].operation_log_id), ("sync", "success", ZERO), "the sync task")
    expect_error(lambda: sync([]), 400, "BackupService.9900")
    expect_error(lambda: sync([item("b1", bucket_name="")]), 400, "BackupService.9900")
    expect_error(lambda: sync([item("b1", resource_type="OS::Nova::Server")]), 400, "BackupService.9900")
