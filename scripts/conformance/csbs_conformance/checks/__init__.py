"""One module per API area; importing this package registers every check."""
from . import iam, vaults, resources, policies, checkpoints, backups, protectables, oplogs, tags, errors, cycle  # noqa: F401
