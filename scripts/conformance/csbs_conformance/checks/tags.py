"""Vault tags: create (overwrite), show, delete, batch action, project tags."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import UNKNOWN_ID, check, expect_equal, expect_error


def _create(ctx, vault_id, key, value):
    return ctx.cbr.create_vault_tags(cbr.CreateVaultTagsRequest(
        vault_id=vault_id, body=cbr.VaultTagsCreateReq(tag=cbr.TagCreate(key=key, value=value))))


def _tags(ctx, vault_id):
    return {t.key: t.value for t in ctx.cbr.show_vault_tag(cbr.ShowVaultTagRequest(vault_id=vault_id)).tags}


@check("tags.create_show_overwrite")
def create_show_overwrite(ctx):
    vault = ctx.create_vault("tagged")
    response = _create(ctx, vault.id, "env", "test")
    expect_equal(response.status_code, 204, "create_vault_tags status")
    _create(ctx, vault.id, "owner", "csbs")
    expect_equal(_tags(ctx, vault.id), {"env": "test", "owner": "csbs"}, "show_vault_tag")
    _create(ctx, vault.id, "env", "prod")
    expect_equal(_tags(ctx, vault.id), {"env": "prod", "owner": "csbs"}, "the same key overwrites")
    expect_equal({t.key: t.value for t in ctx.show_vault(vault.id).tags}, {"env": "prod", "owner": "csbs"},
                 "show_vault tags")


@check("tags.delete")
def delete(ctx):
    vault = ctx.create_vault("tagged")
    _create(ctx, vault.id, "env", "test")
    response = ctx.cbr.delete_vault_tag(cbr.DeleteVaultTagRequest(vault_id=vault.id, key="env"))
    expect_equal(response.status_code, 204, "delete_vault_tag status")
    expect_equal(_tags(ctx, vault.id), {}, "tags after delete")
    expect_error(lambda: ctx.cbr.delete_vault_tag(cbr.DeleteVaultTagRequest(vault_id=vault.id, key="env")), 404,
                 "BackupService.6601")


@check("tags.batch")
def batch(ctx):
    vault = ctx.create_vault("tagged")

    def action(name, pairs):
        tags = [cbr.BulkCreateAndDeleteTags(key=k, value=v) for k, v in pairs]
        return ctx.cbr.batch_create_and_delete_vault_tags(cbr.BatchCreateAndDeleteVaultTagsRequest(
            vault_id=vault.id, body=cbr.BulkCreateAndDeleteVaultTagsReq(action=name, tags=tags)))
    expect_equal(action("create", [("a", "1"), ("b", "2"), ("c", "3")]).status_code, 204, "batch create status")
    expect_equal(_tags(ctx, vault.id), {"a": "1", "b": "2", "c": "3"}, "tags after batch create")
    expect_equal(action("delete", [("a", "1"), ("c", "3")]).status_code, 204, "batch delete status")
    expect_equal(_tags(ctx, vault.id), {"b": "2"}, "tags after batch delete")


@check("tags.project_tags")
def project_tags(ctx):
    first = ctx.create_vault("first")
    second = ctx.create_vault("second")
    _create(ctx, first.id, "env", "test")
    _create(ctx, second.id, "env", "prod")
    _create(ctx, second.id, "team", "backup")
    tags = ctx.cbr.show_vault_project_tag(cbr.ShowVaultProjectTagRequest()).tags
    expect_equal({t.key: sorted(t.values) for t in tags}, {"env": ["prod", "test"], "team": ["backup"]},
                 "show_vault_project_tag")


@check("tags.unknown_vault")
def unknown_vault(ctx):
    """API-REFERENCE §2.8: the tag APIs answer an unknown vault id with 400 `BackupService.9900`."""
    expect_error(lambda: _tags(ctx, UNKNOWN_ID), 400, "BackupService.9900")


@check("tags.delete_encoded_key")
def delete_encoded_key(ctx):
    """A key with a space or CJK letters travels percent-encoded in the path and is deleted as itself."""
    vault = ctx.create_vault("tagged")
    for key in ("a b", "备份"):
        _create(ctx, vault.id, key, "v")
        response = ctx.cbr.delete_vault_tag(cbr.DeleteVaultTagRequest(vault_id=vault.id, key=key))
        expect_equal(response.status_code, 204, "delete_vault_tag(%r) status" % key)
    expect_equal(_tags(ctx, vault.id), {}, "tags after the deletes")


@check("tags.vault_resource_instances")
def vault_resource_instances(ctx):
    """Vaults found by their tags (`show_vault_resource_instances`): `filter` pages the matching vaults with their
    tags, `count` answers the total."""
    prod = ctx.create_vault("prod_db")
    _create(ctx, prod.id, "env", "prod")
    test = ctx.create_vault("test_db")
    _create(ctx, test.id, "env", "test")
    ctx.create_vault("bare")

    def find(action, **fields):
        return ctx.cbr.show_vault_resource_instances(cbr.ShowVaultResourceInstancesRequest(
            body=cbr.VaultResourceInstancesReq(action=action, **fields)))
    found = find("filter", tags=[cbr.TagsReq(key="env", values=["prod"])])
    expect_equal([r.resource_id for r in found.resources], [prod.id], "filter by env=prod")
    expect_equal([(t.key, t.value) for t in found.resources[0].tags], [("env", "prod")], "the found vault's tags")
    expect_equal(found.resources[0].resource_detail.vault.name, "prod_db", "resource_detail.vault")
    expect_equal(find("count", tags_any=[cbr.TagsReq(key="env", values=[])]).total_count, 2, "count with any env")
    expect_equal([r.resource_name for r in find("filter", without_any_tag=True).resources], ["bare"],
                 "without_any_tag")
    expect_error(lambda: find("list"), 400, "BackupService.9900")
