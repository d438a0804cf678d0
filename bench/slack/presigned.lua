-- Replays requests signed beforehand by sign.mjs (wrk's Lua has no HMAC). Each wrk thread takes
-- every Nth line, so threads never send the same event id; a thread that runs out starts its
-- slice again, which would repeat event ids, so done() reports it.
--
-- usage: wrk -t T ... -s presigned.lua URL -- FILE T
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, stride = args[1], tonumber(args[2])
  requests, count, index, wrapped = {}, 0, 0, 0
  local line_no = 0
  for line in io.lines(file) do
    if line_no % stride == id then
      local ts, sig, body = line:match("^(%d+)\t(v0=%x+)\t(.*)$")
      count = count + 1
      -- Formatting once here keeps wrk's own per-request cost to a table lookup.
      requests[count] = wrk.format("POST", wrk.path, {
        ["Content-Type"] = "application/json",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
    line_no = line_no + 1
  end
end

function request()
  index = index + 1
  if index > count then
    index, wrapped = 1, wrapped + 1
  end
  return requests[index]
end

function done(summary, latency, requests)
  local wraps = 0
  for _, thread in ipairs(threads) do
    wraps = wraps + thread:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d wrapped=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, wraps))
end
