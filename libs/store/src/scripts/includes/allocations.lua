-- Allocation pools (service cluster IPs, node ports) kept in the same script as the object
-- write, so no window exists in which two objects hold one value. A pool is a bitmap (bit =
-- offset in the pool's range, for BITPOS searches) plus a hash offset -> owner, the owner
-- being "<resource>/<namespace>/<name>" of the object that holds it.
--
-- Layout appended by every write script that takes allocations:
--   KEYS[first], KEYS[first+1]    bitmap and owner hash of entry 1, then of entry 2, ...
--   ARGV[base+1]                  number of claims c
--   ARGV[base+2]                  number of releases r
--   ARGV[base+3 ..]               the c claimed offsets, then the r released offsets
-- Entries 1..c are claims, c+1..c+r releases.

-- The 1-based index of the first claim held by another owner, or 0 when all are free or ours.
local function allocationConflict(firstKey, base, owner)
  local claims = tonumber(ARGV[base + 1] or '0')
  for i = 1, claims do
    local bits, owners = KEYS[firstKey + 2 * (i - 1)], KEYS[firstKey + 2 * (i - 1) + 1]
    local offset = ARGV[base + 2 + i]
    local holder = redis.call('HGET', owners, offset)
    if holder then
      if holder ~= owner then return i end
    elseif redis.call('GETBIT', bits, offset) == 1 then
      return i
    end
  end
  return 0
end

-- Sets the claimed bits with their owner; clears released ones this owner still holds.
local function applyAllocations(firstKey, base, owner)
  local claims = tonumber(ARGV[base + 1] or '0')
  local releases = tonumber(ARGV[base + 2] or '0')
  for i = 1, claims + releases do
    local bits, owners = KEYS[firstKey + 2 * (i - 1)], KEYS[firstKey + 2 * (i - 1) + 1]
    local offset = ARGV[base + 2 + i]
    if i <= claims then
      redis.call('SETBIT', bits, offset, 1)
      redis.call('HSET', owners, offset, owner)
    else
      local holder = redis.call('HGET', owners, offset)
      if holder == owner or (not holder) then
        redis.call('SETBIT', bits, offset, 0)
        redis.call('HDEL', owners, offset)
      end
    end
  end
end
