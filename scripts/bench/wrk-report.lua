-- wrk script for scripts/bench/emulator-throughput.
-- Arguments after `--`: PATH [TOTAL PAGE_SIZE]. With TOTAL > 0 each request asks for the next page
-- (PATH must already hold `?limit=...`; `&offset=N` is appended, N walking 0, PAGE_SIZE, ... TOTAL).
-- Request headers come from the environment variable BENCH_HEADERS ("Name: value" lines), so secrets such as the
-- IAM token never appear on a command line. `done` prints one JSON line with the counts and latency percentiles.
local path, total, size, offset

function init(args)
    path = args[1] or "/"
    total = tonumber(args[2] or "0") or 0
    size = tonumber(args[3] or "100") or 100
    offset = 0
    if total > 0 then
        -- Threads start on different pages so they do not walk in lock-step.
        offset = (math.random(0, math.floor(total / size)) * size) % total
    end
    for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
        local name, value = string.match(line, "^([^:]+):%s*(.*)$")
        if name then wrk.headers[name] = value end
    end
end

function request()
    if total > 0 then
        local target = path .. "&offset=" .. offset
        offset = (offset + size) % total
        return wrk.format("GET", target)
    end
    return wrk.format("GET", path)
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests": %d, "duration_us": %d, "non_2xx": %d, "connect_errors": %d, "read_errors": %d, ' ..
        '"write_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
        '"mean_us": %.1f}\n',
        summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
