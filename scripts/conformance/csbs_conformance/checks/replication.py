"""Replication: copy_backup and copy_checkpoint from the demo project (cn-north-4) to a replication vault of the
emulator's other region (cn-south-1, the `other` account's project), where the copy is a `replication` backup."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import SERVER_ID, UNKNOWN_ID, check, expect, expect_equal, expect_error
from .features import OTHER_REGION
from .members import _recipient
from .errors import OTHER_PROJECT_ID


def _destination_vault(client, protect_type="replication", object_type="server"):
    billing = cbr.BillingCreate(consistent_level="crash_consistent", object_type=object_type,
                                protect_type=protect_type, size=100)
    body = cbr.VaultCreate(name="replicas", billing=billing, resources=[])
    return client.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(vault=body))).vault


def _copy_backup(ctx, backup_id, vault_id, region=OTHER_REGION, project_id=OTHER_PROJECT_ID, name=None):
    body = cbr.BackupReplicateReqBody(destination_project_id=project_id, destination_region=region,
                                      destination_vault_id=vault_id, name=name)
    return ctx.cbr.copy_backup(cbr.CopyBackupRequest(backup_id=backup_id,
                                                     body=cbr.BackupReplicateReq(replicate=body)))


def _copy_checkpoint(ctx, vault_id, destination_vault_id):
    body = cbr.CheckpointReplicateParam(vault_id=vault_id, destination_project_id=OTHER_PROJECT_ID,
                                        destination_region=OTHER_REGION, destination_vault_id=destination_vault_id)
    return ctx.cbr.copy_checkpoint(cbr.CopyCheckpointRequest(body=cbr.CheckpointReplicateReq(replicate=body)))


def _replicas(client):
    return client.list_backups(cbr.ListBackupsRequest(image_type="replication")).backups


@check("replication.copy_backup_and_checkpoint")
def copy_backup_and_checkpoint(ctx):
    vault = ctx.vault_with_server("source")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id, [SERVER_ID]).id)
    other = _recipient(ctx)
    destination = _destination_vault(other)

    copied = _copy_backup(ctx, backup.id, destination.id, name="dr_copy").replication
    expect_equal((copied.backup_id, copied.source_region, copied.destination_region, copied.destination_vault_id,
                  copied.project_id), (backup.id, ctx.settings["OS_REGION_NAME"], OTHER_REGION, destination.id,
                                       ctx.settings["OS_PROJECT_ID"]), "copy_backup answer")
    expect(copied.replication_record_id, "replication_record_id is set")
    replica = ctx.wait_until(lambda: [b for b in _replicas(other) if b.status == "available"],
                             "the replica is available")[0]
    expect_equal((replica.id, replica.vault_id, replica.image_type, replica.name, len(replica.children or [])),
                 (copied.replication_record_id, destination.id, "replication", "dr_copy", len(backup.children)),
                 "the replica in the destination vault")
    expect_error(lambda: _copy_backup(ctx, backup.id, destination.id), 400, "BackupService.6120")

    # The copy is a replication task of the source project and a replication record of the source backup.
    tasks = ctx.cbr.list_op_logs(cbr.ListOpLogsRequest(operation_type="replication", vault_id=vault.id)).operation_logs
    expect_equal(len(tasks), 1, "list_op_logs(operation_type=replication): one task")
    info = tasks[0].extra_info.replication
    expect_equal((info.source_backup_id, info.destination_backup_id, info.destination_project_id,
                  info.destination_region, info.source_region, info.destination_backup_name),
                 (backup.id, replica.id, OTHER_PROJECT_ID, OTHER_REGION, ctx.settings["OS_REGION_NAME"], "dr_copy"),
                 "the task's extra_info.replication")
    records = ctx.show_backup(backup.id).replication_records or []
    expect_equal([(r.id, r.status, r.destination_vault_id, r.destination_checkpoint_id) for r in records],
                 [(replica.id, "available", destination.id, info.destination_checkpoint_id)],
                 "show_backup: the source backup's replication_records")

    ctx.backup_checkpoint(vault.id, [SERVER_ID], name="second")
    answer = _copy_checkpoint(ctx, vault.id, destination.id).replication
    expect_equal((len(answer.backups), answer.vault_id), (1, vault.id), "copy_checkpoint copies the new backup only")
    expect_equal(len(_replicas(other)), 2, "two replicas in the destination")


@check("replication.errors")
def errors(ctx):
    vault = ctx.vault_with_server("source")
    backup = ctx.server_backup(ctx.backup_checkpoint(vault.id, [SERVER_ID]).id)
    other = _recipient(ctx)
    destination = _destination_vault(other)
    expect_error(lambda: _copy_backup(ctx, backup.id, destination.id, name="a b"), 400, "BackupService.9900")
    expect_error(lambda: _copy_backup(ctx, UNKNOWN_ID, destination.id), 404, "BackupService.6200")
    expect_error(lambda: _copy_backup(ctx, backup.id, destination.id, region=ctx.settings["OS_REGION_NAME"]), 400,
                 "BackupService.1011")
    expect_error(lambda: _copy_backup(ctx, backup.id, UNKNOWN_ID), 404, "BackupService.6105")
    expect_error(lambda: _copy_backup(ctx, backup.id, _destination_vault(other, protect_type="backup").id), 400,
                 "BackupService.6118")
    expect_error(lambda: _copy_backup(ctx, backup.children[0].id, destination.id), 400, "BackupService.6119")
    expect_error(lambda: _copy_checkpoint(ctx, UNKNOWN_ID, destination.id), 404, "BackupService.6105")
