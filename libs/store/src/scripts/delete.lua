-- Deletes an object, optionally guarded by resourceVersion, uid and expiry.
-- The expiry sweeper uses the same script with ARGV[7] so a TTL delete passes the
-- same path (index, change stream) as any other delete.
--
-- KEYS[1] object hash        {kubenest}:o:<resource>:<ns>/<name>
-- KEYS[2] index sorted set   {kubenest}:i:<resource>
-- KEYS[3] rv counter         {kubenest}:rv
-- KEYS[4] change stream      {kubenest}:changes
-- KEYS[5] expiry sorted set  {kubenest}:expiry
--
-- ARGV[1] storage name, ARGV[2] namespace, ARGV[3] name
-- ARGV[4] stream MAXLEN (approximate trimming)
-- ARGV[5] expected resourceVersion, or ''
-- ARGV[6] expected uid, or ''
-- ARGV[7] epoch milliseconds: delete only if the object expires at or before it; or ''
-- KEYS[6..], ARGV[8..] allocations released with the object (includes/allocations.lua; no claims)
--
-- Returns {0, rv, objectJson}  deleted; rv is the deletion's resourceVersion
--         {1}                  not found
--         {3, currentRv}       resourceVersion precondition failed
--         {4, currentUid}      uid precondition failed
--         {5}                  not expired (expiry refreshed or removed since it was due)
-- @include change-log
-- @include allocations

local current = redis.call('HMGET', KEYS[1], 'obj', 'rv', 'uid')
if not current[1] then
  return {1}
end
if ARGV[5] ~= '' and ARGV[5] ~= current[2] then
  return {3, current[2]}
end
if ARGV[6] ~= '' and ARGV[6] ~= current[3] then
  return {4, current[3] or ''}
end
local member = expiryMember(ARGV[1], ARGV[2], ARGV[3])
if ARGV[7] ~= '' then
  local deadline = redis.call('ZSCORE', KEYS[5], member)
  if not deadline or tonumber(deadline) > tonumber(ARGV[7]) then
    return {5}
  end
end
applyAllocations(6, 7, member)
local rv = nextResourceVersion(KEYS[3])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2] .. '/' .. ARGV[3])
redis.call('ZREM', KEYS[5], member)
appendChange(KEYS[4], ARGV[4], rv, 'DELETED', ARGV[1], ARGV[2], ARGV[3], current[1], nil)
return {0, rv, current[1]}
