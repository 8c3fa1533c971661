-- wrk: a signed Teams "numbers" message, each with its own activity id (the bot drops redeliveries by id).
-- CHANNEL_TOKEN, FAKE_SERVICE_URL, TENANT_ID, ADMIN_OBJECT_ID, APP_ID come from the fakes (benchmarks/load.sh).
local token = os.getenv("CHANNEL_TOKEN") or error("set CHANNEL_TOKEN")
local service_url = os.getenv("FAKE_SERVICE_URL")
local tenant = os.getenv("TENANT_ID")
local admin = os.getenv("ADMIN_OBJECT_ID")
local app_id = os.getenv("APP_ID")
local run = os.getenv("RUN_ID") or tostring(os.time())

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
local head = '{"type":"message","channelId":"msteams","serviceUrl":"' .. service_url .. '","text":"numbers",'
  .. '"from":{"id":"29:admin-teams-id","name":"Ada Admin","aadObjectId":"' .. admin .. '"},'
  .. '"recipient":{"id":"28:' .. app_id .. '","name":"NumbersBot"},'
  .. '"conversation":{"id":"a:personal-chat-1","conversationType":"personal","tenantId":"' .. tenant .. '"},'
  .. '"channelData":{"tenant":{"id":"' .. tenant .. '"}},"locale":"en-GB",'

request = function()
  counter = counter + 1
  local body = head .. '"timestamp":"2026-12-05T12:00:00.000Z","id":"load-' .. run .. '-' .. tid .. '-' .. counter .. '"}'
  return wrk.format("POST", "/api/messages", headers, body)
end

-- PAUSE_MS paces each connection (load.sh's half-peak run): wrk waits that long before each request.
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
if pause > 0 then delay = function() return pause end end

done = function(summary, latency, requests)
  io.write(string.format("SUMMARY requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
