"""Back up many servers with the official Python SDK, sequentially or with a thread pool, as one process.

Usage: PYTHON fanout-sdk.py SERVERS_FILE VAULT_NAME WORKERS   (settings from the environment `csbs serve` prints;
WORKERS 1 means a plain sequential loop)

What a straightforward SDK user writes: an IAM token (IAM SDK), one vault, then for every server
add_vault_resource, create_checkpoint of that server, and show_checkpoint every POLL seconds until it is available.
A call the gateway throttles (429; the SDK does not retry by itself) is sent again after THROTTLED seconds.
"""
import os
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor

from huaweicloudsdkcbr.v1 import CbrClient
from huaweicloudsdkcbr.v1 import model as cbr
from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.client import ClientBuilder
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkiam.v3 import IamClient
from huaweicloudsdkiam.v3 import model as iam

POLL = 1.0
THROTTLED = 1.0


def throttled(call):
    """Calls `call` until the gateway lets it through: a 429 is retried after THROTTLED seconds."""
    while True:
        try:
            return call()
        except exceptions.ClientRequestException as error:
            if error.status_code != 429:
                raise
            time.sleep(THROTTLED)


def _with_token(request, token, project_id):
    if token:
        request.header_params["X-Auth-Token"] = token
    if project_id:
        request.header_params["X-Project-Id"] = project_id
    Signer.process_request_uri(request)
    done = Future()
    done.set_result(request)
    return done


class NoAuth(GlobalCredentials):
    def __init__(self):
        super().__init__(domain_id="none")

    def process_auth_request(self, request, http_client):
        return _with_token(request, None, None)


class Token(BasicCredentials):
    def __init__(self, token, project_id):
        super().__init__(project_id=project_id)
        self.token = token

    def process_auth_request(self, request, http_client):
        return _with_token(request, self.token, self.project_id)


def main():
    servers_file, vault_name, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    servers = [line.strip() for line in open(servers_file) if line.strip()]
    env = os.environ
    endpoint = env["CSBS_ENDPOINT"]
    iam_client = (ClientBuilder(IamClient, "GlobalCredentials,NoAuth").with_credentials(NoAuth())
                  .with_endpoint(endpoint).build())
    auth = iam.PwdAuth(
        identity=iam.PwdIdentity(methods=["password"], password=iam.PwdPassword(user=iam.PwdPasswordUser(
            name=env["OS_USERNAME"], password=env["OS_PASSWORD"],
            domain=iam.PwdPasswordUserDomain(name=env["OS_USER_DOMAIN_NAME"])))),
        scope=iam.AuthScope(project=iam.AuthScopeProject(name=env["OS_PROJECT_NAME"])))
    token = iam_client.keystone_create_user_token_by_password(iam.KeystoneCreateUserTokenByPasswordRequest(
        nocatalog="true", body=iam.KeystoneCreateUserTokenByPasswordRequestBody(auth=auth))).x_subject_token
    client = (ClientBuilder(CbrClient, "BasicCredentials,Token").with_credentials(Token(token, env["OS_PROJECT_ID"]))
              .with_endpoint(endpoint).build())
    billing = cbr.BillingCreate(cloud_type="public", consistent_level="crash_consistent", object_type="server",
                                protect_type="backup", size=100000)
    vault = throttled(lambda: client.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(
        vault=cbr.VaultCreate(name=vault_name, billing=billing, resources=[]))))).vault

    def back_up(server_id):
        throttled(lambda: client.add_vault_resource(cbr.AddVaultResourceRequest(
            vault_id=vault.id, body=cbr.VaultAddResourceReq(
                resources=[cbr.ResourceCreate(id=server_id, type="OS::Nova::Server")]))))
        point = throttled(lambda: client.create_checkpoint(cbr.CreateCheckpointRequest(body=cbr.VaultBackupReq(
            checkpoint=cbr.VaultBackup(vault_id=vault.id, parameters=cbr.CheckpointParam(
                name="fanout", resources=[server_id])))))).checkpoint
        while point.status != "available":
            if point.status == "error":
                raise RuntimeError("checkpoint %s ended in error" % point.id)
            time.sleep(POLL)
            point = throttled(lambda: client.show_checkpoint(
                cbr.ShowCheckpointRequest(checkpoint_id=point.id))).checkpoint
        return point.id

    if workers <= 1:
        done = [back_up(server) for server in servers]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(back_up, servers))
    if len(done) != len(servers):
        sys.exit("only %d of %d servers backed up" % (len(done), len(servers)))


if __name__ == "__main__":
    main()
