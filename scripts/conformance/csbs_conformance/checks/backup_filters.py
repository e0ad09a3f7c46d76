"""Backups: the list filters that select by the vault (enterprise project, usage) and the Booleans the SDK sends
(`incremental`, `show_replication`, `dec`), including their invalid values."""
from ..registry import SERVER_ID, check, expect, expect_equal, expect_error


@check("backup_filters.enterprise_project")
def enterprise_project(ctx):
    """A vault created without an enterprise project is in project "0"; `all_granted_eps` is every project."""
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id, [SERVER_ID])
    total = ctx.list_backups(checkpoint_id=point.id).count
    expect(total >= 1, "the checkpoint has backups")
    expect_equal(ctx.list_backups(checkpoint_id=point.id, enterprise_project_id="0").count, total,
                 "enterprise_project_id=0")
    expect_equal(ctx.list_backups(checkpoint_id=point.id, enterprise_project_id="all_granted_eps").count, total,
                 "enterprise_project_id=all_granted_eps")
    expect_equal(ctx.list_backups(checkpoint_id=point.id,
                                  enterprise_project_id="b9b1c4a4-9c5e-4f3a-9d55-3f1e2a7c0d11").count, 0,
                 "enterprise_project_id of another project")


@check("backup_filters.booleans_and_usage")
def booleans_and_usage(ctx):
    """`show_replication` and `dec` change nothing here; `used_percent=1` keeps the backups of a used vault."""
    vault = ctx.vault_with_server("vault")
    point = ctx.backup_checkpoint(vault.id, [SERVER_ID])
    total = ctx.list_backups(checkpoint_id=point.id).count
    expect_equal(ctx.list_backups(checkpoint_id=point.id, show_replication=True, dec=False).count, total,
                 "show_replication=true&dec=false")
    used = ctx.list_backups(checkpoint_id=point.id, used_percent="1").count
    expect(used in (0, total), "used_percent=1 keeps all or none of one vault's backups, got %d" % used)


@check("backup_filters.invalid_values")
def invalid_values(ctx):
    for query in ({"own_type": "mine"}, {"member_status": "maybe"}, {"used_percent": "0"},
                  {"used_percent": "101"}):
        expect_error(lambda: ctx.list_backups(**query), 400, "BackupService.9900")
