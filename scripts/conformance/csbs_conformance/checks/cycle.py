"""The whole life of a backup: vault → resources → checkpoint → restore → delete → vault delete."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import SERVER_ID, check, expect, expect_equal, expect_error


@check("cycle.backup_restore_delete")
def backup_restore_delete(ctx):
    vault = ctx.create_vault("cycle_vault", size=200)
    ctx.cbr.add_vault_resource(cbr.AddVaultResourceRequest(vault_id=vault.id, body=cbr.VaultAddResourceReq(
        resources=[ctx.server(SERVER_ID, "ecs-9f93-0002")])))
    point = ctx.create_checkpoint(vault.id, [SERVER_ID], name="cycle_backup")
    expect_equal(point.status, "protecting", "new checkpoint")
    ctx.wait_checkpoint(point.id)
    backup = ctx.server_backup(point.id)
    expect_equal(backup.status, "available", "backup status")

    mappings = [cbr.BackupRestoreServerMapping(backup_id=c.id, volume_id=c.resource_id) for c in backup.children]
    restored = ctx.cbr.restore_backup(cbr.RestoreBackupRequest(backup_id=backup.id, body=cbr.BackupRestoreReq(
        restore=cbr.BackupRestore(server_id=SERVER_ID, mappings=mappings, power_on=True))))
    expect_equal(restored.status_code, 202, "restore_backup status")
    ctx.wait_until(lambda: ctx.show_backup(backup.id).status == "available", "the restore finishes")

    deleted = ctx.cbr.delete_backup(cbr.DeleteBackupRequest(backup_id=backup.id))
    expect_equal(deleted.status_code, 204, "delete_backup status")
    ctx.wait_until(lambda: ctx.list_backups(checkpoint_id=point.id).count == 0, "the checkpoint's backups are gone")
    expect_error(lambda: ctx.show_backup(backup.id), 404, "BackupService.6200")

    expect_equal(ctx.cbr.delete_vault(cbr.DeleteVaultRequest(vault_id=vault.id)).status_code, 204,
                 "delete_vault status")

    def vault_gone():
        return ctx.cbr.list_vault(cbr.ListVaultRequest()).count == 0
    ctx.wait_until(vault_gone, "the vault is gone")
    expect(True, "cycle complete")
