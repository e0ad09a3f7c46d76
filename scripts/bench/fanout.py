"""Back up many servers from one script: csbs `for … parallel N` next to the official Python SDK (sequential and
with a thread pool), each against a fresh `csbs serve` whose inventory holds the servers and whose backups take
BACKUP seconds of real time.

Usage: fanout.py CSBS_BINARY PYTHON_WITH_SDK [--servers 1000] [--parallel 16] [--backup 2] [--skip-sequential]
                 [--json PATH]

Recorded per side: wall time of the whole process, API calls (the emulator's request log, token call included),
calls per server, peak RSS (wait4's ru_maxrss), and that every server has an available restore point.
Ideal wall time for parallelism P: ceil(servers / P) * BACKUP.
"""
import argparse
import json
import math
import os
import select
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def servers_for(count):
    return [str(uuid.UUID(int=0xfa000000_0000_4000_8000_000000000000 + n)) for n in range(count)]


def write_inventory(path, servers):
    entries = [{"id": server, "name": "fleet-%04d" % n, "status": "ACTIVE", "availability_zone": "cn-north-4a",
                "disks": [{"id": str(uuid.UUID(int=0xfd000000_0000_4000_8000_000000000000 + n)),
                           "name": "fleet-%04d-sys" % n, "size_gb": 40, "bootable": True}]}
               for n, server in enumerate(servers)]
    with open(path, "w") as handle:
        json.dump({"servers": entries}, handle)


def start_emulator(binary, inventory, backup):
    process = subprocess.Popen([binary, "serve", "--memory", "--port", "0", "--backup-duration", "%gs" % backup,
                                "--inventory", inventory], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    settings, buffer, deadline = {}, b"", time.time() + 60
    while "HUAWEICLOUD_SDK_PROJECT_ID" not in settings and time.time() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
            for line in buffer.decode().splitlines():
                if line.startswith("export ") and "=" in line:
                    name, value = line[len("export "):].split("=", 1)
                    settings[name] = value
    if "CSBS_ENDPOINT" not in settings:
        process.kill()
        raise SystemExit("fanout: csbs serve did not start")
    return process, settings


def get(endpoint, path):
    with urllib.request.urlopen(endpoint + "/csbs-emulator/v1/" + path) as response:
        return json.load(response)


def measure(name, argv, env, binary, inventory, backup, servers):
    emulator, settings = start_emulator(binary, inventory, backup)
    try:
        env = dict(env, **{k: v for k, v in settings.items() if k.startswith(("OS_", "CSBS_"))})
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors = process.stderr.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("fanout: %s exited with %d: %s" % (name, os.waitstatus_to_exitcode(status), errors[-800:]))
        log = get(settings["CSBS_ENDPOINT"], "requests")
        log = log["requests"] if isinstance(log, dict) else log
        by_operation = {}
        for entry in log:
            by_operation[entry.get("operation") or entry["path"]] = by_operation.get(entry.get("operation") or entry["path"], 0) + 1
        tables = get(settings["CSBS_ENDPOINT"], "state")["tables"]
        backed_up = {row["resourceId"] for row in tables.get("backup", []) if row.get("parentId") is None}
        missing = [s for s in servers if s not in backed_up]
        if missing:
            raise SystemExit("fanout: %s left %d servers without a backup" % (name, len(missing)))
        return {"wall_s": wall, "api_calls": len(log), "calls_per_server": len(log) / len(servers),
                "peak_rss_mib": usage.ru_maxrss / 1024, "by_operation": by_operation}
    finally:
        emulator.terminate()
        emulator.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("python")
    parser.add_argument("--servers", type=int, default=1000)
    parser.add_argument("--parallel", type=int, default=16)
    parser.add_argument("--backup", type=float, default=2)
    parser.add_argument("--skip-sequential", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="csbs-fanout-")
    servers = servers_for(args.servers)
    inventory = home + "/inventory.json"
    write_inventory(inventory, servers)
    with open(home + "/servers.txt", "w") as handle:
        handle.write("\n".join(servers) + "\n")
    script = home + "/fanout.csbs"
    with open(script, "w") as handle:
        handle.write("let fleet = [%s]\n" % ", ".join('"%s"' % s for s in servers))
        handle.write('vault "fleet" size 100000\n')
        handle.write("for s in $fleet parallel %d {\n    attach server $s\n    backup server $s wait\n}\n"
                     % args.parallel)
    base = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": home + "/state",
            "XDG_CACHE_HOME": home + "/cache"}
    ideal = math.ceil(args.servers / args.parallel) * args.backup
    results = {}
    results["csbs parallel %d" % args.parallel] = measure(
        "csbs", [args.binary, "--quiet", "run", script], base, args.binary, inventory, args.backup, servers)
    results["SDK thread pool %d" % args.parallel] = measure(
        "sdk pool", [args.python, os.path.join(HERE, "fanout-sdk.py"), home + "/servers.txt", "fleet",
                     str(args.parallel)], base, args.binary, inventory, args.backup, servers)
    if not args.skip_sequential:
        results["SDK sequential"] = measure(
            "sdk sequential", [args.python, os.path.join(HERE, "fanout-sdk.py"), home + "/servers.txt", "fleet", "1"],
            base, args.binary, inventory, args.backup, servers)
    load = os.getloadavg()
    print("machine: %d cores, load average %.2f %.2f %.2f at the end" % (os.cpu_count(), *load))
    print("%d servers, backups of %gs, ideal wall time at parallelism %d: %.1f s (sequential: %.1f s)"
          % (args.servers, args.backup, args.parallel, ideal, args.servers * args.backup))
    print("%-22s %9s %9s %10s %12s %9s" % ("", "wall s", "x ideal", "API calls", "calls/server", "RSS MiB"))
    for name, value in results.items():
        reference = args.servers * args.backup if "sequential" in name else ideal
        print("%-22s %9.1f %9.2f %10d %12.2f %9.1f" % (name, value["wall_s"], value["wall_s"] / reference,
                                                     value["api_calls"], value["calls_per_server"],
                                                     value["peak_rss_mib"]))
    for name, value in results.items():
        print("%s calls by operation: %s" % (name, json.dumps(value["by_operation"], sort_keys=True)))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"servers": args.servers, "parallel": args.parallel, "backup_s": args.backup, "ideal_s": ideal,
                       "load": load, "results": results}, handle, indent=2)


if __name__ == "__main__":
    main()
