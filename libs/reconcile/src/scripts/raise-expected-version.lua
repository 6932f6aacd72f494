--[[
  Raises the resourceVersion a key's next reconcile must wait for; never lowers it, since
  two runs of one key can overlap after a stalled job (BullMQ is at-least-once).

  KEYS[1]  expectation key: {kubenest}:expectations:<controller>:<object key>
  ARGV[1]  resourceVersion the reconcile wrote (decimal string, no leading zeros)
  ARGV[2]  time to live in ms (an informer that lags longer than this is broken anyway)

  Returns  1 if the expectation was raised, 0 if it already was >= ARGV[1] (TTL refreshed).
]]
local current = redis.call('GET', KEYS[1])
local rv = ARGV[1]
-- Compare as decimal strings: resourceVersions may exceed Lua's 2^53 exact integers.
if current and (#current > #rv or (#current == #rv and current >= rv)) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
redis.call('SET', KEYS[1], rv, 'PX', ARGV[2])
return 1
