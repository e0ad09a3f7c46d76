"""Back up many servers from one script: csbs `for … parallel N` and the set form (`attach server $fleet` then
`backup server $fleet wait`) next to the official Python SDK (sequential and with a thread pool), each against a
fresh `csbs serve` whose inventory holds the servers and whose backups take BACKUP seconds of real time, with the
gateway's rate limit when --rate-limit N is given (429 APIGW.0308 past N requests per second).

Usage: fanout.py CSBS_BINARY PYTHON_WITH_SDK [--servers 1000] [--parallel 16] [--backup 2] [--rate-limit N]
                 [--forms loop,set,pool,sequential] [--skip-sequential] [--runs N] [--against BINARY] [--timeline]
                 [--json PATH]

Recorded per side: wall time of the whole process, API calls (the emulator's request log, token call included),
of which polling (list_backups and show_checkpoint: the waits' rounds, and for the set form the one listing that
reports each server's backup), throttled answers (429), calls per server, peak RSS (wait4's ru_maxrss), and that
every server has an available restore point. Ideal wall time for parallelism P: ceil(servers / P) * BACKUP; for the
set form one BACKUP (all servers in one checkpoint).

--runs N measures each side N times and reports the run with the median wall time (every wall time is listed);
--against BINARY measures the csbs sides of another build too, alternating run by run with CSBS_BINARY, for a
side-by-side of two clients in the same minutes (both against CSBS_BINARY's `csbs serve`).

--timeline runs the set form once more (not measured) with `csbs --verbose` and prints each request as the client
sent it and its answer as it arrived, in ms since the process was spawned (stderr lines stamped as they come; the
trace's own printing adds a little), then the emulator's time for each: where the set form's time goes.
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


POLLING = ("list_backups", "show_checkpoint")


def start_emulator(binary, inventory, backup, rate_limit=None):
    argv = [binary, "serve", "--memory", "--port", "0", "--backup-duration", "%gs" % backup, "--inventory", inventory]
    if rate_limit:
        argv += ["--rate-limit", str(rate_limit)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
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


def measure(name, argv, env, binary, inventory, backup, servers, rate_limit=None):
    emulator, settings = start_emulator(binary, inventory, backup, rate_limit)
    try:
        env = dict(env, **{k: v for k, v in settings.items() if k.startswith(("OS_", "CSBS_"))})
        start = time.perf_counter()
        # stderr goes to a file, not a pipe: a client that logs more than a pipe holds (the SDK pool's throttled
        # calls) would block on it while this process waits for it to exit.
        with tempfile.TemporaryFile() as stderr:
            process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            stderr.seek(0)
            errors = stderr.read().decode(errors="replace")
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
        polling = sum(by_operation.get(operation, 0) for operation in POLLING)
        throttled = sum(1 for entry in log if entry.get("status") == 429)
        return {"wall_s": wall, "api_calls": len(log), "polling_calls": polling, "other_calls": len(log) - polling,
                "throttled": throttled, "calls_per_server": len(log) / len(servers),
                "peak_rss_mib": usage.ru_maxrss / 1024, "by_operation": by_operation}
    finally:
        emulator.terminate()
        emulator.wait()


def timeline(argv, env, binary, inventory, backup, rate_limit=None):
    """Prints when each request of `argv` (a csbs run) went out and its answer came back, and the emulator's time."""
    emulator, settings = start_emulator(binary, inventory, backup, rate_limit)
    try:
        env = dict(env, **{k: v for k, v in settings.items() if k.startswith(("OS_", "CSBS_"))})
        project = settings.get("HUAWEICLOUD_SDK_PROJECT_ID") or settings.get("OS_PROJECT_ID") or "{project}"
        start = time.perf_counter()
        process = subprocess.Popen([argv[0], "--verbose"] + argv[1:], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        for raw in process.stderr:
            line = raw.decode(errors="replace").rstrip()
            if "trace: " in line and line.split("trace: ", 1)[1][:1] in "→←↻⚖":
                event = line.split("trace: ", 1)[1].replace(project, "{project}")
                print("%8.1f ms  %s" % ((time.perf_counter() - start) * 1000, event[:140]))
        process.wait()
        print("%8.1f ms  exit %d" % ((time.perf_counter() - start) * 1000, process.returncode))
        log = get(settings["CSBS_ENDPOINT"], "requests")
        for entry in log["requests"] if isinstance(log, dict) else log:
            print("  emulator: %-28s %s %8.1f ms" % (entry.get("operation") or entry["path"], entry.get("status"),
                                                     entry.get("durationMs", entry.get("duration_ms", -1))))
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
    parser.add_argument("--rate-limit", type=int, help="the emulator gateway's limit, requests per second")
    parser.add_argument("--forms", default="loop,set,pool,sequential",
                        help="which sides to run, comma-separated: loop (csbs for … parallel), set (csbs set form), "
                             "pool (SDK thread pool), sequential (SDK loop)")
    parser.add_argument("--skip-sequential", action="store_true")
    parser.add_argument("--timeline", action="store_true",
                        help="then run the set form once with --verbose and print when each request went and came")
    parser.add_argument("--runs", type=int, default=1, help="measure each side this many times; report the median")
    parser.add_argument("--against", help="another csbs binary whose csbs sides run too, alternating with BINARY")
    parser.add_argument("--json")
    args = parser.parse_args()
    forms = set(args.forms.split(","))
    if args.skip_sequential:
        forms.discard("sequential")

    home = tempfile.mkdtemp(prefix="csbs-fanout-")
    servers = servers_for(args.servers)
    inventory = home + "/inventory.json"
    write_inventory(inventory, servers)
    with open(home + "/servers.txt", "w") as handle:
        handle.write("\n".join(servers) + "\n")
    fleet = "let fleet = [%s]\n" % ", ".join('"%s"' % s for s in servers)
    script = home + "/fanout.csbs"
    with open(script, "w") as handle:
        handle.write(fleet)
        handle.write('vault "fleet" size 100000\n')
        handle.write("for s in $fleet parallel %d {\n    attach server $s\n    backup server $s wait\n}\n"
                     % args.parallel)
    set_script = home + "/fanout-set.csbs"
    with open(set_script, "w") as handle:
        handle.write(fleet)
        handle.write('vault "fleet" size 100000\nattach server $fleet\nbackup server $fleet wait\n')
    base = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": home + "/state",
            "XDG_CACHE_HOME": home + "/cache"}
    ideal = math.ceil(args.servers / args.parallel) * args.backup
    results, references = {}, {}
    sdk = [args.python, os.path.join(HERE, "fanout-sdk.py"), home + "/servers.txt", "fleet"]
    sides = [
        ("loop", "csbs parallel %d" % args.parallel, [args.binary, "--quiet", "run", script], ideal),
        ("set", "csbs set form", [args.binary, "--quiet", "run", set_script], args.backup),
        ("pool", "SDK thread pool %d" % args.parallel, sdk + [str(args.parallel)], ideal),
        ("sequential", "SDK sequential", sdk + ["1"], args.servers * args.backup),
    ]
    if args.against:
        sides += [(form, name + " (against)", [args.against] + argv[1:], reference)
                  for form, name, argv, reference in sides if argv[0] == args.binary]
    runs = {}
    for _ in range(args.runs):
        for form, name, argv, reference in sides:
            if form in forms:
                runs.setdefault(name, []).append(
                    measure(name, argv, base, args.binary, inventory, args.backup, servers, args.rate_limit))
                references[name] = reference
    for name, measured in runs.items():
        ordered = sorted(measured, key=lambda value: value["wall_s"])
        results[name] = dict(ordered[(len(ordered) - 1) // 2], runs_wall_s=[value["wall_s"] for value in measured])
    load = os.getloadavg()
    print("machine: %d cores, load average %.2f %.2f %.2f at the end" % (os.cpu_count(), *load))
    print("%d servers, backups of %gs, gateway limit %s; ideal wall time at parallelism %d: %.1f s, set form %.1f s "
          "(sequential: %.1f s)" % (args.servers, args.backup,
                                    "%d requests/s" % args.rate_limit if args.rate_limit else "off", args.parallel,
                                    ideal, args.backup, args.servers * args.backup))
    print("%-32s %9s %9s %10s %8s %8s %6s %12s %9s" % ("", "wall s", "x ideal", "API calls", "polling", "other",
                                                        "429s", "calls/server", "RSS MiB"))
    for name, value in results.items():
        print("%-32s %9.3f %9.3f %10d %8d %8d %6d %12.2f %9.1f" % (
            name, value["wall_s"], value["wall_s"] / references[name], value["api_calls"], value["polling_calls"],
            value["other_calls"], value["throttled"], value["calls_per_server"], value["peak_rss_mib"]))
    for name, value in results.items():
        print("%s calls by operation: %s" % (name, json.dumps(value["by_operation"], sort_keys=True)))
        if len(value["runs_wall_s"]) > 1:
            print("%s wall s of each run: %s (median %.3f)" % (
                name, " ".join("%.3f" % wall for wall in value["runs_wall_s"]), value["wall_s"]))
    if args.timeline:
        print("timeline of the set form (ms since spawn):")
        timeline([args.binary, "--quiet", "run", set_script], base, args.binary, inventory, args.backup,
                 args.rate_limit)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"servers": args.servers, "parallel": args.parallel, "backup_s": args.backup, "ideal_s": ideal,
                       "rate_limit": args.rate_limit, "load": load, "results": results}, handle, indent=2)


if __name__ == "__main__":
    main()
