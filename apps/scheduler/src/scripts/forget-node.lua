-- Drops a node that no longer exists from the ledger, with its reservations.
--
-- KEYS[1] capacity hash      {kubenest}:sched:cap:<node>
-- KEYS[2] reservations hash  {kubenest}:sched:res:<node>
-- KEYS[3] pod -> node hash   {kubenest}:sched:pod-node
-- KEYS[4] known nodes set    {kubenest}:sched:nodes
--
-- ARGV[1] node name
--
-- Returns {0}

local uids = redis.call('HKEYS', KEYS[2])
for _, uid in ipairs(uids) do
  if redis.call('HGET', KEYS[3], uid) == ARGV[1] then redis.call('HDEL', KEYS[3], uid) end
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return {0}
