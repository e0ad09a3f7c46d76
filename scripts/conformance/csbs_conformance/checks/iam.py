"""IAM through `huaweicloudsdkiam`: password tokens and the project list."""
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcbr.v1 import model as cbr
from huaweicloudsdkiam.v3 import model as iam

from .. import auth
from ..registry import check, expect, expect_equal, expect_error


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


@check("iam.domain_token", modes=("token",))
def domain_token(ctx):
    """A token scoped to the account (domain) serves IAM's and CBR's account-level calls, not a project's paths."""
    s = ctx.settings
    scope = iam.AuthScope(domain=iam.AuthScopeDomain(name=s["OS_USER_DOMAIN_NAME"]))
    request = auth.password_token_request(s["OS_USERNAME"], s["OS_PASSWORD"], s["OS_USER_DOMAIN_NAME"], None, scope)
    response = auth.iam_client(ctx.emulator.endpoint).keystone_create_user_token_by_password(request)
    token, body = response.x_subject_token, response.token
    expect(bool(token), "a domain-scoped token: X-Subject-Token is set")
    expect_equal(body.domain.name if body.domain else None, s["OS_USER_DOMAIN_NAME"], "token.domain.name")
    expect_equal(body.project, None, "token.project of a domain-scoped token")

    client = auth.iam_client(ctx.emulator.endpoint, auth.IAMTokenCredentials(token))
    validated = client.keystone_validate_token(iam.KeystoneValidateTokenRequest(x_subject_token=token))
    expect_equal(validated.token.domain.id, body.domain.id, "keystone_validate_token: token.domain.id")
    projects = client.keystone_list_auth_projects(iam.KeystoneListAuthProjectsRequest()).projects
    expect_equal([p.id for p in projects], [s["OS_PROJECT_ID"]], "keystone_list_auth_projects ids")

    account = auth.cbr_client(ctx.emulator.endpoint, auth.CBRTokenCredentials(token, None))
    regions = account.list_projects(cbr.ListProjectsRequest()).projects
    expect_equal([p.id for p in regions], [s["OS_PROJECT_ID"]], "list_projects with a domain-scoped token")
    other = account.list_domain_projects(cbr.ListDomainProjectsRequest(domain_name="csbs-other")).projects
    expect_equal(len(other), 1, "list_domain_projects with a domain-scoped token")
    shown = account.show_domain(cbr.ShowDomainRequest(source_project_id=s["OS_PROJECT_ID"]))
    expect_equal(shown.domain_name, s["OS_USER_DOMAIN_NAME"], "show_domain with a domain-scoped token")
    project = auth.cbr_client(ctx.emulator.endpoint, auth.CBRTokenCredentials(token, s["OS_PROJECT_ID"]))
    expect_error(lambda: project.list_vault(cbr.ListVaultRequest()), 403, "IAM.0002")
