"""Start-up of the interactive shell to its first prompt, next to importing the official Python SDK.

Usage: repl_startup.py CSBS_BINARY PYTHON_WITH_SDK [--runs N]

csbs: spawned in a pseudo-terminal with no credentials (so it starts its built-in emulator on an existing
state file, as on a user's second start); the clock stops when the prompt appears; then Ctrl-D. Peak resident
memory comes from wait4's ru_maxrss for the whole process life, which counts the emulator csbs starts as a child
(csbs-emulator, reaped by csbs) as well: it is the larger of the two. At the prompt, each one's own peak
(VmHWM) is read too and reported apart. The first (cold) run, which creates the state file, is reported apart.
Peer: `PYTHON -c 'import huaweicloudsdkcbr.v1'` — only the import of the SDK's CBR module, no request.
Runs alternate between the two so that machine noise hits both alike. Prints medians, p90 and ratios.
"""
import argparse
import os
import pty
import select
import statistics
import sys
import tempfile
import time

PROMPT = b"csbs emulator cn-north-4> "


def csbs_run(binary, home):
    env = {"HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CACHE_HOME": home + "/cache",
           "TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "CSBS_HISTFILE": home + "/history"}
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    seen = b""
    try:
        while PROMPT not in seen:
            ready, _, _ = select.select([fd], [], [], 20)
            if not ready:
                raise SystemExit("repl-startup: no prompt within 20 s; saw %r" % seen[-200:])
            seen += os.read(fd, 4096)
        elapsed = time.perf_counter() - start
        own = peak_mib(pid)
        children = [peak_mib(child) for child in children_of(pid)]
        os.write(fd, b"\x04")
        while True:
            ready, _, _ = select.select([fd], [], [], 5)
            if not ready:
                break
            try:
                if not os.read(fd, 4096):
                    break
            except OSError:
                break
    finally:
        _, status, usage = os.wait4(pid, 0)
        os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("repl-startup: csbs exited with %d" % os.waitstatus_to_exitcode(status))
    return elapsed, usage.ru_maxrss / 1024, own, max(children, default=0.0)


def peak_mib(pid):
    """The process's own peak resident memory so far (VmHWM), in MiB; 0 if it is gone."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_of(pid):
    """The processes `pid` started (each listed under the thread that started it)."""
    found = []
    try:
        for thread in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, thread)) as listing:
                found += [int(word) for word in listing.read().split()]
    except OSError:
        pass
    return found


def peer_run(python):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.execv(python, [python, "-c", "import huaweicloudsdkcbr.v1"])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("repl-startup: the SDK import failed")
    return elapsed, usage.ru_maxrss / 1024


def summary(samples):
    times = sorted(s[0] * 1000 for s in samples)
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    return statistics.median(times), p90, max(s[1] for s in samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("python")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="csbs-bench-startup-")
    cold = csbs_run(args.binary, home)
    peer_run(args.python)  # warm the page cache for the SDK's files too
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(csbs_run(args.binary, home))
        theirs.append(peer_run(args.python))
    o_med, o_p90, o_rss = summary(ours)
    t_med, t_p90, t_rss = summary(theirs)
    print("runs: %d each, alternating; cold first csbs start (creates state): %.1f ms, %.1f MiB"
          % (args.runs, cold[0] * 1000, cold[1]))
    print("%-46s %10s %10s %14s" % ("", "median ms", "p90 ms", "peak RSS MiB"))
    print("%-46s %10.1f %10.1f %14.1f" % ("csbs: start to first prompt (emulator)", o_med, o_p90, o_rss))
    print("%-46s %10.1f %10.1f %14.1f" % ("python -c 'import huaweicloudsdkcbr.v1'", t_med, t_p90, t_rss))
    print("%-46s %10s %10s %14.1f" % ("  of which the csbs process at the prompt", "", "", max(s[2] for s in ours)))
    print("%-46s %10s %10s %14.1f" % ("  and its emulator child at the prompt", "", "", max(s[3] for s in ours)))
    print("ratio (SDK import / csbs start): %.1fx faster (median)" % (t_med / o_med))
    sys.exit(0)


if __name__ == "__main__":
    main()
