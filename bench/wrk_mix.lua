-- wrk script for bench/scale_out.py: questions to /api/ask (8 repeated ones, or with WRK_UNIQUE=1 each
-- one new, so no answer cache can help), and every 4th request (once an answer id
-- is known) a thumbs-up on the last answer with a unique comment and Idempotency-Key.
-- done() prints one JSON line (statuses seen, feedback stored, latency) and writes the id of every
-- feedback row the client was told was stored (201) to the file named by WRK_FEEDBACK_IDS.
local threads = {}
local questions = {
  "How many local authorities did the case studies come from?",
  "Do councils want fewer partnerships?",
  "What does the report recommend to central government?",
  "Who published the report?",
  "What is the title of the report?",
  "Why rationalise partnerships and plans?",
  "What burden do statutory plans put on councils?",
  "What did the LGIU say about partnership working?",
}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  n, sent, created, answer_id = 0, 0, 0, nil
  statuses, ids = {}, {}
  unique = os.getenv("WRK_UNIQUE") == "1"
  json = '{"question": "%s"}'
end

function request()
  n = n + 1
  if answer_id ~= nil and n % 4 == 0 then
    sent = sent + 1
    local key = string.format("wrk-%d-%d", tid, sent)
    local body = string.format('{"answer_id": "%s", "rating": "up", "comment": "%s"}', answer_id, key)
    local headers = {["Content-Type"] = "application/json", ["Idempotency-Key"] = key}
    return wrk.format("POST", "/api/feedback", headers, body)
  end
  local question = questions[(n % #questions) + 1]
  if unique then question = string.format("%s (%d-%d)", question, tid, n) end  -- never a cache hit
  local body = string.format(json, question)
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    created = created + 1
    table.insert(ids, tonumber(string.match(body, '"id":%s*(%d+)')))
  elseif status == 200 then
    local found = string.match(body, '"answer_id":%s*"([^"]+)"')
    if found then answer_id = found end
  end
end

function done(summary, latency, requests)
  local total, seen = 0, {}
  local out = io.open(os.getenv("WRK_FEEDBACK_IDS") or "/dev/null", "w")
  for _, thread in ipairs(threads) do
    total = total + thread:get("created")
    for _, id in ipairs(thread:get("ids")) do out:write(id, "\n") end
    for status, count in pairs(thread:get("statuses")) do
      seen[tostring(status)] = (seen[tostring(status)] or 0) + count
    end
  end
  out:close()
  local parts = {}
  for status, count in pairs(seen) do table.insert(parts, string.format('"%s": %d', status, count)) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "seconds": %.2f, "feedback_created": %d, "statuses": {%s}, ' ..
    '"socket_errors": %d, "socket_error_kinds": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"p50_ms": %.1f, "p90_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration / 1e6, total, table.concat(parts, ", "),
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
