"""The OpenStack client (python-openstackclient with T Cloud Public's CBR plugin, otcextensions) against csbs serve,
configured as a user configures it for a cloud: auth URL, user, password, domain and project, no endpoint override.
It finds CBR in the token's catalog (after Keystone version discovery at GET /v3) and drives vaults, checkpoints,
backups, tasks and policies."""
import json
import os
import subprocess
import sys
import time

from ..registry import CheckFailed, check, expect, expect_equal

SERVER = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
# Installed by scripts/conformance/run in a venv of its own.
OPENSTACK = os.environ.get("CSBS_OPENSTACK_CLIENT", os.path.join(os.path.dirname(sys.executable), "openstack"))


def openstack(ctx, *arguments, domain_scope=False):
    """Runs `openstack ARGUMENTS -f json` with the demo account's OS_* variables only (scoped to its project, or
    with `domain_scope` to its account: OS_DOMAIN_NAME); returns the parsed output."""
    settings = ctx.settings
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "OS_AUTH_URL": settings["OS_AUTH_URL"],
        "OS_USERNAME": settings["OS_USERNAME"],
        "OS_PASSWORD": settings["OS_PASSWORD"],
        "OS_USER_DOMAIN_NAME": settings["OS_USER_DOMAIN_NAME"],
        "OS_REGION_NAME": settings["OS_REGION_NAME"],
        "OS_IDENTITY_API_VERSION": "3",
    }
    if domain_scope:
        env["OS_DOMAIN_NAME"] = settings["OS_USER_DOMAIN_NAME"]
    else:
        env["OS_PROJECT_ID"] = settings["OS_PROJECT_ID"]
    command = [OPENSTACK, *arguments, "-f", "json"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise CheckFailed("openstack %s exited %d: %s" % (" ".join(arguments), result.returncode,
                                                         result.stderr.strip()[-400:]))
    return json.loads(result.stdout) if result.stdout.strip() else None


def field(record, name):
    """A field of the client's output, whose column titles vary (`ID`, `id`, `Checkpoint Id`)."""
    wanted = name.lower().replace("_", " ")
    for key, value in record.items():
        if key.lower().replace("_", " ") == wanted:
            return value
    raise CheckFailed("no %r in the output: %s" % (name, sorted(record)))


@check("openstack.cbr_commands", modes=("token",))
def cbr_commands(ctx):
    expect(os.path.exists(OPENSTACK), "the openstack client is installed (scripts/conformance/run)")
    vault = openstack(ctx, "cbr", "vault", "create", "osc_vault", "--consistent-level", "crash_consistent",
                      "--object-type", "server", "--size", "40")
    vault_id = field(vault, "id")
    expect_equal(field(vault, "name"), "osc_vault", "the created vault's name")
    names = [field(v, "name") for v in openstack(ctx, "cbr", "vault", "list")]
    expect("osc_vault" in names, "vault list shows the vault: %s" % names)
    openstack(ctx, "cbr", "vault", "associate", vault_id, "--resource", "id=%s,type=OS::Nova::Server" % SERVER)
    shown = openstack(ctx, "cbr", "vault", "show", vault_id)
    expect(SERVER in json.dumps(shown), "vault show lists the associated server")

    checkpoint = openstack(ctx, "cbr", "checkpoint", "create", "--vault-id", vault_id, "--description", "osc")
    for _ in range(30):
        status = field(openstack(ctx, "cbr", "checkpoint", "show", field(checkpoint, "id")), "status")
        if status == "available":
            break
        time.sleep(0.5)
    expect_equal(status, "available", "the checkpoint's status")
    backups = openstack(ctx, "cbr", "backup", "list", "--vault-id", vault_id)
    expect(len(backups) == 1 and field(backups[0], "status") == "available",
           "backup list shows the checkpoint's one backup, available: %s" % backups)
    tasks = openstack(ctx, "cbr", "task", "list")
    expect(len(tasks) >= 1, "task list shows the backup task")

    policy = openstack(ctx, "cbr", "policy", "create", "osc_policy", "--pattern",
                       "FREQ=DAILY;INTERVAL=1;BYHOUR=2;BYMINUTE=0", "--max-backups", "7")
    expect("osc_policy" in [field(p, "name") for p in openstack(ctx, "cbr", "policy", "list")], "policy list shows it")
    openstack(ctx, "cbr", "vault", "bind", vault_id, field(policy, "id"))


@check("openstack.domain_scope", modes=("token",))
def domain_scope(ctx):
    """With OS_DOMAIN_NAME instead of a project, the client logs in with a domain-scoped token and lists the
    account's projects."""
    expect(os.path.exists(OPENSTACK), "the openstack client is installed (scripts/conformance/run)")
    token = openstack(ctx, "token", "issue", domain_scope=True)
    expect(field(token, "domain_id"), "token issue shows the token's domain: %s" % token)
    expect("project_id" not in [key.lower() for key in token], "a domain-scoped token has no project: %s" % token)
    projects = openstack(ctx, "project", "list", domain_scope=True)
    expect_equal([field(p, "id") for p in projects], [ctx.settings["OS_PROJECT_ID"]], "project list")
