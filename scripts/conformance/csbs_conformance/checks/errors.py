"""Error paths the SDK must surface: authentication failures, project isolation, injected service faults."""
import json
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcbr.v1 import model as cbr

from .. import auth
from ..registry import check, describe_error, expect, expect_equal, expect_error

OTHER_PROJECT_ID = "7b2e4cd1a9f34c0e8d6b5a4f3e2d1c0b"
OTHER_AK = "CSBSOTHERACCESSKEY01"
OTHER_SK = "csbsOtherSecretKey000000000000000000001"


def _list_vaults(client):
    return client.list_vault(cbr.ListVaultRequest())


@check("errors.invalid_token", modes=("token",))
def invalid_token(ctx):
    expect_equal(_list_vaults(ctx.cbr).count, 0, "a valid token is accepted")
    client = auth.cbr_client(ctx.emulator.endpoint,
                             auth.CBRTokenCredentials("not-a-token", ctx.settings["OS_PROJECT_ID"]))
    expect_error(lambda: _list_vaults(client), 401, "APIGW.0301")


@check("errors.wrong_secret_key", modes=("aksk",))
def wrong_secret_key(ctx):
    s = ctx.settings
    expect_equal(_list_vaults(ctx.cbr).count, 0, "the right secret key is accepted")
    client = auth.cbr_client(ctx.emulator.endpoint, BasicCredentials(
        s["HUAWEICLOUD_SDK_AK"], "wrong" + s["HUAWEICLOUD_SDK_SK"][5:], s["HUAWEICLOUD_SDK_PROJECT_ID"]))
    expect_error(lambda: _list_vaults(client), 401, "APIGW.0301")


@check("errors.unknown_access_key", modes=("aksk",))
def unknown_access_key(ctx):
    expect_equal(_list_vaults(ctx.cbr).count, 0, "the demo access key is accepted")
    client = auth.cbr_client(ctx.emulator.endpoint, BasicCredentials(
        "CSBSNOSUCHACCESSKEY0", ctx.settings["HUAWEICLOUD_SDK_SK"], ctx.settings["OS_PROJECT_ID"]))
    expect_error(lambda: _list_vaults(client), 401, "APIGW.0301")


@check("errors.other_project_path")
def other_project_path(ctx):
    """The demo credentials used on another project's path are refused (403 or 401), never served."""
    s = ctx.settings
    expect_equal(_list_vaults(ctx.cbr).count, 0, "the demo project's own path is served")
    credentials = auth.credentials_for(ctx.mode, s)
    credentials.project_id = OTHER_PROJECT_ID
    client = auth.cbr_client(ctx.emulator.endpoint, credentials)
    try:
        _list_vaults(client)
    except exceptions.ClientRequestException as error:
        expect(error.status_code in (401, 403), "status of a foreign project: %d" % error.status_code)
        return
    expect(False, "a request for another project's path is refused")


@check("errors.isolation", modes=("aksk",))
def isolation(ctx):
    vault = ctx.create_vault("private")
    other = auth.cbr_client(ctx.emulator.endpoint, BasicCredentials(OTHER_AK, OTHER_SK, OTHER_PROJECT_ID))
    expect_equal(_list_vaults(other).count, 0, "the other account sees no vaults")
    expect_error(lambda: other.show_vault(cbr.ShowVaultRequest(vault_id=vault.id)), 404, "BackupService.6105")


@check("errors.injected_server_error")
def injected_server_error(ctx):
    ctx.emulator.add_fault({"operation": "list_vault", "status": 503, "count": 1, "phase": "before",
                            "error_code": "BackupService.9910", "error_msg": "injected by the conformance suite"})
    error = expect_error(lambda: _list_vaults(ctx.cbr), 503, "BackupService.9910",
                         kind=exceptions.ServerResponseException)
    expect_equal(error.error_msg, "injected by the conformance suite", "error_msg of the injected fault")
    expect_equal(_list_vaults(ctx.cbr).count, 0, "count=1: the next request is served")


@check("errors.injected_client_error")
def injected_client_error(ctx):
    ctx.emulator.add_fault({"operation": "create_checkpoint", "status": 400, "count": 1, "phase": "before",
                            "error_code": "BackupService.6125", "error_msg": "a backup task is already running"})
    vault = ctx.vault_with_server("vault")
    expect_error(lambda: ctx.create_checkpoint(vault.id), 400, "BackupService.6125")
    expect_equal(ctx.create_checkpoint(vault.id).status, "protecting", "the next create_checkpoint is served")


@check("errors.checkpoint_error")
def checkpoint_error(ctx):
    ctx.emulator.add_fault({"operation": "create_checkpoint", "count": 1, "checkpoint_error": True,
                            "phase": "after"})
    vault = ctx.vault_with_server("vault")
    point = ctx.create_checkpoint(vault.id)
    ctx.wait_checkpoint(point.id, status="error")
    expect_equal({b.status for b in ctx.list_backups(checkpoint_id=point.id).backups}, {"error"},
                 "backups of a failed checkpoint")


@check("errors.token_expires", modes=("token",))
def token_expires(ctx):
    expect_equal(_list_vaults(ctx.cbr).count, 0, "the fresh token is accepted")
    expect(ctx.emulator.has_control, "the emulator serves the clock control API")
    ctx.emulator.needs_restart = True
    ctx.emulator.settle(25 * 3600)
    expect_error(lambda: _list_vaults(ctx.cbr), 401, "APIGW.0301")


@check("errors.signature_expired", modes=("aksk",))
def signature_expired(ctx):
    """An X-Sdk-Date more than 15 minutes away from the time signers sign with is refused; moving the emulator's
    simulated clock does not expire the SDK's signatures, which carry the wall-clock time."""
    expect_equal(_list_vaults(ctx.cbr).count, 0, "a current signature is accepted")
    expect(ctx.emulator.has_control, "the emulator serves the clock control API")
    ctx.emulator.needs_restart = True
    ctx.emulator.settle(20 * 60)
    expect_equal(_list_vaults(ctx.cbr).count, 0, "a current signature after clock/advance by 20 minutes")
    stale = (datetime.now(timezone.utc) - timedelta(minutes=20)).strftime("%Y%m%dT%H%M%SZ")
    invoker = ctx.cbr.list_vault_invoker(cbr.ListVaultRequest()).add_header("X-Sdk-Date", stale)
    expect_error(invoker.invoke, 401, ("APIGW.0301", "APIGW.0303"))


@check("errors.lost_response")
def lost_response(ctx):
    """`phase: after` + `drop`: the vault is created, but the SDK sees the connection close without an answer."""
    ctx.emulator.add_fault({"operation": "create_vault", "phase": "after", "drop": True, "count": 1})
    try:
        ctx.create_vault("applied_but_lost")
    except exceptions.ClientRequestException as error:
        expect(False, "expected a transport error, got " + describe_error(error))
    except exceptions.SdkException:
        pass
    else:
        expect(False, "create_vault reported success although the response was dropped")
    names = [v.name for v in _list_vaults(ctx.cbr).vaults]
    expect_equal(names, ["applied_but_lost"], "the request was applied before the response was lost")


@check("errors.gateway_rate_limit")
def gateway_rate_limit(ctx):
    """`PUT rate-limit`: past N requests per second per project the gateway answers 429, and the project's budget
    comes back with time; `DELETE rate-limit` lifts it. The SDK hands 429 to urllib3's Retry (status_forcelist
    [429], retry_times 0 by default), which raises "too many 429 error responses" before the body is read: the
    SDK's ClientRequestException has status_code 429 and error_code "429". The body, read with a plain request
    (throttling comes before authentication), is the gateway's APIGW.0308."""
    expect(ctx.emulator.has_control, "the emulator serves the control API")
    status, body = ctx.emulator.control("PUT", "/rate-limit", {"requests_per_second": 1})
    expect_equal(status, 200, "PUT rate-limit")
    expect_equal(body, {"rate_limit": {"requests_per_second": 1}}, "the limit as the control API shows it")
    try:
        expect_equal(_list_vaults(ctx.cbr).count, 0, "the first request of the second is served")
        expect_error(lambda: [_list_vaults(ctx.cbr) for _ in range(3)], 429, ("429", "APIGW.0308"))
        request = urllib.request.Request("%s/v3/%s/vaults" % (ctx.emulator.endpoint, ctx.settings["OS_PROJECT_ID"]))
        try:
            urllib.request.urlopen(request, timeout=10)
            expect(False, "a request over the limit is throttled")
        except urllib.error.HTTPError as error:
            expect_equal(error.code, 429, "status of a throttled request")
            answer = json.loads(error.read())
            expect_equal(answer.get("error_code"), "APIGW.0308", "error_code of a throttled request")
            expect(bool(answer.get("request_id")), "a throttled answer carries a request id")
        time.sleep(1.1)
        expect_equal(_list_vaults(ctx.cbr).count, 0, "served again a second later")
    finally:
        ctx.emulator.control("DELETE", "/rate-limit")
    expect_equal([_list_vaults(ctx.cbr).count for _ in range(3)], [0, 0, 0], "no limit after DELETE rate-limit")
