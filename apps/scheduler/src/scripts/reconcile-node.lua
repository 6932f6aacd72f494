-- Makes one node's reservations agree with the truth: the pods bound to it as an informer
-- sees them. Bound pods are charged (a reservation lost in a crash comes back); a
-- reservation for a pod not bound there is dropped once it is older than the grace period,
-- so a reserve whose binding the informer has not shown yet is never dropped, while one
-- leaked by a crash between reserve and bind is.
--
-- KEYS[1] capacity hash      {kubenest}:sched:cap:<node> (allocatable, and the sums of the reservations)
-- KEYS[2] reservations hash  {kubenest}:sched:res:<node>
-- KEYS[3] pod -> node hash   {kubenest}:sched:pod-node
-- KEYS[4] known nodes set    {kubenest}:sched:nodes
--
-- ARGV[1] node name, ARGV[2] now (epoch ms), ARGV[3] grace period (ms)
-- ARGV[4] allocatable cpu (milli), ARGV[5] allocatable memory (bytes), ARGV[6] allocatable pods
-- ARGV[7..] triples <uid> <cpu> <memory> of the pods bound to the node
--
-- Returns {dropped, charged}: reservations removed, bound pods added
-- @include node-usage

local node, now, grace = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'cpu', ARGV[4], 'memory', ARGV[5], 'pods', ARGV[6])
redis.call('SADD', KEYS[4], node)

local truth = {}
local charged = 0
for i = 7, #ARGV, 3 do
  local uid = ARGV[i]
  truth[uid] = true
  local held = redis.call('HGET', KEYS[2], uid)
  local reservedAt = held and string.match(held, '%S+ %S+ (%S+)') or tostring(now)
  if not held then charged = charged + 1 end
  redis.call('HSET', KEYS[2], uid, ARGV[i + 1] .. ' ' .. ARGV[i + 2] .. ' ' .. reservedAt)
  redis.call('HSET', KEYS[3], uid, node)
end

local dropped = 0
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local uid = entries[i]
  local reservedAt = tonumber(string.match(entries[i + 1], '%S+ %S+ (%S+)'))
  if not truth[uid] and now - reservedAt >= grace then
    redis.call('HDEL', KEYS[2], uid)
    if redis.call('HGET', KEYS[3], uid) == node then redis.call('HDEL', KEYS[3], uid) end
    dropped = dropped + 1
  end
end
-- The sums follow the reservations as they now are, mending any that went astray.
recountUsage(KEYS[1], KEYS[2])
return {dropped, charged}
