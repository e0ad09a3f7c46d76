"""One module per API area; importing this package registers every check."""
from . import (  # noqa: F401
    iam, vaults, resources, policies, schedules, checkpoints, backups, backup_filters, protectables, oplogs, tags,
    errors, cycle, operations, vault_resources, features,
    expiration, csbs, members, replication, agents, organization_policies, tenant, openstack,
    orders, migrations, imports,
)
