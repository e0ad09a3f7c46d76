"""The CSBS v1 → CBR migration, simulated and done at once: migrate_domain (POST /v3/migrates) moves the project's
CSBS backups into CBR, a server vault per server; show_migrate_status reports the projects migrated."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import SERVER_ID, check, expect, expect_equal, expect_error
from .csbs import PROVIDER, _call


def migrate(ctx, all_regions=False, reservation=0.2):
    body = cbr.DomainMigrate(all_regions=all_regions, reservation=reservation)
    return ctx.cbr.migrate_domain(cbr.MigrateDomainRequest(body=body))


def status(ctx, all_regions=True):
    return ctx.cbr.show_migrate_status(cbr.ShowMigrateStatusRequest(all_regions=all_regions))


@check("migrations.csbs_backups_move_to_cbr")
def csbs_backups_move_to_cbr(ctx):
    region = ctx.settings["OS_REGION_NAME"]
    before = status(ctx)
    expect_equal((before.status, before.project_status), ("success", []), "status before any migration")
    body = {"protect": {"backup_name": "legacy", "description": "conformance"}}
    record = _call(ctx, "POST", "/providers/%s/resources/%s/action" % (PROVIDER, SERVER_ID), body)["checkpoint"]
    items = ctx.wait_until(
        lambda: [i for i in _call(ctx, "GET", "/checkpoint_items")["checkpoint_items"]
                 if i["checkpoint_id"] == record["id"] and i["status"] == "available"],
        "the CSBS backup is available")
    expect_equal(migrate(ctx).body, {region: "running"}, "migrate_domain's answer")
    expect_equal(_call(ctx, "GET", "/checkpoint_items")["checkpoint_items"], [], "CSBS backups after the migration")
    backup = ctx.show_backup(items[0]["id"])
    expect_equal((backup.checkpoint_id, backup.resource_id, backup.status, backup.name),
                 (record["id"], SERVER_ID, "available", "legacy"), "the migrated backup")
    vault = ctx.show_vault(backup.vault_id)
    expect_equal([r.id for r in vault.resources], [SERVER_ID], "the migration vault's resources")
    ctx.backup_checkpoint(vault.id)
    shown = status(ctx)
    expect_equal(shown.status, "success", "status after the migration")
    expect_equal([(p.project_name, p.region_id, p.status, p.progress) for p in shown.project_status],
                 [(region, region, "success", 100)], "project_status")
    expect(all(p.project_id for p in shown.project_status), "project_status names the project id")


@check("migrations.refuses_bad_parameters")
def refuses_bad_parameters(ctx):
    expect_error(lambda: migrate(ctx, reservation=1.5), 400, "BackupService.9900")
    expect_error(lambda: migrate(ctx, all_regions=None), 400, "BackupService.9900")
