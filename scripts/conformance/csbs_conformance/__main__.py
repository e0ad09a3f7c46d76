"""Runs the conformance checks: `python -m csbs_conformance PATH_TO_CSBS [--all] [--mode M] [--only PATTERN]`.

Every check runs once per authentication mode (`token`: an IAM token from huaweicloudsdkiam sent as
X-Auth-Token; `aksk`: `BasicCredentials(ak, sk, project_id)` signing) against a freshly reset in-memory
`csbs serve`. Prints `ok`/`FAIL`/`skip` per check and mode; exits 1 when any check that ran failed.
"""
import argparse
import atexit
import fnmatch
import logging
import os
import shutil
import sys
import tempfile
import time

# The SDK writes ~/.huaweicloud/application_id and reads HUAWEICLOUD_* settings: keep both out of this run.
os.environ["HOME"] = tempfile.mkdtemp(prefix="csbs-sdk-home-")
atexit.register(shutil.rmtree, os.environ["HOME"], True)
for _name in [n for n in os.environ if n.startswith("HUAWEICLOUD_")]:
    del os.environ[_name]

# The SDK logs expected transport errors (the dropped-response fault) to loggers without handlers, which end up on
# stderr through Python's last-resort handler; the checks report what matters, so keep those lines out.
for _logger in ("HuaweiCloud-SDK-CbrClient", "HuaweiCloud-SDK-IamClient"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

from . import auth, checks  # noqa: E402,F401 - importing `checks` registers every check
from .emulator import Emulator  # noqa: E402
from .pending import PENDING  # noqa: E402
from .registry import CHECKS, CheckFailed, Context, describe_error  # noqa: E402


def pending_reason(name, mode):
    key = "%s@%s" % (name, mode)
    for pattern, reason in PENDING.items():
        if fnmatch.fnmatchcase(key, pattern):
            return reason
    return None


def run_one(emulator, name, mode, function):
    """Runs one check on a fresh emulator; returns None when it passed, else the reason."""
    try:
        emulator.fresh()
        function(Context(emulator, mode))
        return None
    except CheckFailed as failure:
        return str(failure)
    except Exception as error:  # noqa: BLE001 - any SDK or transport error is a conformance failure
        return describe_error(error)


def main():
    parser = argparse.ArgumentParser(prog="scripts/conformance/run", description=__doc__.splitlines()[0])
    parser.add_argument("binary", help="path to the csbs executable")
    parser.add_argument("--all", action="store_true", help="also run the pending checks")
    parser.add_argument("--mode", choices=auth.MODES, action="append", help="only this auth mode (repeatable)")
    parser.add_argument("--only", action="append", help="only checks whose name matches this fnmatch pattern")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    options = parser.parse_args()

    selected = []
    for name, modes, function in CHECKS:
        if options.only and not any(fnmatch.fnmatchcase(name, p) for p in options.only):
            continue
        for mode in modes:
            if options.mode and mode not in options.mode:
                continue
            selected.append((name, mode, function))
    if options.list:
        for name, mode, _ in selected:
            reason = pending_reason(name, mode)
            print("%-40s %-6s %s" % (name, mode, "pending: " + reason if reason else ""))
        return 0

    started = time.time()
    emulator = Emulator(options.binary)
    passed, failed, skipped = 0, [], 0
    try:
        for name, mode, function in selected:
            label = "%s [%s]" % (name, mode)
            reason = pending_reason(name, mode)
            if reason and not options.all:
                skipped += 1
                print("skip %s (pending: %s)" % (label, reason))
                continue
            failure = run_one(emulator, name, mode, function)
            if failure is None:
                passed += 1
                print("ok   %s%s" % (label, " (pending list entry can go)" if reason else ""))
            else:
                failed.append(label)
                print("FAIL %s: %s" % (label, failure))
            sys.stdout.flush()
    finally:
        emulator.stop()
    print("conformance: %d ok, %d failed, %d pending skipped, in %.1fs" % (
        passed, len(failed), skipped, time.time() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
