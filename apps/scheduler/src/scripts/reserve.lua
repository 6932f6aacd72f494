-- Reserves a pod's requests on a node, unless that would exceed the node's allocatable
-- cpu, memory or pod count. The whole check-and-add is one script, so two scheduler
-- processes can never both take the last room on a node.
--
-- KEYS[1] capacity hash          {kubenest}:sched:cap:<node>     cpu (milli), memory (bytes), pods,
--                                                                 and the sums of the reservations
--                                                                 (includes/node-usage.lua)
-- KEYS[2] reservations hash      {kubenest}:sched:res:<node>     pod uid -> "<cpu> <memory> <reservedAtMs>"
-- KEYS[3] pod -> node hash       {kubenest}:sched:pod-node
-- KEYS[4] known nodes set        {kubenest}:sched:nodes
-- KEYS[5] reservations hash of the node the pod is reserved on now (KEYS[2] when none)
-- KEYS[6] capacity hash of that node (KEYS[1] when none)
--
-- ARGV[1] pod uid, ARGV[2] node name, ARGV[3] cpu (milli), ARGV[4] memory (bytes)
-- ARGV[5] now (epoch ms), ARGV[6] age (ms) after which a reservation elsewhere may be taken over
-- ARGV[7] allocatable cpu (milli), ARGV[8] allocatable memory (bytes), ARGV[9] allocatable pods
-- ARGV[10] node the caller saw the pod reserved on ('' for none)
-- ARGV[11..] triples <uid> <cpu> <memory>: pods the caller sees bound to the node; any the
--            ledger lacks (bound by hand, or before a crash) are charged first
--
-- Returns {0}               reserved
--         {1}               already reserved on this node (a retry after a crash)
--         {2, node}         a fresh reservation holds the pod on another node
--         {3, reason, ...}  would exceed allocatable: 'pods', 'cpu' and/or 'memory'
--         {4}               the pod's reservation moved since the caller looked: look again
-- @include node-usage

local uid, node = ARGV[1], ARGV[2]
local now = tonumber(ARGV[5])

redis.call('HSET', KEYS[1], 'cpu', ARGV[7], 'memory', ARGV[8], 'pods', ARGV[9])
redis.call('SADD', KEYS[4], node)

local current = redis.call('HGET', KEYS[3], uid)
if current ~= (ARGV[10] ~= '' and ARGV[10] or false) then
  return {4}
end
if current == node then
  return {1}
end
if current then
  local held = redis.call('HGET', KEYS[5], uid)
  local reservedAt = held and tonumber(string.match(held, '%S+ %S+ (%S+)')) or 0
  if now - reservedAt < tonumber(ARGV[6]) then
    return {2, current}
  end
  dropReservation(KEYS[6], KEYS[5], uid)
  redis.call('HDEL', KEYS[3], uid)
end

for i = 11, #ARGV, 3 do
  local bound = ARGV[i]
  if bound ~= uid and not redis.call('HGET', KEYS[3], bound) then
    putReservation(KEYS[1], KEYS[2], bound, ARGV[i + 1] .. ' ' .. ARGV[i + 2] .. ' ' .. now)
    redis.call('HSET', KEYS[3], bound, node)
  end
end

local cpu, memory, pods = usageOf(KEYS[1], KEYS[2])

local short = {3}
if pods + 1 > tonumber(ARGV[9]) then table.insert(short, 'pods') end
if tonumber(ARGV[3]) > 0 and cpu + tonumber(ARGV[3]) > tonumber(ARGV[7]) then table.insert(short, 'cpu') end
if tonumber(ARGV[4]) > 0 and memory + tonumber(ARGV[4]) > tonumber(ARGV[8]) then table.insert(short, 'memory') end
if #short > 1 then
  return short
end

putReservation(KEYS[1], KEYS[2], uid, ARGV[3] .. ' ' .. ARGV[4] .. ' ' .. now)
redis.call('HSET', KEYS[3], uid, node)
return {0}
