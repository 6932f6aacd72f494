-- Repairs one value of an allocation pool against the object that should (or should no
-- longer) hold it, as a start-up repair does after reading every object. Guarded by the
-- object's resourceVersion as it was read, so a write made since then is never undone.
--
-- KEYS[1] pool bitmap        {kubenest}:a:<pool>:bits
-- KEYS[2] pool owner hash    {kubenest}:a:<pool>:owners
-- KEYS[3] object hash        {kubenest}:o:<resource>:<ns>/<name> of the owner
--
-- ARGV[1] offset in the pool
-- ARGV[2] owner "<resource>/<namespace>/<name>"
-- ARGV[3] 'claim' (the object holds the value) or 'release' (it does not)
-- ARGV[4] the object's resourceVersion as read, or '' when it was read as absent
--
-- Returns {0}          done (or nothing to do)
--         {3}          the object changed since it was read; skipped
--         {7, holder}  claim: another owner holds the value (a double allocation)

local rv = redis.call('HGET', KEYS[3], 'rv')
if (ARGV[4] == '' and rv) or (ARGV[4] ~= '' and rv ~= ARGV[4]) then
  return {3}
end
local holder = redis.call('HGET', KEYS[2], ARGV[1])
if ARGV[3] == 'claim' then
  if holder and holder ~= ARGV[2] then
    return {7, holder}
  end
  redis.call('SETBIT', KEYS[1], ARGV[1], 1)
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
elseif holder == ARGV[2] then
  redis.call('SETBIT', KEYS[1], ARGV[1], 0)
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return {0}
