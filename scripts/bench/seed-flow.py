"""The CBR seed flow end to end, as whole processes: csbs next to the official Python SDK, in one run.

Usage: seed-flow.py CSBS_BINARY PYTHON_WITH_SDK [--runs N] [--json PATH]

One `csbs serve --memory --port 0 --backup-duration 0s` (instant completion) serves both sides. Each run is one
process from spawn to exit, doing the seed flow on a vault of its own (so every run creates a vault, adds the
server, creates a checkpoint and waits for it):
  csbs:  csbs -c 'vault "NAME" size 200; attach server ID_n; backup name "backup_auto" description "backupauto" wait'
         with a fresh, empty token cache (so the IAM token request is part of every run), and again
         with a warm token cache (the user's second run within the token's life).
  SDK:   seed-flow-sdk.py (IAM token with huaweicloudsdkiam, then create_vault, add_vault_resource,
         create_checkpoint, show_checkpoint until available).
Runs alternate so machine noise hits both alike. API calls per run come from the emulator's request log.
"""
import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def write_inventory(path, count):
    """An inventory of `count` running servers with one 40 GB system disk each (a server sits in one vault only,
    so every run backs up a server of its own)."""
    servers = [{"id": str(uuid.UUID(int=0x5eed0000_0000_4000_8000_000000000000 + n)), "name": "bench-%04d" % n,
                "status": "ACTIVE", "availability_zone": "cn-north-4a",
                "disks": [{"id": str(uuid.UUID(int=0xd15c0000_0000_4000_8000_000000000000 + n)),
                           "name": "bench-%04d-sys" % n, "size_gb": 40, "bootable": True}]}
               for n in range(count)]
    with open(path, "w") as handle:
        json.dump({"servers": servers}, handle)
    return [server["id"] for server in servers]


def start_emulator(binary, inventory):
    process = subprocess.Popen([binary, "serve", "--memory", "--port", "0", "--backup-duration", "0s",
                                "--inventory", inventory], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    settings, buffer, deadline = {}, b"", time.time() + 30
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
        raise SystemExit("seed-flow: csbs serve did not print its settings")
    return process, settings


def request_count(endpoint):
    with urllib.request.urlopen(endpoint + "/csbs-emulator/v1/requests") as response:
        body = json.load(response)
    return len(body["requests"] if isinstance(body, dict) else body)


def cpu_ticks():
    """(steal, total) jiffies of all CPUs from /proc/stat, or None off Linux. On a shared VM, steal is the time the
    host gave this machine's CPUs to others: a run with a few percent of it is slower for reasons outside both
    programs, so the figure is printed with the results."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(value) for value in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return fields[7], sum(fields)


def timed(argv, env):
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit("seed-flow: %s exited with %d: %s" % (argv[0], code, process.stderr.read().decode()[-500:]))
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def summary(samples):
    times = sorted(s[0] * 1000 for s in samples)
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    return {"median_ms": statistics.median(times), "p90_ms": p90, "min_ms": times[0],
            "peak_rss_mib": max(s[1] for s in samples)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("python")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()

    ticks_before = cpu_ticks()
    home = tempfile.mkdtemp(prefix="csbs-seed-flow-")
    servers = iter(write_inventory(home + "/inventory.json", 3 * args.runs + 3))
    emulator, settings = start_emulator(args.binary, home + "/inventory.json")
    try:
        base = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": home + "/state",
                "CSBS_HISTFILE": home + "/history"}
        base.update({k: v for k, v in settings.items() if k.startswith(("OS_", "CSBS_"))})
        sdk_env = dict(base)
        endpoint = settings["CSBS_ENDPOINT"]

        def csbs(name, cache):
            script = ('vault "%s" size 200; attach server %s; '
                      'backup name "backup_auto" description "backupauto" wait' % (name, next(servers)))
            env = dict(base, XDG_CACHE_HOME=cache)
            return timed([args.binary, "-c", script], env)

        def sdk(name):
            return timed([args.python, os.path.join(HERE, "seed-flow-sdk.py"), name, next(servers)], sdk_env)

        # Warm-up (page cache, the SDK's .pyc files), not counted.
        csbs("warm-up-csbs", tempfile.mkdtemp(dir=home))
        sdk("warm-up-sdk")

        samples = {"csbs (cold token cache)": [], "csbs (warm token cache)": [], "official Python SDK": []}
        calls = {key: [] for key in samples}
        warm_cache = home + "/warm-cache"
        csbs("prime", warm_cache)
        for run in range(args.runs):
            for key in samples:
                before = request_count(endpoint)
                if key.startswith("csbs (cold"):
                    samples[key].append(csbs("cold-%d" % run, tempfile.mkdtemp(dir=home)))
                elif key.startswith("csbs (warm"):
                    samples[key].append(csbs("warm-%d" % run, warm_cache))
                else:
                    samples[key].append(sdk("sdk-%d" % run))
                calls[key].append(request_count(endpoint) - before)
    finally:
        emulator.terminate()
        emulator.wait()
        shutil.rmtree(home, ignore_errors=True)

    load = os.getloadavg()
    ticks_after = cpu_ticks()
    steal = None
    if ticks_before and ticks_after and ticks_after[1] > ticks_before[1]:
        steal = 100.0 * (ticks_after[0] - ticks_before[0]) / (ticks_after[1] - ticks_before[1])
    results = {key: dict(summary(value), api_calls=statistics.median(calls[key])) for key, value in samples.items()}
    print("machine: %d cores, load average %.2f %.2f %.2f at the end%s" % (
        os.cpu_count(), *load, "" if steal is None else ", CPU time stolen by the host during the run %.1f %%" % steal))
    print("%-26s %10s %10s %10s %9s %10s" % ("", "median ms", "p90 ms", "min ms", "RSS MiB", "API calls"))
    for key, value in results.items():
        print("%-26s %10.1f %10.1f %10.1f %9.1f %10g" % (key, value["median_ms"], value["p90_ms"], value["min_ms"],
                                                         value["peak_rss_mib"], value["api_calls"]))
    peer = results["official Python SDK"]["median_ms"]
    for key in ("csbs (cold token cache)", "csbs (warm token cache)"):
        print("ratio SDK / %s: %.1fx" % (key, peer / results[key]["median_ms"]))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"runs": args.runs, "load": load, "steal_percent": steal, "results": results}, handle, indent=2)


if __name__ == "__main__":
    main()
