-- wrk script: each request takes the next address from the file named by the URLS
-- environment variable (one path per line), round-robin, starting at a different place in
-- each thread. Counts non-2xx answers as errors in the summary.
local paths = {}
local counter = 0
local errors = 0

local function load(file)
  local list = {}
  for line in io.lines(file) do
    if line ~= "" then
      list[#list + 1] = line
    end
  end
  return list
end

function init(args)
  paths = load(os.getenv("URLS"))
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local p = function(q) return latency:percentile(q) / 1000 end
  io.write(string.format(
    "requests/s %.0f; latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f; " ..
    "socket errors connect %d read %d write %d timeout %d; non-2xx %d of %d\n",
    summary.requests / (summary.duration / 1e6), p(50), p(90), p(99), latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status, summary.requests))
end
