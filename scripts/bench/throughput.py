"""Throughput and latency of `csbs serve` next to moto_server, measured with wrk in one run.

Usage: throughput.py CSBS_BINARY MOTO_SERVER [--backups N] [--servers-per-vault S] [--storage memory|file]
                     [--threads T] [--connections C] [--duration S] [--json PATH]

1. Starts `csbs serve --port 0` with zero operation durations (`--memory`, or with `--storage file` a `--db` file in
   a temporary directory, the default kind of state), takes an IAM token over HTTP and seeds N backups (default
   10,000) through the API: checkpoints of three vaults each holding one demo server, or with
   `--servers-per-vault S` checkpoints of one vault holding S servers of an `--inventory` file (one disk each), the
   fast way to seed a big fixture (docs/EMULATOR.md). Records the seeding time and the server's peak RSS.
2. Starts moto_server and seeds 100 AWS Backup vaults (moto 5.x serves no recovery points, and ListBackupVaults
   has no paging, so 100 vaults is the size of one of our 100-row pages).
3. Runs wrk (fixed threads, connections, duration; a short warm-up first) against four targets:
   csbs show-checkpoint, csbs list-backups paged (`limit=100&offset=...` walking all N rows),
   moto DescribeBackupVault, moto ListBackupVaults.
   Then the same four targets again with one connection (`-t1 -c1`), for the service time without queueing.
4. Prints tables of requests/s, p50, p99 and the ratios, the seeding time and the peak RSS (VmHWM) after seeding
   and at the end, against the at-scale targets (seeding < 60 s, RSS < 1 GiB, list p99 < 10 ms); `--json` also
   writes the figures to a file.

The token travels to wrk in the environment (BENCH_HEADERS), never on a command line or in the output.
"""
import argparse
import http.client
import json
import os
import re
import select
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time

from fanout import servers_for, write_inventory

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "wrk-report.lua")
SERVERS = ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f", "1a503932-ee8f-4dd5-8248-8dfb57e584c5",
           "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"]
MOTO_VAULTS = 100
PAGE = 100


def fail(message):
    sys.exit("emulator-throughput: " + message)


class JSONClient:
    """A keep-alive HTTP/1.1 JSON client for seeding."""

    def __init__(self, host, port, headers=None):
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.headers = dict(headers or {})

    def call(self, method, path, body=None, expect=(200,)):
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers, **({"Content-Type": "application/json"} if data else {}))
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        if response.status not in expect:
            fail("%s %s answered %d: %s" % (method, path.split("?")[0], response.status, raw[:300].decode(errors="replace")))
        return response, (json.loads(raw) if raw else None)


def start_csbs(binary, state, inventory=None):
    """Starts `csbs serve` on `state` (a --db path, or None for --memory), with the servers of `inventory`."""
    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    arguments = [binary, "serve", "--port", "0"] + (["--db", state] if state else ["--memory"])
    if inventory:
        arguments += ["--inventory", inventory]
    for flag in sorted(set(re.findall(r"(--[a-z-]+-duration)\b", help_text))):
        arguments += [flag, "0s"]
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    fd, buffer, deadline = process.stdout.fileno(), b"", time.time() + 60
    while time.time() < deadline and not (b"OS_REGION_NAME" in buffer and buffer.endswith(b"\n")):
        if select.select([fd], [], [], 1.0)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
    # Keep reading stdout so that the emulator never blocks on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    settings = {}
    for line in buffer.decode().splitlines():
        if line.startswith("export "):
            for assignment in shlex.split(line[len("export "):]):
                name, _, value = assignment.partition("=")
                settings[name] = value
    if "CSBS_ENDPOINT" not in settings:
        process.kill()
        fail("csbs serve did not print its settings")
    return process, settings


def csbs_token(host, port, settings):
    client = JSONClient(host, port)
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": settings["OS_USERNAME"], "password": settings["OS_PASSWORD"],
        "domain": {"name": settings["OS_USER_DOMAIN_NAME"]}}}},
        "scope": {"project": {"name": settings["OS_PROJECT_NAME"]}}}}
    response, _ = client.call("POST", "/v3/auth/tokens?nocatalog=true", body, expect=(201,))
    return response.getheader("X-Subject-Token")


def peak_rss_mib(process):
    """The process's peak and current resident set (VmHWM, VmRSS) in MiB, from /proc."""
    with open("/proc/%d/status" % process.pid) as handle:
        fields = dict(line.split(":", 1) for line in handle if line.startswith(("VmHWM", "VmRSS")))
    return tuple(int(fields[name].split()[0]) / 1024 for name in ("VmHWM", "VmRSS"))


def create_vault(client, project, name, servers):
    """A vault holding `servers`: created with the first 256, the rest added 256 per call (the API's bound)."""
    resources = [{"id": server, "type": "OS::Nova::Server"} for server in servers]
    _, body = client.call("POST", "/v3/%s/vaults" % project, {"vault": {
        "name": name, "resources": resources[:256],
        "billing": {"consistent_level": "crash_consistent", "object_type": "server", "protect_type": "backup",
                    "size": 10485760}}})
    vault = body["vault"]["id"]
    for start in range(256, len(resources), 256):
        client.call("POST", "/v3/%s/vaults/%s/addresources" % (project, vault),
                    {"resources": resources[start:start + 256]})
    return vault


def seed_csbs(client, project, wanted, servers_per_vault):
    """Creates checkpoints until list-backups counts `wanted` rows; returns (checkpoint id, row count, seconds).

    The checkpoint returned for show-checkpoint is always one of a single demo server, so that its answer is the
    same size whatever the seeding."""
    started = time.time()
    created = []

    def checkpoint(vault, name):
        _, body = client.call("POST", "/v3/%s/checkpoints" % project, {"checkpoint": {
            "vault_id": vault, "parameters": {"name": name, "incremental": True}}})
        created.append(body["checkpoint"]["id"])

    if servers_per_vault:
        checkpoint(create_vault(client, project, "bench_show", SERVERS[:1]), "bench_show")
        vaults = [create_vault(client, project, "bench_0", servers_for(servers_per_vault))]
    else:
        vaults = [create_vault(client, project, "bench_%d" % index, [server]) for index, server in enumerate(SERVERS)]
    shown = len(created)

    def one_round(round_number):
        for vault in vaults:
            checkpoint(vault, "bench_%d" % round_number)

    def listed_rows():
        return client.call("GET", "/v3/%s/backups?limit=1" % project)[1]["count"]

    one_round(0)
    per_round = listed_rows() - shown
    if per_round < 1:
        fail("a checkpoint of %d vaults listed no backups" % len(vaults))
    rounds = -(-(wanted - shown) // per_round)
    for number in range(1, rounds):
        one_round(number)
    count = listed_rows()
    while count < wanted:
        one_round(rounds)
        rounds += 1
        count = listed_rows()
    return created[0], count, time.time() - started


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(moto_server):
    port = free_port()
    process = subprocess.Popen([moto_server, "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    fail("moto_server did not start")


MOTO_HEADERS = {
    # moto routes by the credential scope's service name; it does not verify signatures.
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/backup/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=0",
    "X-Amz-Date": "20260101T000000Z",
}


def seed_moto(port):
    client = JSONClient("127.0.0.1", port, MOTO_HEADERS)
    for index in range(MOTO_VAULTS):
        client.call("PUT", "/backup-vaults/bench-%04d" % index, {})
    _, listed = client.call("GET", "/backup-vaults/")
    if len(listed["BackupVaultList"]) != MOTO_VAULTS:
        fail("moto lists %d vaults, expected %d" % (len(listed["BackupVaultList"]), MOTO_VAULTS))
    return "bench-0001"


def wrk(url, arguments, headers, options, seconds, threads, connections):
    environment = dict(os.environ, BENCH_HEADERS="\n".join("%s: %s" % item for item in headers.items()))
    command = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds,
               "--timeout", "10s", "-s", LUA, url, "--"] + [str(a) for a in arguments]
    output = subprocess.run(command, env=environment, capture_output=True, text=True)
    lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
    if output.returncode != 0 or not lines:
        fail("wrk failed: " + output.stderr.strip()[-300:])
    result = json.loads(lines[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def measure(name, url, arguments, headers, options, threads=None, connections=None):
    threads, connections = threads or options.threads, connections or options.connections
    wrk(url, arguments, headers, options, options.warmup, threads, connections)
    result = wrk(url, arguments, headers, options, options.duration, threads, connections)
    errors = sum(result[k] for k in ("non_2xx", "connect_errors", "read_errors", "write_errors", "timeouts"))
    if errors:
        fail("%s: %d failed requests out of %d" % (name, errors, result["requests"]))
    if result["requests"] == 0:
        fail("%s: no request completed in %d s" % (name, options.duration))
    result["name"] = name
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csbs")
    parser.add_argument("moto_server")
    parser.add_argument("--backups", type=int, default=10_000)
    parser.add_argument("--servers-per-vault", type=int, default=0,
                        help="seed through one vault holding this many --inventory servers (0: three demo servers)")
    parser.add_argument("--storage", choices=("memory", "file"), default="memory",
                        help="--memory (the default) or a --db file in a temporary directory")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json")
    options = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="csbs-throughput-")
    inventory = None
    if options.servers_per_vault:
        inventory = os.path.join(scratch.name, "inventory.json")
        write_inventory(inventory, servers_for(options.servers_per_vault))
    state = os.path.join(scratch.name, "state.sqlite") if options.storage == "file" else None
    csbs, settings = start_csbs(options.csbs, state, inventory)
    moto = None
    try:
        host, port = "127.0.0.1", int(settings["CSBS_ENDPOINT"].rsplit(":", 1)[1])
        project = settings["OS_PROJECT_ID"]
        token = csbs_token(host, port, settings)
        headers = {"X-Auth-Token": token, "Accept": "application/json"}
        checkpoint, rows, seed_seconds = seed_csbs(
            JSONClient(host, port, headers), project, options.backups, options.servers_per_vault)
        seeded_rss = peak_rss_mib(csbs)
        state_mib = sum(os.path.getsize(os.path.join(scratch.name, name)) for name in os.listdir(scratch.name)
                        if name.startswith("state.")) / 2**20 if state else 0
        print("seeded %d backups in csbs in %.1fs (%.0f backups/s); peak RSS %.0f MiB%s" % (
            rows, seed_seconds, rows / seed_seconds, seeded_rss[0],
            ", state files %.0f MiB" % state_mib if state else ""), flush=True)
        moto, moto_port = start_moto(options.moto_server)
        vault = seed_moto(moto_port)
        print("seeded %d vaults in moto_server" % MOTO_VAULTS, flush=True)

        csbs_url, moto_url = settings["CSBS_ENDPOINT"], "http://127.0.0.1:%d" % moto_port
        targets = [
            ("csbs show-checkpoint", csbs_url, ["/v3/%s/checkpoints/%s" % (project, checkpoint)], headers),
            ("csbs list-backups (limit=100, paged over %d rows)" % rows, csbs_url,
             ["/v3/%s/backups?limit=%d" % (project, PAGE), rows, PAGE], headers),
            ("moto DescribeBackupVault", moto_url, ["/backup-vaults/" + vault], MOTO_HEADERS),
            ("moto ListBackupVaults (%d vaults, unpaged)" % MOTO_VAULTS, moto_url, ["/backup-vaults/"],
             MOTO_HEADERS),
        ]
        results = [measure(*target, options) for target in targets]
        # One connection: the service time of one request without queueing behind others.
        single = [measure(*target, options, threads=1, connections=1) for target in targets]
        final_rss = peak_rss_mib(csbs)
    finally:
        for process in (csbs, moto):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
        scratch.cleanup()

    show_ratio = results[0]["rps"] / results[2]["rps"]
    list_ratio = results[1]["rps"] / results[3]["rps"]
    print()
    print("wrk -t%d -c%d -d%ds (after a %ds warm-up), same machine, same run" % (
        options.threads, options.connections, options.duration, options.warmup))
    print("%-56s %10s %9s %9s" % ("target", "req/s", "p50 ms", "p99 ms"))
    for r in results:
        print("%-56s %10.0f %9.2f %9.2f" % (r["name"], r["rps"], r["p50_us"] / 1000, r["p99_us"] / 1000))
    print()
    print("wrk -t1 -c1 -d%ds (after a %ds warm-up): one request at a time" % (options.duration, options.warmup))
    print("%-56s %10s %9s %9s" % ("target", "req/s", "p50 ms", "p99 ms"))
    for r in single:
        print("%-56s %10.0f %9.2f %9.2f" % (r["name"], r["rps"], r["p50_us"] / 1000, r["p99_us"] / 1000))
    print()
    print("show-checkpoint vs DescribeBackupVault: %.1fx the throughput" % show_ratio)
    print("list-backups vs ListBackupVaults:       %.1fx the throughput" % list_ratio)
    list_p99 = results[1]["p99_us"] / 1000
    print("list-backups p99 %.2f ms (target < 10 ms): %s" % (list_p99, "met" if list_p99 < 10 else "NOT met"))
    print("throughput target (>= 10x moto): %s" % ("met" if min(show_ratio, list_ratio) >= 10 else "NOT met"))
    # moto 5.x serves no recovery points, so it has no side in seeding or in the size of the state.
    print("seeding %d backups (%s): %.1f s (target < 60 s): %s" % (
        rows, options.storage, seed_seconds, "met" if seed_seconds < 60 else "NOT met"))
    print("csbs peak RSS %.0f MiB after seeding, %.0f MiB at the end (target < 1024 MiB): %s" % (
        seeded_rss[0], final_rss[0], "met" if final_rss[0] < 1024 else "NOT met"))
    if options.json:
        with open(options.json, "w") as handle:
            json.dump({"options": vars(options), "rows": rows, "seed_seconds": seed_seconds,
                       "peak_rss_mib": {"seeded": seeded_rss[0], "end": final_rss[0]}, "state_mib": state_mib,
                       "results": results, "single_connection": single,
                       "ratios": {"show": show_ratio, "list": list_ratio}}, handle, indent=1)


if __name__ == "__main__":
    main()
