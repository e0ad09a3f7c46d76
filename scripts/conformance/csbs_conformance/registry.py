"""Checks, the context each one runs in, and the expectation helpers that turn a mismatch into a reason."""
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcbr.v1 import model as cbr

from . import auth

CHECKS = []

SERVER_ID = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"          # demo server ecs-9f93-0002 (system + data disk)
SERVER_2_ID = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"        # demo server ecs-9f93-0003 (one disk)
SERVER_3_ID = "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"        # demo server ecs-9f93-0004 (two disks)
SHUTOFF_SERVER_ID = "4b6c1f0e-8a2d-4e57-9c3b-1d0f7e5a2c94"  # demo server ecs-9f93-0005, SHUTOFF
SYSTEM_DISK_ID = "c14856d0-07e8-453b-a442-444086cbad04"     # system disk of SERVER_ID
DATA_DISK_ID = "2422bc5e-4cde-4420-964d-30b7347042a7"       # data disk of SERVER_ID
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
SERVER_PROVIDER = "0daac4c5-6707-4851-97ba-169e36266b66"
DISK_PROVIDER = "d1603440-187d-4516-af25-121250c7cc97"


class CheckFailed(Exception):
    """An expectation did not hold; the message is the reason printed after FAIL."""


def check(name, modes=auth.MODES):
    """Registers `function(ctx)` as check `name` (`area.what`), run once per authentication mode in `modes`."""
    def register(function):
        CHECKS.append((name, modes, function))
        return function
    return register


def expect(condition, reason):
    if not condition:
        raise CheckFailed(reason)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise CheckFailed("%s: expected %r, got %r" % (what, expected, actual))


def describe_error(error):
    if isinstance(error, exceptions.ServiceResponseException):
        return "%s %s %s %r" % (type(error).__name__, error.status_code, error.error_code, error.error_msg)
    return repr(error)


def expect_error(call, status, codes, kind=exceptions.ClientRequestException):
    """Runs `call()` and expects the SDK to raise `kind` with `status` and one of `codes` (a str or a tuple)."""
    codes = (codes,) if isinstance(codes, str) else tuple(codes)
    try:
        call()
    except kind as error:
        if error.status_code != status or error.error_code not in codes:
            raise CheckFailed("expected %s %d %s, got %s" % (kind.__name__, status, "/".join(codes),
                                                             describe_error(error)))
        return error
    except exceptions.SdkException as error:
        raise CheckFailed("expected %s %d %s, got %s" % (kind.__name__, status, "/".join(codes),
                                                         describe_error(error)))
    raise CheckFailed("expected %s %d %s, the call succeeded" % (kind.__name__, status, "/".join(codes)))


class Context:
    """What one check gets: the demo account's `cbr` client in one auth mode, the emulator, and shortcuts."""

    def __init__(self, emulator, mode):
        self.emulator = emulator
        self.mode = mode
        self.settings = emulator.settings
        self.cbr = auth.cbr_client(emulator.endpoint, auth.credentials_for(mode, emulator.settings))

    # Simulated time -----------------------------------------------------------------------------------------

    def wait_until(self, probe, what, attempts=15):
        """Lets simulated time pass until `probe()` returns a truthy value, which is returned."""
        for _ in range(attempts):
            value = probe()
            if value:
                return value
            self.emulator.settle()
        raise CheckFailed("timed out waiting until " + what)

    # Shortcuts ------------------------------------------------------------------------------------------------

    def create_vault(self, name, object_type="server", size=100, resources=(), **extra):
        billing = cbr.BillingCreate(cloud_type="public", consistent_level="crash_consistent",
                                    object_type=object_type, protect_type="backup", size=size)
        body = cbr.VaultCreate(name=name, billing=billing, resources=list(resources), **extra)
        return self.cbr.create_vault(cbr.CreateVaultRequest(body=cbr.VaultCreateReq(vault=body))).vault

    @staticmethod
    def server(server_id=SERVER_ID, name=None):
        return cbr.ResourceCreate(id=server_id, type="OS::Nova::Server", name=name)

    @staticmethod
    def disk(disk_id=DATA_DISK_ID, name=None):
        return cbr.ResourceCreate(id=disk_id, type="OS::Cinder::Volume", name=name)

    def vault_with_server(self, name="conformance", servers=(SERVER_ID,)):
        return self.create_vault(name, resources=[self.server(s) for s in servers])

    def create_checkpoint(self, vault_id, resources=None, name="manual_backup", description="conformance"):
        parameters = cbr.CheckpointParam(auto_trigger=False, description=description, incremental=True,
                                         name=name, resources=list(resources) if resources else None)
        request = cbr.CreateCheckpointRequest(body=cbr.VaultBackupReq(checkpoint=cbr.VaultBackup(
            vault_id=vault_id, parameters=parameters)))
        return self.cbr.create_checkpoint(request).checkpoint

    def show_checkpoint(self, checkpoint_id):
        return self.cbr.show_checkpoint(cbr.ShowCheckpointRequest(checkpoint_id=checkpoint_id)).checkpoint

    def wait_checkpoint(self, checkpoint_id, status="available"):
        return self.wait_until(
            lambda: (lambda point: point if point.status == status else None)(self.show_checkpoint(checkpoint_id)),
            "checkpoint %s is %s" % (checkpoint_id, status))

    def backup_checkpoint(self, vault_id, resources=None, name="manual_backup"):
        """Creates a checkpoint, waits until it is available and returns it."""
        point = self.create_checkpoint(vault_id, resources, name=name)
        return self.wait_checkpoint(point.id)

    def list_backups(self, **query):
        return self.cbr.list_backups(cbr.ListBackupsRequest(**query))

    def show_backup(self, backup_id):
        return self.cbr.show_backup(cbr.ShowBackupRequest(backup_id=backup_id)).backup

    def server_backup(self, checkpoint_id, resource_id=SERVER_ID):
        """The backup of `resource_id` in a checkpoint."""
        backups = self.list_backups(checkpoint_id=checkpoint_id, resource_id=resource_id).backups
        expect(len(backups) == 1, "list_backups(checkpoint_id, resource_id) returns one backup, got %d"
               % len(backups))
        return backups[0]

    def show_vault(self, vault_id):
        return self.cbr.show_vault(cbr.ShowVaultRequest(vault_id=vault_id)).vault

    def create_policy(self, name="daily_policy", enabled=True, pattern=None, retention_days=30):
        pattern = pattern or ["FREQ=DAILY;INTERVAL=1;BYHOUR=14;BYMINUTE=00"]
        body = cbr.PolicyCreate(
            name=name, enabled=enabled, operation_type="backup",
            operation_definition=cbr.PolicyoODCreate(retention_duration_days=retention_days, timezone="UTC+08:00"),
            trigger=cbr.PolicyTriggerReq(properties=cbr.PolicyTriggerPropertiesReq(pattern=pattern)))
        return self.cbr.create_policy(cbr.CreatePolicyRequest(body=cbr.PolicyCreateReq(policy=body))).policy
