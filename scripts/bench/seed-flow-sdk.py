"""The CBR seed flow with the official Python SDK (huaweicloudsdkcbr / huaweicloudsdkiam), as one process.

Usage: PYTHON seed-flow-sdk.py VAULT_NAME SERVER_ID   (settings from the environment `csbs serve` prints)

What a straightforward SDK user writes: an IAM token from the password (IAM SDK), then create the vault, add the
server, create a checkpoint, and poll show_checkpoint until it is available. Exits 0 on success.
"""
import os
import sys
import time
from concurrent.futures import Future

from huaweicloudsdkcbr.v1 import CbrClient
from huaweicloudsdkcbr.v1 import model as cbr
from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.client import ClientBuilder
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkiam.v3 import IamClient
from huaweicloudsdkiam.v3 import model as iam


def _with_header(request, name, value):
    if value:
        request.header_params[name] = value
    Signer.process_request_uri(request)
    done = Future()
    done.set_result(request)
    return done


class NoAuth(GlobalCredentials):
    """IAM's password-token call carries its secret in the body: no signature."""

    def __init__(self):
        super().__init__(domain_id="none")

    def process_auth_request(self, request, http_client):
        return _with_header(request, "X-Auth-Token", None)


class Token(BasicCredentials):
    """Sends the IAM token as X-Auth-Token (the SDK has no token credential of its own)."""

    def __init__(self, token, project_id):
        super().__init__(project_id=project_id)
        self.token = token

    def process_auth_request(self, request, http_client):
        request.header_params["X-Project-Id"] = self.project_id
        return _with_header(request, "X-Auth-Token", self.token)


def main():
    vault_name, server_id = sys.argv[1], sys.argv[2]
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
                                protect_type="backup", size=200)
    vault = client.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(
        vault=cbr.VaultCreate(name=vault_name, billing=billing, resources=[])))).vault
    client.add_vault_resource(cbr.AddVaultResourceRequest(vault_id=vault.id, body=cbr.VaultAddResourceReq(
        resources=[cbr.ResourceCreate(id=server_id, type="OS::Nova::Server")])))
    point = client.create_checkpoint(cbr.CreateCheckpointRequest(body=cbr.VaultBackupReq(checkpoint=cbr.VaultBackup(
        vault_id=vault.id, parameters=cbr.CheckpointParam(name="backup_auto", description="backupauto"))))).checkpoint
    while point.status != "available":
        if point.status == "error":
            sys.exit("checkpoint %s ended in error" % point.id)
        time.sleep(0.01)
        point = client.show_checkpoint(cbr.ShowCheckpointRequest(checkpoint_id=point.id)).checkpoint


if __name__ == "__main__":
    main()
