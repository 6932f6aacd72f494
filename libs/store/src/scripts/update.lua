-- Replaces an existing object, optionally guarded by its resourceVersion.
-- A byte-identical object is not written (no new resourceVersion, no watch event),
-- as Kubernetes skips no-op updates.
--
-- KEYS[1] object hash        {kubenest}:o:<resource>:<ns>/<name>
-- KEYS[2] index sorted set   {kubenest}:i:<resource>   (unused; keeps KEYS uniform)
-- KEYS[3] rv counter         {kubenest}:rv
-- KEYS[4] change stream      {kubenest}:changes
-- KEYS[5] expiry sorted set  {kubenest}:expiry
--
-- ARGV[1] object JSON without metadata.resourceVersion
-- ARGV[2] storage name, ARGV[3] namespace, ARGV[4] name
-- ARGV[5] uid
-- ARGV[6] stream MAXLEN (approximate trimming)
-- ARGV[7] expiry deadline, epoch milliseconds, or '' to keep the current one
-- ARGV[8] expected resourceVersion, or '' for an unconditional update
-- KEYS[6..], ARGV[9..] allocations claimed and released with the write (includes/allocations.lua)
--
-- Returns {0, rv}         updated
--         {1}             not found
--         {3, currentRv}  resourceVersion differs from the expected one
--         {6, currentRv}  unchanged (no write)
--         {7, i}          allocation i is held by another object (nothing written)
-- @include change-log
-- @include allocations

local current = redis.call('HMGET', KEYS[1], 'obj', 'rv')
if not current[1] then
  return {1}
end
if ARGV[8] ~= '' and ARGV[8] ~= current[2] then
  return {3, current[2]}
end
if current[1] == ARGV[1] then
  return {6, current[2]}
end
local owner = expiryMember(ARGV[2], ARGV[3], ARGV[4])
local conflict = allocationConflict(6, 8, owner)
if conflict > 0 then
  return {7, conflict}
end
applyAllocations(6, 8, owner)
local rv = nextResourceVersion(KEYS[3])
redis.call('HSET', KEYS[1], 'obj', ARGV[1], 'rv', rv, 'uid', ARGV[5])
if ARGV[7] ~= '' then
  redis.call('ZADD', KEYS[5], ARGV[7], expiryMember(ARGV[2], ARGV[3], ARGV[4]))
end
appendChange(KEYS[4], ARGV[6], rv, 'MODIFIED', ARGV[2], ARGV[3], ARGV[4], ARGV[1], current[1])
return {0, rv}
