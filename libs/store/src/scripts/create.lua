-- Creates an object; fails if one with the same key exists.
--
-- KEYS[1] object hash        {kubenest}:o:<resource>:<ns>/<name>
-- KEYS[2] index sorted set   {kubenest}:i:<resource>
-- KEYS[3] rv counter         {kubenest}:rv
-- KEYS[4] change stream      {kubenest}:changes
-- KEYS[5] expiry sorted set  {kubenest}:expiry
--
-- ARGV[1] object JSON without metadata.resourceVersion
-- ARGV[2] storage name, ARGV[3] namespace ('' for cluster-scoped), ARGV[4] name
-- ARGV[5] uid (kept beside the JSON for delete preconditions)
-- ARGV[6] stream MAXLEN (approximate trimming)
-- ARGV[7] expiry deadline, epoch milliseconds, or '' for none
-- KEYS[6..], ARGV[8..] allocations claimed with the object (includes/allocations.lua)
--
-- Returns {0, rv} created
--         {2}     already exists
--         {7, i}  allocation i is held by another object (nothing written)
-- @include change-log
-- @include allocations

if redis.call('EXISTS', KEYS[1]) == 1 then
  return {2}
end
local owner = expiryMember(ARGV[2], ARGV[3], ARGV[4])
local conflict = allocationConflict(6, 7, owner)
if conflict > 0 then
  return {7, conflict}
end
applyAllocations(6, 7, owner)
local rv = nextResourceVersion(KEYS[3])
redis.call('HSET', KEYS[1], 'obj', ARGV[1], 'rv', rv, 'uid', ARGV[5])
redis.call('ZADD', KEYS[2], 0, ARGV[3] .. '/' .. ARGV[4])
if ARGV[7] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[7], expiryMember(ARGV[2], ARGV[3], ARGV[4]))
end
appendChange(KEYS[4], ARGV[6], rv, 'ADDED', ARGV[2], ARGV[3], ARGV[4], ARGV[1], nil)
return {0, rv}
