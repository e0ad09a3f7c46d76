"""Vaults: create, show, list with filters and paging, update (rename, resize), delete, the project summary."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import (SERVER_ID, SERVER_2_ID, SERVER_PROVIDER, DISK_PROVIDER, UNKNOWN_ID, check, expect,
                        expect_equal, expect_error)


@check("vaults.create")
def create(ctx):
    vault = ctx.create_vault("my_vault", size=200, description="conformance vault")
    expect(vault.id, "create_vault returns an id")
    expect_equal(vault.name, "my_vault", "vault.name")
    expect_equal(vault.description, "conformance vault", "vault.description")
    expect_equal(vault.project_id, ctx.settings["OS_PROJECT_ID"], "vault.project_id")
    expect_equal(vault.provider_id, SERVER_PROVIDER, "vault.provider_id")
    billing = vault.billing
    expect_equal((billing.size, billing.status, billing.object_type, billing.protect_type, billing.spec_code),
                 (200, "available", "server", "backup", "vault.backup.server.normal"), "vault.billing")
    expect_equal(billing.charging_mode, "post_paid", "billing.charging_mode default")
    expect_equal(vault.resources, [], "vault.resources")


@check("vaults.create_with_resources")
def create_with_resources(ctx):
    vault = ctx.create_vault("with_server", resources=[ctx.server(SERVER_ID)])
    expect_equal([r.id for r in vault.resources], [SERVER_ID], "vault.resources ids")
    expect_equal(vault.resources[0].type, "OS::Nova::Server", "resource type")


@check("vaults.create_disk_vault")
def create_disk_vault(ctx):
    vault = ctx.create_vault("disks", object_type="disk", size=50)
    expect_equal(vault.billing.spec_code, "vault.backup.volume.normal", "spec_code of a disk vault")
    expect_equal(vault.provider_id, DISK_PROVIDER, "provider_id of a disk vault")


@check("vaults.show")
def show(ctx):
    created = ctx.create_vault("shown", size=120)
    vault = ctx.show_vault(created.id)
    expect_equal((vault.id, vault.name, vault.billing.size), (created.id, "shown", 120), "show_vault fields")
    expect(vault.created_at, "vault.created_at is set")


@check("vaults.summary")
def summary(ctx):
    """`GET /vaults/summary` is the project's capacity, not a vault named `summary`: size sums `billing.size` and
    used_size what finished backups hold, both in GB (the seeded server's backup holds 8192 MB)."""
    empty = ctx.cbr.show_summary(cbr.ShowSummaryRequest())
    expect_equal((empty.size, empty.used_size), (0, 0), "show_summary of an empty project")
    vault = ctx.vault_with_server("summed")
    ctx.create_vault("extra", size=50)
    ctx.wait_checkpoint(ctx.create_checkpoint(vault.id).id)
    summary = ctx.cbr.show_summary(cbr.ShowSummaryRequest())
    expect_equal((summary.size, summary.used_size), (150, 8), "show_summary (size, used_size) in GB")


@check("vaults.list_filters")
def list_filters(ctx):
    alpha = ctx.create_vault("alpha")
    beta = ctx.create_vault("beta")
    disks = ctx.create_vault("gamma", object_type="disk")
    everything = ctx.cbr.list_vault(cbr.ListVaultRequest())
    expect_equal(everything.count, 3, "count of all vaults")
    by_name = ctx.cbr.list_vault(cbr.ListVaultRequest(name="beta"))
    expect_equal([v.id for v in by_name.vaults], [beta.id], "list_vault(name=beta)")
    by_type = ctx.cbr.list_vault(cbr.ListVaultRequest(object_type="disk"))
    expect_equal([v.id for v in by_type.vaults], [disks.id], "list_vault(object_type=disk)")
    by_ids = ctx.cbr.list_vault(cbr.ListVaultRequest(id=[alpha.id, disks.id]))
    expect_equal(sorted(v.id for v in by_ids.vaults), sorted([alpha.id, disks.id]), "list_vault(id=[a, c])")
    expect_equal(by_ids.count, 2, "count with repeated id")


@check("vaults.list_paging")
def list_paging(ctx):
    created = {ctx.create_vault("page_%d" % n).id for n in range(5)}
    seen = []
    for offset in (0, 2, 4):
        page = ctx.cbr.list_vault(cbr.ListVaultRequest(limit=2, offset=offset))
        expect_equal(page.count, 5, "count (total) at offset %d" % offset)
        expect_equal(len(page.vaults), 2 if offset < 4 else 1, "page size at offset %d" % offset)
        seen += [v.id for v in page.vaults]
    expect_equal(sorted(seen), sorted(created), "pages cover every vault once")


@check("vaults.update_name")
def update_name(ctx):
    vault = ctx.create_vault("before")
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(name="after"))
    updated = ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)).vault
    expect_equal(updated.name, "after", "update_vault response name")
    expect_equal(ctx.show_vault(vault.id).name, "after", "show_vault name after update")


@check("vaults.update_resize")
def update_resize(ctx):
    vault = ctx.create_vault("resized", size=100)
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(billing=cbr.BillingUpdate(size=300)))
    updated = ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)).vault
    expect_equal(updated.billing.size, 300, "update_vault response billing.size")
    expect_equal(ctx.show_vault(vault.id).billing.size, 300, "show_vault billing.size after resize")


@check("vaults.update_invalid_size")
def update_invalid_size(ctx):
    vault = ctx.create_vault("shrink", size=100)
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(billing=cbr.BillingUpdate(size=0)))
    expect_error(lambda: ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)),
                 400, ("BackupService.6101", "BackupService.9900"))


@check("vaults.delete")
def delete(ctx):
    vault = ctx.create_vault("doomed")
    response = ctx.cbr.delete_vault(cbr.DeleteVaultRequest(vault_id=vault.id))
    expect_equal(response.status_code, 204, "delete_vault status")

    def gone():
        try:
            ctx.show_vault(vault.id)
            return False
        except Exception:  # noqa: BLE001 - the exact error is asserted below
            return True
    ctx.wait_until(gone, "the deleted vault is gone")
    expect_error(lambda: ctx.show_vault(vault.id), 404, "BackupService.6105")
    expect_equal(ctx.cbr.list_vault(cbr.ListVaultRequest()).count, 0, "list_vault count after delete")


@check("vaults.invalid_size")
def invalid_size(ctx):
    expect_error(lambda: ctx.create_vault("tiny", size=5), 400, "BackupService.6101")


@check("vaults.unknown")
def unknown(ctx):
    error = expect_error(lambda: ctx.show_vault(UNKNOWN_ID), 404, "BackupService.6105")
    expect(bool(error.request_id), "the error carries the X-Request-Id")
    expect(bool(error.error_msg), "the error carries error_msg")


@check("vaults.list_encoded_name")
def list_encoded_name(ctx):
    """Non-ASCII letters survive the query string (and, with AK/SK, the canonical query of the signature); a filter
    with a space and reserved characters is read as sent."""
    name = "Sicherung_ü-备份1"
    vault = ctx.create_vault(name)
    expect_equal(vault.name, name, "vault.name")
    listed = ctx.cbr.list_vault(cbr.ListVaultRequest(name=name))
    expect_equal([v.id for v in listed.vaults], [vault.id], "list_vault(name=%r)" % name)
    reserved = ctx.cbr.list_vault(cbr.ListVaultRequest(name="Sicherung ü/备份+1"))
    expect_equal(reserved.count, 0, "list_vault(name with space, / and +)")


@check("vaults.name_rules")
def name_rules(ctx):
    """Vault names are 1-64 letters, digits, `_` and `-`: a space, `/`, `.`, control characters, NUL and 64 emoji
    are 400 BackupService.9900 on create and rename (never a 500, never stored cut short)."""
    for name in ("my vault", "a/b", "a.b", "tab\tname", "nul\u0000x", "\U0001F600" * 64, "n" * 65):
        expect_error(lambda: ctx.create_vault(name), 400, "BackupService.9900")
    vault = ctx.create_vault("备份_1-a")
    expect_equal(vault.name, "备份_1-a", "a name of CJK letters, digits, _ and -")
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(name="with space"))
    expect_error(lambda: ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)), 400,
                 "BackupService.9900")
    expect_equal([v.name for v in ctx.cbr.list_vault(cbr.ListVaultRequest()).vaults], ["备份_1-a"],
                 "only the valid vault exists")


@check("vaults.fractional_or_huge_size")
def fractional_or_huge_size(ctx):
    """A size that is not a whole number of GB, or too large to be one, is a bad size (6101), not unreadable JSON."""
    for size in (100.5, 1e30):
        expect_error(lambda: ctx.create_vault("sized", size=size), 400, "BackupService.6101")
    vault = ctx.create_vault("sized")
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(billing=cbr.BillingUpdate(size=100.5)))
    expect_error(lambda: ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=vault.id, body=body)), 400,
                 "BackupService.6101")


@check("vaults.tag_lists")
def tag_lists(ctx):
    """`tags` must not be empty when given, and no key may appear twice."""
    expect_error(lambda: ctx.create_vault("tagged", tags=[]), 400, "BackupService.9900")
    twice = [cbr.Tag(key="env", value="a"), cbr.Tag(key="env", value="b")]
    expect_error(lambda: ctx.create_vault("tagged", tags=twice), 400, "BackupService.9900")
    expect_equal(ctx.cbr.list_vault(cbr.ListVaultRequest()).count, 0, "no vault was created")


@check("vaults.options")
def options(ctx):
    """`locked`, `bind_rules`, `backup_name_prefix` and `availability_zone` are kept; update sets `locked` and
    `bind_rules`; a locked vault cannot be unlocked."""
    rules = cbr.VaultBindRules(tags=[cbr.BindRulesTags(key="env", value="prod")])
    vault = ctx.create_vault("optioned", locked=True, bind_rules=rules, backup_name_prefix="nightly",
                             availability_zone="cn-north-4a")
    for shown in (vault, ctx.show_vault(vault.id)):
        expect_equal((shown.locked, shown.availability_zone), (True, "cn-north-4a"), "locked, availability_zone")
        expect_equal([(t.key, t.value) for t in shown.bind_rules.tags], [("env", "prod")], "bind_rules.tags")
    expect_equal(vault.backup_name_prefix, "nightly", "backup_name_prefix")
    plain = ctx.create_vault("plain")
    body = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(locked=True, bind_rules=cbr.VaultBindRules(
        tags=[cbr.BindRulesTags(key="tier", value="1")])))
    updated = ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=plain.id, body=body)).vault
    expect_equal(updated.locked, True, "locked after update")
    expect_equal([(t.key, t.value) for t in updated.bind_rules.tags], [("tier", "1")], "bind_rules after update")
    unlock = cbr.VaultUpdateReq(vault=cbr.VaultUpdate(locked=False))
    expect_error(lambda: ctx.cbr.update_vault(cbr.UpdateVaultRequest(vault_id=plain.id, body=unlock)), 400,
                 "BackupService.6110")


@check("vaults.unknown_backup_policy")
def unknown_backup_policy(ctx):
    expect_error(lambda: ctx.create_vault("bound", backup_policy_id=UNKNOWN_ID), 404, "BackupService.6000")
    expect_equal(ctx.cbr.list_vault(cbr.ListVaultRequest()).count, 0, "no vault was created")


@check("vaults.batch_update")
def batch_update(ctx):
    """`PUT /vaults/batch-update` is its own operation (not `update_vault` of a vault named batch-update)."""
    first, second = ctx.create_vault("first"), ctx.create_vault("second")
    body = cbr.BatchUpdateVaultRequestBody(vault=cbr.VaultBatchUpdate(smn_notify=False, threshold=90))
    updated = ctx.cbr.batch_update_vault(cbr.BatchUpdateVaultRequest(body=body))
    expect_equal(sorted(updated.updated_vaults_id), sorted([first.id, second.id]), "updated_vaults_id")
    expect_equal((ctx.show_vault(first.id).smn_notify, ctx.show_vault(first.id).threshold), (False, 90),
                 "smn_notify and threshold after the batch update")


@check("vaults.list_external")
def list_external(ctx):
    """`GET /vaults/external` lists the vaults of a project of the same account in a region, not a vault."""
    vault = ctx.create_vault("mine")
    request = cbr.ListExternalVaultRequest(external_project_id=ctx.settings["OS_PROJECT_ID"],
                                           region_id=ctx.settings["OS_REGION_NAME"])
    listed = ctx.cbr.list_external_vault(request)
    expect_equal([v.id for v in listed.vaults], [vault.id], "list_external_vault")


@check("vaults.delete_while_backing_up")
def delete_while_backing_up(ctx):
    vault = ctx.vault_with_server("busy")
    point = ctx.create_checkpoint(vault.id)
    expect_error(lambda: ctx.cbr.delete_vault(cbr.DeleteVaultRequest(vault_id=vault.id)), 400,
                 ("BackupService.6203", "BackupService.6112"))
    ctx.wait_checkpoint(point.id)
    expect_equal(ctx.cbr.delete_vault(cbr.DeleteVaultRequest(vault_id=vault.id)).status_code, 204,
                 "delete_vault once the backup is done")


@check("vaults.list_matching_nothing")
def list_matching_nothing(ctx):
    """A `resource_ids` or `policy_id` filter that matches no vault is an empty 200, also beside other filters."""
    ctx.vault_with_server("holding")
    for query in ({"resource_ids": SERVER_2_ID}, {"policy_id": UNKNOWN_ID},
                  {"resource_ids": SERVER_2_ID, "name": "holding", "limit": 5, "offset": 0},
                  {"policy_id": UNKNOWN_ID, "object_type": "server", "limit": 1}):
        listed = ctx.cbr.list_vault(cbr.ListVaultRequest(**query))
        expect_equal((listed.count, listed.vaults), (0, []), "list_vault(%s)" % ", ".join(sorted(query)))


@check("vaults.storage_usage")
def storage_usage(ctx):
    """`GET /storage_usage`: per resource, the finished backups and their size, with filters and paging."""
    vault = ctx.vault_with_server("used", servers=(SERVER_ID, SERVER_2_ID))
    ctx.backup_checkpoint(vault.id)
    usage = ctx.cbr.show_storage_usage(cbr.ShowStorageUsageRequest())
    expect_equal(usage.resource_count, 2, "resource_count")
    expect_equal(sorted(u.resource_id for u in usage.storage_usage), sorted([SERVER_ID, SERVER_2_ID]),
                 "storage_usage resource ids")
    expect(all(u.backup_count == 1 and u.backup_size > 0 for u in usage.storage_usage),
           "one backup with a size per resource")
    one = ctx.cbr.show_storage_usage(cbr.ShowStorageUsageRequest(resource_id=SERVER_ID))
    expect_equal([u.resource_id for u in one.storage_usage], [SERVER_ID], "show_storage_usage(resource_id)")
    page = ctx.cbr.show_storage_usage(cbr.ShowStorageUsageRequest(limit=1, offset=1))
    expect_equal((page.resource_count, len(page.storage_usage)), (2, 1), "show_storage_usage(limit=1, offset=1)")
    expect_error(lambda: ctx.cbr.show_storage_usage(cbr.ShowStorageUsageRequest(resource_type="bogus")), 400,
                 "BackupService.9900")
