"""Account-level lookups without a project in the path: list_projects (/v3/region-projects), list_domain_projects
and show_domain (/v3/domain/...), which a sharer uses to find the project to share with."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import check, expect_equal, expect_error
from .errors import OTHER_PROJECT_ID

OTHER_DOMAIN = "csbs-other"


@check("tenant.lookups")
def lookups(ctx):
    projects = ctx.cbr.list_projects(cbr.ListProjectsRequest()).projects
    expect_equal([(p.id, p.name) for p in projects], [(ctx.settings["OS_PROJECT_ID"], ctx.settings["OS_REGION_NAME"])],
                 "list_projects: the caller's projects")
    other = ctx.cbr.list_domain_projects(cbr.ListDomainProjectsRequest(domain_name=OTHER_DOMAIN)).projects
    expect_equal([p.project_id for p in other], [OTHER_PROJECT_ID], "list_domain_projects of the other account")
    domain = ctx.cbr.show_domain(cbr.ShowDomainRequest(source_project_id=OTHER_PROJECT_ID))
    expect_equal((domain.project_id, domain.domain_name), (OTHER_PROJECT_ID, OTHER_DOMAIN), "show_domain")
    expect_error(lambda: ctx.cbr.show_domain(cbr.ShowDomainRequest(
        source_project_id="0123456789abcdef0123456789abcdef")), 400, "BackupService.9900")
