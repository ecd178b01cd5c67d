-- mixed.lua: the wrk script of bench/mixed.bench.js. Each request is a
-- read of one of the given paths or, with probability wfrac, a write:
-- POST /api/v1/orgs with a synthetic organisation named after the phase,
-- the wrk thread and a sequence number, signed in with a bearer token.
-- Counts reads (200), writes (201, with the id each answer acknowledged)
-- and errors (any other status); done() writes them to $YC_MIXED_OUT.
-- Arguments (after --): wfrac token phase path...
local threads = {}
local nthread = 0

function setup(thread)
  nthread = nthread + 1
  thread:set("tid", nthread)
  table.insert(threads, thread)
end

function init(args)
  wfrac = tonumber(args[1])
  phase = args[3]
  hdr = { ["Authorization"] = "Bearer " .. args[2], ["Content-Type"] = "application/json" }
  reqs = {}
  for i = 4, #args do reqs[#reqs + 1] = wrk.format("GET", args[i]) end
  math.randomseed(tid * 7919 + os.time())
  seq, reads, writes, errors, ni = 0, 0, 0, 0, 0
  ids = {}
end

function request()
  if wfrac > 0 and math.random() < wfrac then
    seq = seq + 1
    local body = string.format('{"name_en":"Synthetic bench org %s-%d-%d","type":"enterprise","side":"home"}', phase, tid, seq)
    return wrk.format("POST", "/api/v1/orgs", hdr, body)
  end
  return reqs[math.random(#reqs)]
end

function response(status, headers, body)
  if status == 201 then
    writes = writes + 1
    ni = ni + 1
    ids[ni] = body:match('"id":(%d+)') or "?"
  elseif status == 200 then
    reads = reads + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local f = io.open(os.getenv("YC_MIXED_OUT"), "w")
  local r, w, e, all = 0, 0, 0, {}
  for _, t in ipairs(threads) do
    r = r + t:get("reads")
    w = w + t:get("writes")
    e = e + t:get("errors")
    for _, id in ipairs(t:get("ids")) do all[#all + 1] = id end
  end
  f:write(string.format("reads %d\nwrites %d\nerrors %d\nids %s\n", r, w, e, table.concat(all, ",")))
  f:close()
end
