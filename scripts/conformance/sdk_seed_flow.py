"""Conformance: the official Huawei Cloud Python SDK runs the CBR seed flow against `csbs serve`.

Usage: sdk_seed_flow.py PATH_TO_CSBS

Starts the emulator on a free loopback port with its state in memory, obtains an IAM token over plain HTTP,
then drives huaweicloudsdkcbr with token authentication: create vault, add resources, create checkpoint,
show checkpoint until it is available, show and list vaults, and one error mapping. Every response must
deserialize into the SDK's models with the fields the seed flow needs. Exit status 0 = conformant.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.request

# The SDK writes ~/.huaweicloud/application_id and reads HUAWEICLOUD_* settings: keep both out of this run.
os.environ["HOME"] = tempfile.mkdtemp(prefix="csbs-sdk-home-")
for name in [n for n in os.environ if n.startswith("HUAWEICLOUD_")]:
    del os.environ[name]

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
from huaweicloudsdkcore.client import ClientBuilder  # noqa: E402
from huaweicloudsdkcore.exceptions import exceptions  # noqa: E402
from huaweicloudsdkcore.http.http_config import HttpConfig  # noqa: E402
from huaweicloudsdkcbr.v1 import CbrClient  # noqa: E402
from huaweicloudsdkcbr.v1 import model as cbr  # noqa: E402

SERVER_ID = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


class IAMTokenCredentials(BasicCredentials):
    """Sends a pre-obtained IAM token as X-Auth-Token instead of signing (the SDK has no token credential)."""

    def __init__(self, token, project_id):
        super().__init__(project_id=project_id)
        self.token = token

    def process_auth_request(self, request, http_client):
        from concurrent.futures import Future
        from huaweicloudsdkcore.signer.signer import Signer
        request.header_params["X-Auth-Token"] = self.token
        request.header_params["X-Project-Id"] = self.project_id
        Signer.process_request_uri(request)
        done = Future()
        done.set_result(request)
        return done


def start_emulator(binary):
    process = subprocess.Popen(
        [binary, "serve", "--memory", "--port", "0", "--backup-duration", "1s"],
        stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    settings = {}
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("export "):
            name, _, value = line[len("export "):].strip().partition("=")
            settings[name] = shlex.split(value)[0]
        if "OS_REGION_NAME" in settings:
            return process, settings
    process.kill()
    sys.exit("csbs serve did not print its settings")


def obtain_token(settings):
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": settings["OS_USERNAME"], "password": settings["OS_PASSWORD"],
            "domain": {"name": settings["OS_USER_DOMAIN_NAME"]}}}},
        "scope": {"project": {"name": settings["OS_PROJECT_NAME"]}}}}
    request = urllib.request.Request(
        settings["OS_AUTH_URL"] + "/auth/tokens?nocatalog=true", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json;charset=utf8"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        check(response.status == 201, "IAM answers 201 Created")
        token = response.headers["X-Subject-Token"]
        payload = json.loads(response.read())
    check(bool(token), "IAM returns the token in X-Subject-Token")
    check(payload["token"]["project"]["id"] == settings["OS_PROJECT_ID"], "the token is scoped to the demo project")
    return token


def build_client(endpoint, token, project_id):
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    return (ClientBuilder(CbrClient, "BasicCredentials,IAMTokenCredentials")
            .with_http_config(config)
            .with_credentials(IAMTokenCredentials(token, project_id))
            .with_endpoint(endpoint)
            .build())


def seed_flow(client):
    created = client.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(vault=cbr.VaultCreate(
        name="my_vault", resources=[],
        billing=cbr.BillingCreate(cloud_type="public", consistent_level="crash_consistent",
                                  object_type="server", protect_type="backup", size=200)))))
    vault = created.vault
    check(vault.id and vault.name == "my_vault", "create_vault: vault id and name")
    check(vault.billing.size == 200 and vault.billing.status == "available", "create_vault: billing size and status")
    check(vault.billing.spec_code == "vault.backup.server.normal", "create_vault: spec_code derived")

    added = client.add_vault_resource(cbr.AddVaultResourceRequest(vault_id=vault.id, body=cbr.VaultAddResourceReq(
        resources=[cbr.ResourceCreate(id=SERVER_ID, type="OS::Nova::Server", name="server-4690-0002")])))
    check(added.add_resource_ids == [SERVER_ID], "add_vault_resource: add_resource_ids")

    checkpoint = client.create_checkpoint(cbr.CreateCheckpointRequest(body=cbr.VaultBackupReq(
        checkpoint=cbr.VaultBackup(vault_id=vault.id, parameters=cbr.CheckpointParam(
            auto_trigger=False, description="backupauto", incremental=True, name="backup_auto",
            resources=[SERVER_ID])))))
    point = checkpoint.checkpoint
    check(point.id and point.status == "protecting", "create_checkpoint: id and status protecting")
    check(point.vault.resources[0].id == SERVER_ID, "create_checkpoint: vault.resources[0] is the server")
    check(point.extra_info.name == "backup_auto", "create_checkpoint: extra_info.name")

    status, deadline = point.status, time.time() + 30
    while status != "available" and time.time() < deadline:
        time.sleep(0.2)
        status = client.show_checkpoint(cbr.ShowCheckpointRequest(checkpoint_id=point.id)).checkpoint.status
    check(status == "available", "show_checkpoint: reaches available")

    shown = client.show_vault(cbr.ShowVaultRequest(vault_id=vault.id)).vault
    check([r.id for r in shown.resources] == [SERVER_ID], "show_vault: the server is associated")
    listed = client.list_vault(cbr.ListVaultRequest(name="my_vault", limit=10, offset=0))
    check(listed.count == 1 and listed.vaults[0].id == vault.id, "list_vault: count and vault")

    try:
        client.show_vault(cbr.ShowVaultRequest(vault_id="00000000-0000-4000-8000-000000000000"))
        check(False, "show_vault of an unknown vault raises")
    except exceptions.ClientRequestException as error:
        check(error.status_code == 404 and error.error_code == "BackupService.6105",
              "unknown vault maps to ClientRequestException 404 BackupService.6105")
        check(bool(error.request_id), "the error carries the X-Request-Id")


def main():
    process, settings = start_emulator(sys.argv[1])
    try:
        token = obtain_token(settings)
        seed_flow(build_client(settings["CSBS_ENDPOINT"], token, settings["OS_PROJECT_ID"]))
    except Exception as error:  # any SDK deserialisation or transport failure is a conformance failure
        FAILURES.append(repr(error))
        print("FAIL " + repr(error))
    finally:
        process.terminate()
        process.wait(timeout=10)
    if FAILURES:
        sys.exit("conformance: %d failure(s)" % len(FAILURES))
    print("conformance: the official SDK ran the CBR seed flow against csbs serve")


if __name__ == "__main__":
    main()
