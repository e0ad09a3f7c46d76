"""`csbs check` on a generated runbook next to `bash -n` on the same runbook written as a shell script.

Usage: check_speed.py CSBS_BINARY [--lines N] [--runs N]

Both scripts do the same thing in their own language, block by block (8 lines each): select a vault, attach a
server, take a backup into a variable, test its status, echo its id. Parsing only: `csbs check` parses and
resolves names (nothing is sent); `bash -n` parses. Wall time is the median of N alternating runs; CPU time is
wait4's user + system time (the median too), which other processes on a loaded machine disturb far less than the
wall time; peak RSS is wait4's ru_maxrss.
"""
import argparse
import os
import statistics
import tempfile
import time

CSBS_BLOCK = """vault "v{i}" size 100
attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
let b{i} = backup name "pre-upgrade-{i}" wait timeout 30m
if $b{i}.status == "available" {{
  echo "backup ${{b{i}.id}} ok"
}} else {{
  echo "backup ${{b{i}.id}} failed"
}}
"""

BASH_BLOCK = """hcloud_vault "v{i}" --size 100
hcloud_attach --server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
b{i}=$(hcloud_backup --name "pre-upgrade-{i}" --wait --timeout 30m)
if [ "$(echo "$b{i}" | jq -r .status)" = "available" ]; then
  echo "backup $(echo "$b{i}" | jq -r .id) ok"
else
  echo "backup $(echo "$b{i}" | jq -r .id) failed"
fi
"""


def run(argv):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit("check-speed: %s exited with %d" % (" ".join(argv), code))
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    blocks = args.lines // 8
    directory = tempfile.mkdtemp(prefix="csbs-bench-check-")
    csbs_path = os.path.join(directory, "runbook.csbs")
    bash_path = os.path.join(directory, "runbook.sh")
    with open(csbs_path, "w") as f:
        f.write("".join(CSBS_BLOCK.format(i=i) for i in range(blocks)))
    with open(bash_path, "w") as f:
        f.write("".join(BASH_BLOCK.format(i=i) for i in range(blocks)))
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(run([args.binary, "check", csbs_path]))
        theirs.append(run(["/bin/bash", "-n", bash_path]))
    o = statistics.median(r[0] for r in ours) * 1000
    t = statistics.median(r[0] for r in theirs) * 1000
    o_cpu = statistics.median(r[2] for r in ours) * 1000
    t_cpu = statistics.median(r[2] for r in theirs) * 1000
    print("%d lines each (%d blocks), %d runs each, alternating" % (blocks * 8, blocks, args.runs))
    print("%-34s %12s %12s %14s" % ("", "median ms", "CPU ms", "peak RSS MiB"))
    print("%-34s %12.1f %12.1f %14.1f" % ("csbs check runbook.csbs", o, o_cpu, max(r[1] for r in ours)))
    print("%-34s %12.1f %12.1f %14.1f" % ("bash -n runbook.sh", t, t_cpu, max(r[1] for r in theirs)))
    print("ratio (bash -n / csbs check): %.2fx wall, %.2fx CPU" % (t / o, t_cpu / o_cpu))


if __name__ == "__main__":
    main()
