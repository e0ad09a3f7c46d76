"""Backup sharing (members): the sharer adds, lists, shows and removes the projects a backup is shared with; the
recipient (the `other` account) sees the backup as shared and accepts or rejects it."""
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcbr.v1 import model as cbr

from .. import auth
from ..registry import SERVER_ID, UNKNOWN_ID, check, expect, expect_equal, expect_error
from .errors import OTHER_AK, OTHER_PROJECT_ID, OTHER_SK

STRANGER_PROJECT_ID = "0123456789abcdef0123456789abcdef"


def _recipient(ctx):
    """The `other` account's client (AK/SK in both modes: the sharer's mode is what each run varies)."""
    return auth.cbr_client(ctx.emulator.endpoint, BasicCredentials(OTHER_AK, OTHER_SK, OTHER_PROJECT_ID))


def _backup(ctx):
    vault = ctx.vault_with_server("shared")
    return ctx.server_backup(ctx.backup_checkpoint(vault.id, [SERVER_ID]).id)


def _add(client, backup_id, members):
    return client.add_member(cbr.AddMemberRequest(backup_id=backup_id, body=cbr.AddMembersReq(members=members)))


def _answer(client, backup_id, status, vault_id=None):
    return client.update_member_status(cbr.UpdateMemberStatusRequest(
        backup_id=backup_id, member_id=OTHER_PROJECT_ID, body=cbr.UpdateMember(status=status, vault_id=vault_id)))


def _shared_ids(client, **query):
    return [b.id for b in client.list_backups(cbr.ListBackupsRequest(**query)).backups]


def _recipient_vault(client, name="accepted"):
    billing = cbr.BillingCreate(consistent_level="crash_consistent", object_type="server", protect_type="backup",
                                size=100)
    body = cbr.VaultCreate(name=name, billing=billing, resources=[])
    return client.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(vault=body))).vault


@check("members.share_accept_remove")
def share_accept_remove(ctx):
    backup = _backup(ctx)
    recipient = _recipient(ctx)
    added = _add(ctx.cbr, backup.id, [OTHER_PROJECT_ID])
    expect_equal(added.status_code, 200, "add_member status")
    expect_equal(len(added.members), 1, "add_member members")
    member = added.members[0]
    expect_equal((member.backup_id, member.dest_project_id, member.status, member.vault_id),
                 (backup.id, OTHER_PROJECT_ID, "pending", None), "the new member")
    expect(member.id and member.created_at and member.updated_at, "member id and times are set")

    listed = ctx.cbr.show_members_detail(cbr.ShowMembersDetailRequest(backup_id=backup.id))
    expect_equal((listed.count, [m.id for m in listed.members]), (1, [member.id]), "show_members_detail")
    shown = ctx.cbr.show_member_detail(cbr.ShowMemberDetailRequest(backup_id=backup.id, member_id=OTHER_PROJECT_ID))
    expect_equal(shown.member.id, member.id, "show_member_detail by the destination project id")

    expect_equal(_shared_ids(recipient, own_type="shared"), [backup.id], "the recipient lists the backup as shared")
    expect_equal(_shared_ids(recipient), [], "the recipient's own backups do not include it")
    expect_equal(_shared_ids(recipient, member_status="pending"), [backup.id], "member_status=pending")

    vault = _recipient_vault(recipient)
    accepted = _answer(recipient, backup.id, "accepted", vault.id)
    expect_equal((accepted.member.status, accepted.member.vault_id), ("accepted", vault.id), "accepted member")
    expect_equal(_shared_ids(recipient, member_status="accepted"), [backup.id], "member_status=accepted")
    rejected = _answer(recipient, backup.id, "rejected")
    expect_equal((rejected.member.status, rejected.member.vault_id), ("rejected", None), "rejected member")

    deleted = ctx.cbr.delete_member(cbr.DeleteMemberRequest(backup_id=backup.id, member_id=OTHER_PROJECT_ID))
    expect_equal(deleted.status_code, 204, "delete_member status")
    expect_equal(_shared_ids(recipient, own_type="shared"), [], "no longer shared")
    expect_error(lambda: ctx.cbr.show_member_detail(cbr.ShowMemberDetailRequest(
        backup_id=backup.id, member_id=OTHER_PROJECT_ID)), 404, "BackupService.6703")


@check("members.errors")
def errors(ctx):
    backup = _backup(ctx)
    recipient = _recipient(ctx)
    expect_error(lambda: _add(ctx.cbr, backup.id, []), 400, "BackupService.9900")
    expect_error(lambda: _add(ctx.cbr, backup.id, ["not-a-project"]), 400, "BackupService.9900")
    expect_error(lambda: _add(ctx.cbr, backup.id, [ctx.settings["OS_PROJECT_ID"]]), 400, "BackupService.9900")
    expect_error(lambda: _add(ctx.cbr, UNKNOWN_ID, [OTHER_PROJECT_ID]), 404, "BackupService.6200")
    expect_error(lambda: _add(ctx.cbr, backup.children[0].id, [OTHER_PROJECT_ID]), 400, "BackupService.6700")
    _add(ctx.cbr, backup.id, [OTHER_PROJECT_ID])
    expect_error(lambda: _add(ctx.cbr, backup.id, [STRANGER_PROJECT_ID, OTHER_PROJECT_ID]), 400,
                 "BackupService.6701")
    expect_error(lambda: ctx.cbr.show_member_detail(cbr.ShowMemberDetailRequest(
        backup_id=backup.id, member_id=STRANGER_PROJECT_ID)), 404, "BackupService.6703")
    expect_error(lambda: ctx.cbr.show_members_detail(cbr.ShowMembersDetailRequest(
        backup_id=backup.id, status="done")), 400, "BackupService.9900")
    expect_error(lambda: _answer(recipient, backup.id, "accepted"), 400, "BackupService.9900")
    expect_error(lambda: _answer(recipient, backup.id, "accepted", UNKNOWN_ID), 404, "BackupService.6105")
    expect_error(lambda: _answer(ctx.cbr, backup.id, "rejected"), 400, "BackupService.6704")
    expect_error(lambda: recipient.delete_member(cbr.DeleteMemberRequest(
        backup_id=backup.id, member_id=OTHER_PROJECT_ID)), 400, "BackupService.6704")


@check("members.recipient_shows")
def recipient_shows(ctx):
    """The recipient reads a backup shared with it (show_backup, show_metadata) as long as it is shared; changing it
    stays with the owner."""
    backup = _backup(ctx)
    recipient = _recipient(ctx)

    def show():
        return recipient.show_backup(cbr.ShowBackupRequest(backup_id=backup.id)).backup

    expect_error(show, 404, "BackupService.6200")
    _add(ctx.cbr, backup.id, [OTHER_PROJECT_ID])
    shown = show()
    expect_equal((shown.id, shown.project_id, shown.vault_id), (backup.id, backup.project_id, backup.vault_id),
                 "show_backup by the recipient: the owner's backup")
    metadata = recipient.show_metadata(cbr.ShowMetadataRequest(backup_id=backup.id))
    expect_equal(metadata.backup_id, backup.id, "show_metadata by the recipient")
    expect_error(lambda: recipient.delete_backup(cbr.DeleteBackupRequest(backup_id=backup.id)), 404,
                 "BackupService.6200")
    ctx.cbr.delete_member(cbr.DeleteMemberRequest(backup_id=backup.id, member_id=OTHER_PROJECT_ID))
    expect_error(show, 404, "BackupService.6200")
