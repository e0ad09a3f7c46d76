"""Every CbrClient operation of the SDK, called once: served ones answer anything but the gateway's "no such API"
(404 APIGW.0101), the others exactly that (never a wrong service error, such as a vault named `summary`).

`UNSERVED` is the list docs/EMULATOR.md gives; a change in either direction fails, so the list and the table
there follow what `csbs serve` does.
"""
import inspect
import re

from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcbr.v1 import CbrClient
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import CheckFailed, check, expect_equal

# Operations `csbs serve` answers 404 APIGW.0101, as the gateway answers an API that does not exist.
UNSERVED = set()


def operations():
    """The SDK's CbrClient operations (each has a `_<name>_http_info`), by name."""
    return sorted(name for name, _ in inspect.getmembers(CbrClient, inspect.isfunction)
                  if hasattr(CbrClient, "_%s_http_info" % name))


def request_for(name):
    """The operation's request with every path parameter set to a placeholder (nothing else)."""
    request_class = getattr(cbr, "".join(part.capitalize() for part in name.split("_")) + "Request")
    source = inspect.getsource(getattr(CbrClient, "_%s_http_info" % name))
    path_parameters = re.findall(r"path_params\['(\w+)'\]", source)
    request = request_class()
    for parameter in path_parameters:
        setattr(request, parameter, "x")
    return request


def call(ctx, name):
    """Calls the operation; returns "served" or "unserved" (404 APIGW.0101)."""
    try:
        getattr(ctx.cbr, name)(request_for(name))
    except exceptions.ServiceResponseException as error:
        if error.status_code == 404 and error.error_code == "APIGW.0101":
            return "unserved"
    return "served"


@check("operations.every_operation")
def every_operation(ctx):
    names = operations()
    expect_equal(len(names), 74, "the SDK's CbrClient operations")
    unknown = UNSERVED - set(names)
    if unknown:
        raise CheckFailed("UNSERVED names operations the SDK does not have: %s" % sorted(unknown))
    unserved = {name for name in names if call(ctx, name) == "unserved"}
    expect_equal(sorted(unserved - UNSERVED), [], "operations answered 404 APIGW.0101 but listed as served")
    expect_equal(sorted(UNSERVED - unserved), [], "operations served but still listed in UNSERVED")
