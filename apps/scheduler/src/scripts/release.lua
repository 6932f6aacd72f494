-- Releases a pod's reservation (pod deleted, finished, or its binding failed).
--
-- KEYS[1] reservations hash  {kubenest}:sched:res:<node>
-- KEYS[2] pod -> node hash   {kubenest}:sched:pod-node
-- KEYS[3] capacity hash      {kubenest}:sched:cap:<node> (its sums, includes/node-usage.lua)
--
-- ARGV[1] pod uid, ARGV[2] node the caller saw the pod reserved on
--
-- Returns {0}        released
--         {1}        the pod held no reservation
--         {2, node}  the reservation moved to another node since the caller looked
-- @include node-usage

local current = redis.call('HGET', KEYS[2], ARGV[1])
if not current then
  return {1}
end
if current ~= ARGV[2] then
  return {2, current}
end
dropReservation(KEYS[3], KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return {0}
