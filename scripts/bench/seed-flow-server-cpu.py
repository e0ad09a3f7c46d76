"""Emulator CPU per request on the seed flow's routes, and the server's CPU per whole csbs seed-flow run.

Usage: python3 scripts/bench/seed-flow-server-cpu.py CSBS_BINARY [REQUESTS_PER_ROUTE] [FLOW_RUNS]

Starts `csbs serve --memory --port 0 --backup-duration 0s` on an inventory of 2,000 servers and, over one keep-alive
connection, sends REQUESTS_PER_ROUTE (default 300) requests of each route of the seed flow in turn (password token,
list vaults by name, create vault, add a server, create checkpoint, show checkpoint), after 20 unmeasured ones. The
figure per route is the server process's user+system CPU time (/proc/PID/stat) over the measured requests divided by
their number: CPU, not wall time, so a loaded machine shifts it less. With FLOW_RUNS, it then runs the csbs seed
flow (cold token cache) that many times as whole processes and reports the server's CPU per run.
"""
import http.client, json, os, subprocess, sys, select, time, uuid, tempfile
binary = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 300
FLOW = int(sys.argv[3]) if len(sys.argv) > 3 else 0
TICK = os.sysconf("SC_CLK_TCK")
workdir = tempfile.mkdtemp(prefix="csbs-server-cpu-")
inv = os.path.join(workdir, "inventory.json")
with open(inv, "w") as handle:
    json.dump({"servers": [{"id": "5eed0000-0000-4000-8000-%012x" % n, "name": "bench-%04d" % n, "status": "ACTIVE",
                            "availability_zone": "cn-north-4a",
                            "disks": [{"id": "d15c0000-0000-4000-8000-%012x" % n, "name": "bench-%04d-sys" % n,
                                       "size_gb": 40, "bootable": True}]} for n in range(2000)]}, handle)
p = subprocess.Popen([binary, "serve", "--memory", "--port", "0", "--backup-duration", "0s", "--inventory", inv],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
env, buf = {}, b""
while "HUAWEICLOUD_SDK_PROJECT_ID" not in env:
    buf += os.read(p.stdout.fileno(), 4096)
    for line in buf.decode().splitlines():
        if line.startswith("export "):
            k, v = line[7:].split("=", 1); env[k] = v
port = int(env["CSBS_ENDPOINT"].rsplit(":", 1)[1]); proj = env["OS_PROJECT_ID"]
def cpu():
    f = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / TICK
c = http.client.HTTPConnection("127.0.0.1", port)
def req(method, path, body=None, token=None, expect=200):
    h = {"Accept": "application/json"}
    if body is not None: h["Content-Type"] = "application/json;charset=utf-8"
    if token: h["X-Auth-Token"] = token
    c.request(method, path, json.dumps(body, separators=(",", ":")) if body is not None else None, h)
    r = c.getresponse(); data = r.read()
    assert r.status == expect, (method, path, r.status, data[:300])
    return r, data
tb = {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"csbs-demo"},"password":env["OS_PASSWORD"]}}},"scope":{"project":{"id":proj}}}}
servers = ["5eed0000-0000-4000-8000-%012x" % n for n in range(2000)]
res = {}
def phase(name, fn):
    for i in range(20): fn(i, warm=True)
    t0 = cpu()
    for i in range(N): fn(i, warm=False)
    res[name] = (cpu() - t0) / N
tokens = []
def tok(i, warm):
    r, _ = req("POST", "/v3/auth/tokens?nocatalog=true", tb, expect=201); tokens.append(r.getheader("X-Subject-Token"))
phase("POST /v3/auth/tokens", tok)
T = tokens[-1]
phase("GET vaults?name=", lambda i, warm: req("GET", "/v3/%s/vaults?name=nope-%d" % (proj, i), token=T))
vaults = []
def mk(i, warm):
    _, d = req("POST", "/v3/%s/vaults" % proj, {"vault":{"billing":{"cloud_type":"public","consistent_level":"crash_consistent","object_type":"server","protect_type":"backup","size":200},"name":"v-%s" % uuid.uuid4().hex[:8],"resources":[]}}, token=T)
    vaults.append(json.loads(d)["vault"]["id"])
phase("POST vaults", mk)
def add(i, warm):
    k = add.n; add.n += 1
    req("POST", "/v3/%s/vaults/%s/addresources" % (proj, vaults[k]), {"resources":[{"id":servers[k],"type":"OS::Nova::Server"}]}, token=T)
add.n = 0
phase("POST addresources", add)
cps = []
def cp(i, warm):
    k = cp.n; cp.n += 1
    _, d = req("POST", "/v3/%s/checkpoints" % proj, {"checkpoint":{"parameters":{"auto_trigger":False,"description":"backupauto","name":"backup_auto"},"vault_id":vaults[k]}}, token=T)
    cps.append(json.loads(d)["checkpoint"]["id"])
cp.n = 0
phase("POST checkpoints", cp)
phase("GET checkpoints/{id}", lambda i, warm: req("GET", "/v3/%s/checkpoints/%s" % (proj, cps[i % len(cps)]), token=T))
for k, v in res.items(): print("%-26s %6.3f ms CPU/request" % (k, v))
if FLOW:
    c.close()
    home = tempfile.mkdtemp(dir=workdir)
    base = {"PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": home + "/s", "CSBS_HISTFILE": home + "/h"}
    base.update({k: v for k, v in env.items() if k.startswith(("OS_", "CSBS_"))})
    start = len(vaults) + 5
    def flow(i):
        e = dict(base, XDG_CACHE_HOME=tempfile.mkdtemp(dir=home))
        s = 'vault "flow-%d" size 200; attach server %s; backup name "backup_auto" description "backupauto" wait' % (i, servers[start + i])
        subprocess.run([binary, "-c", s], env=e, check=True, stdout=subprocess.DEVNULL)
    flow(0); flow(1)
    t0 = cpu()
    for i in range(2, FLOW + 2): flow(i)
    print("seed flow (cold token cache): %.3f ms server CPU/run over %d runs" % ((cpu() - t0) / FLOW, FLOW))
p.terminate(); p.wait()
subprocess.run(["rm", "-rf", workdir])
