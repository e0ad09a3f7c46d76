"""IAM tokens and official-SDK clients for the two authentication modes (`token`, `aksk`)."""
from concurrent.futures import Future

from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.client import ClientBuilder
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkcbr.v1 import CbrClient
from huaweicloudsdkiam.v3 import IamClient
from huaweicloudsdkiam.v3 import model as iam

MODES = ("token", "aksk")


def _token_request(request, token, project_id):
    """Puts a pre-obtained IAM token on a request instead of signing it (the SDK ships no token credential)."""
    request.header_params["X-Auth-Token"] = token
    if project_id:
        request.header_params["X-Project-Id"] = project_id
    Signer.process_request_uri(request)
    done = Future()
    done.set_result(request)
    return done


class CBRTokenCredentials(BasicCredentials):
    """Project credentials that send `X-Auth-Token` (a `BasicCredentials` subclass, as the SDK expects for CBR)."""

    def __init__(self, token, project_id):
        super().__init__(project_id=project_id)
        self.token = token

    def process_auth_request(self, request, http_client):
        return _token_request(request, self.token, self.project_id)


class IAMTokenCredentials(GlobalCredentials):
    """Global credentials that send `X-Auth-Token` (for IAM calls that need a token, e.g. list projects)."""

    def __init__(self, token):
        super().__init__(domain_id="csbs-token-domain")
        self.token = token

    def process_auth_request(self, request, http_client):
        return _token_request(request, self.token, None)


def _http_config():
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    return config


class NoAuthCredentials(GlobalCredentials):
    """Credentials for IAM's password-token call, which carries its secret in the body and needs no signature."""

    def __init__(self):
        super().__init__(domain_id="csbs-no-auth")

    def process_auth_request(self, request, http_client):
        Signer.process_request_uri(request)
        done = Future()
        done.set_result(request)
        return done


def iam_client(endpoint, credentials=None):
    """An `IamClient` for the emulator's IAM endpoint (same host as CBR)."""
    credentials = credentials or NoAuthCredentials()
    return (ClientBuilder(IamClient, "GlobalCredentials,NoAuthCredentials,IAMTokenCredentials")
            .with_http_config(_http_config())
            .with_credentials(credentials)
            .with_endpoint(endpoint)
            .build())


def password_token_request(user, password, domain, project_name, scope=None):
    """The SDK request for `POST /v3/auth/tokens?nocatalog=true` with a password identity, scoped to the project
    named `project_name` unless `scope` (an `iam.AuthScope`) is given."""
    return iam.KeystoneCreateUserTokenByPasswordRequest(
        nocatalog="true",
        body=iam.KeystoneCreateUserTokenByPasswordRequestBody(auth=iam.PwdAuth(
            identity=iam.PwdIdentity(methods=["password"], password=iam.PwdPassword(user=iam.PwdPasswordUser(
                name=user, password=password, domain=iam.PwdPasswordUserDomain(name=domain)))),
            scope=scope or iam.AuthScope(project=iam.AuthScopeProject(name=project_name)))))


def obtain_token(endpoint, user, password, domain, project_name):
    """An IAM token (the `X-Subject-Token` header) and the token body, obtained with `huaweicloudsdkiam`."""
    response = iam_client(endpoint).keystone_create_user_token_by_password(
        password_token_request(user, password, domain, project_name))
    return response.x_subject_token, response.token


def cbr_client(endpoint, credentials):
    """A `CbrClient` with an explicit endpoint (no region, so the SDK makes no IAM look-ups)."""
    return (ClientBuilder(CbrClient, "BasicCredentials,CBRTokenCredentials")
            .with_http_config(_http_config())
            .with_credentials(credentials)
            .with_endpoint(endpoint)
            .build())


def credentials_for(mode, settings):
    """CBR credentials of the demo account for `mode`, from the settings `csbs serve` printed."""
    project_id = settings["OS_PROJECT_ID"]
    if mode == "token":
        token, _ = obtain_token(settings["CSBS_ENDPOINT"], settings["OS_USERNAME"], settings["OS_PASSWORD"],
                                settings["OS_USER_DOMAIN_NAME"], settings["OS_PROJECT_NAME"])
        return CBRTokenCredentials(token, project_id)
    return BasicCredentials(settings["HUAWEICLOUD_SDK_AK"], settings["HUAWEICLOUD_SDK_SK"],
                            settings["HUAWEICLOUD_SDK_PROJECT_ID"])
