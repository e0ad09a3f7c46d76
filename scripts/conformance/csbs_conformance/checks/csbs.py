"""CSBS v1 (the legacy Cloud Server Backup Service, /v1/{project_id}/...). It has no SDK of its own, so the checks
send its requests through the official SDK core (the CbrClient's call_api: the same signing, token handling and
error mapping) and read the JSON object answers with a response type whose body is the whole object."""
from ..registry import SERVER_ID, UNKNOWN_ID, check, expect_equal, expect_error

PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da"


def _call(ctx, method, path, body=None):
    """Sends a CSBS request (`path` below /v1/{project_id}) and answers the JSON object it got."""
    response = ctx.cbr.call_api(
        "/v1/{project_id}" + path, method, path_params={}, query_params=[],
        header_params={"Content-Type": "application/json;charset=UTF-8"}, body=body, post_params={},
        response_type="ListFeaturesResponse", response_headers=[], collection_formats={})
    return response.body


def _quotas(ctx):
    return {r["type"]: (r["quota"], r["used"]) for r in _call(ctx, "GET", "/quotas")["quotas"]["resources"]}


@check("csbs.quotas")
def quotas(ctx):
    """backups counts the backups not yet deleted, backup_capacity the GB of those that hold data (the seeded
    server's disks hold 8 GB)."""
    expect_equal(_quotas(ctx), {"backup_capacity": (-1, 0), "backups": (600, 0)}, "quotas of an empty project")
    body = {"protect": {"backup_name": "quota_check", "description": "conformance"}}
    _call(ctx, "POST", "/providers/%s/resources/%s/action" % (PROVIDER, SERVER_ID), body)
    ctx.wait_until(lambda: _quotas(ctx)["backup_capacity"][1] == 8, "the backup holds its data")
    expect_equal(_quotas(ctx), {"backup_capacity": (-1, 8), "backups": (600, 1)}, "quotas with one backup")


@check("csbs.protect_and_invalid_provider")
def protect_and_invalid_provider(ctx):
    """A protect answers the backup record; a provider_id other than CSBS's is 400 CSBS.9001."""
    body = {"protect": {"backup_name": "protected", "description": "conformance"}}
    record = _call(ctx, "POST", "/providers/%s/resources/%s/action" % (PROVIDER, SERVER_ID), body)["checkpoint"]
    expect_equal(record["status"], "protecting", "the record's status right after protect")
    expect_error(lambda: _call(ctx, "POST", "/providers/%s/resources/%s/action" % (UNKNOWN_ID, SERVER_ID), body),
                 400, "CSBS.9001")


PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


@check("csbs.policies")
def policies(ctx):
    """Backup policies: create, list, show, update and delete (stored, never run: status suspended); errors in CSBS's
    body."""
    body = {"policy": {
        "name": "c2c-policy", "description": "My plan", "provider_id": PROVIDER, "parameters": {"common": {}},
        "scheduled_operations": [{
            "name": "my-backup", "description": "weekly", "enabled": True, "operation_type": "backup",
            "operation_definition": {"max_backups": 20, "permanent": False},
            "trigger": {"properties": {"pattern": PATTERN}}}],
        "resources": [{"id": SERVER_ID, "type": "OS::Nova::Server", "name": "resource1"}]}}
    policy = _call(ctx, "POST", "/policies", body)["policy"]
    operation = policy["scheduled_operations"][0]
    expect_equal((policy["name"], policy["status"], policy["provider_id"], operation["trigger"]["properties"]["pattern"],
                  operation["operation_definition"]["plan_id"], [r["id"] for r in policy["resources"]]),
                 ("c2c-policy", "suspended", PROVIDER, PATTERN, policy["id"], [SERVER_ID]), "the created policy")
    expect_equal([p["id"] for p in _call(ctx, "GET", "/policies")["policies"]], [policy["id"]], "list policies")
    expect_equal(_call(ctx, "GET", "/policies/" + policy["id"])["policy"]["name"], "c2c-policy", "show policy")
    update = {"policy": {"name": "renamed", "scheduled_operations": [{"id": operation["id"], "enabled": False}]}}
    updated = _call(ctx, "PUT", "/policies/" + policy["id"], update)["policy"]
    expect_equal((updated["name"], updated["scheduled_operations"][0]["enabled"]), ("renamed", False), "update")
    expect_error(lambda: _call(ctx, "POST", "/policies", body), 400, "CSBS.6004")
    body["policy"]["name"] = "a b"
    expect_error(lambda: _call(ctx, "POST", "/policies", body), 400, "CSBS.9001")
    _call(ctx, "DELETE", "/policies/" + policy["id"])
    expect_error(lambda: _call(ctx, "GET", "/policies/" + policy["id"]), 404, "CSBS.3000")


@check("csbs.policy_tags")
def policy_tags(ctx):
    """A policy's tags: add one, batch create and delete, list, the project's keys; a missing key is 404 CSBS.7001."""
    body = {"policy": {
        "name": "tagged-policy", "provider_id": PROVIDER, "parameters": {"common": {}},
        "scheduled_operations": [{"enabled": True, "operation_type": "backup", "operation_definition": {},
                                  "trigger": {"properties": {"pattern": PATTERN}}}],
        "resources": [{"id": SERVER_ID, "type": "OS::Nova::Server", "name": "resource1"}]}}
    policy = _call(ctx, "POST", "/policies", body)["policy"]
    tags = "/csbs_backup_policy/%s/tags" % policy["id"]
    _call(ctx, "POST", tags, {"tag": {"key": "env", "value": "test"}})
    _call(ctx, "POST", tags + "/action", {"action": "create", "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]})
    _call(ctx, "POST", tags + "/action", {"action": "delete", "tags": [{"key": "a"}]})
    listed = {t["key"]: t["value"] for t in _call(ctx, "GET", tags)["tags"]}
    expect_equal(listed, {"env": "test", "b": "2"}, "the policy's tags")
    expect_equal([t["key"] for t in _call(ctx, "GET", "/csbs_backup_policy/tags")["tags"]], ["b", "env"],
                 "the project's policy tag keys")
    expect_error(lambda: _call(ctx, "DELETE", tags + "/a"), 404, "CSBS.7001")
    _call(ctx, "DELETE", "/policies/" + policy["id"])
