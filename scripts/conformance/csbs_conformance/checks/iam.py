"""IAM through `huaweicloudsdkiam`: password tokens and the project list."""
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkiam.v3 import model as iam

from .. import auth
from ..registry import check, expect, expect_equal


def _demo_token(ctx):
    s = ctx.settings
    return auth.obtain_token(ctx.emulator.endpoint, s["OS_USERNAME"], s["OS_PASSWORD"], s["OS_USER_DOMAIN_NAME"],
                             s["OS_PROJECT_NAME"])


@check("iam.password_token", modes=("token",))
def password_token(ctx):
    token, body = _demo_token(ctx)
    expect(bool(token), "keystone_create_user_token_by_password: X-Subject-Token is set")
    expect_equal(body.project.id, ctx.settings["OS_PROJECT_ID"], "token.project.id")
    expect_equal(body.project.name, ctx.settings["OS_PROJECT_NAME"], "token.project.name")
    expect_equal(body.user.name, ctx.settings["OS_USERNAME"], "token.user.name")
    expect(body.expires_at and body.issued_at, "token.expires_at and issued_at are set")
    expect("password" in (body.methods or []), "token.methods contains password")


@check("iam.wrong_password", modes=("token",))
def wrong_password(ctx):
    s = ctx.settings
    request = auth.password_token_request(s["OS_USERNAME"], "not-the-password", s["OS_USER_DOMAIN_NAME"],
                                          s["OS_PROJECT_NAME"])
    try:
        auth.iam_client(ctx.emulator.endpoint).keystone_create_user_token_by_password(request)
    except exceptions.ClientRequestException as error:
        expect_equal(error.status_code, 401, "status of a wrong password")
        return
    expect(False, "a wrong password is refused")


@check("iam.list_projects", modes=("token",))
def list_projects(ctx):
    token, _ = _demo_token(ctx)
    client = auth.iam_client(ctx.emulator.endpoint, auth.IAMTokenCredentials(token))
    projects = client.keystone_list_projects(iam.KeystoneListProjectsRequest(name=ctx.settings["OS_PROJECT_NAME"]))
    ids = [p.id for p in projects.projects]
    expect_equal(ids, [ctx.settings["OS_PROJECT_ID"]], "keystone_list_projects(name=region) ids")


@check("iam.list_projects", modes=("aksk",))
def list_projects_aksk(ctx):
    s = ctx.settings
    credentials = auth.GlobalCredentials(s["HUAWEICLOUD_SDK_AK"], s["HUAWEICLOUD_SDK_SK"], "csbs-demo-domain")
    client = auth.iam_client(ctx.emulator.endpoint, credentials)
    projects = client.keystone_list_projects(iam.KeystoneListProjectsRequest(name=s["OS_PROJECT_NAME"]))
    expect_equal([p.id for p in projects.projects], [s["OS_PROJECT_ID"]], "keystone_list_projects(name=region) ids")
