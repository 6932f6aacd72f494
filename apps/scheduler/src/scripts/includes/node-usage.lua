-- The sums of a node's reservations live in its capacity hash (used-cpu, used-memory,
-- used-pods), kept by every script that adds or removes a reservation, so that reserving
-- need not walk the node's pods. A ledger written before the sums existed has none: the
-- first reservation on the node counts them once (usageOf), and until then adjustments
-- leave them alone. The periodic reconcile counts them again from the reservations.

-- cpu (milli) and memory (bytes) of a reservation entry "<cpu> <memory> <reservedAtMs>".
local function entryRequests(entry)
  local cpu, memory = string.match(entry, '(%S+) (%S+)')
  return tonumber(cpu), tonumber(memory)
end

-- Counts the node's sums from its reservations and stores them.
local function recountUsage(capacityKey, reservationsKey)
  local cpu, memory, pods = 0, 0, 0
  for _, entry in ipairs(redis.call('HVALS', reservationsKey)) do
    local c, m = entryRequests(entry)
    cpu, memory, pods = cpu + c, memory + m, pods + 1
  end
  redis.call('HSET', capacityKey, 'used-cpu', cpu, 'used-memory', memory, 'used-pods', pods)
  return cpu, memory, pods
end

-- The node's cpu, memory and pod count reserved.
local function usageOf(capacityKey, reservationsKey)
  local used = redis.call('HMGET', capacityKey, 'used-cpu', 'used-memory', 'used-pods')
  if not used[3] then
    return recountUsage(capacityKey, reservationsKey)
  end
  return tonumber(used[1]), tonumber(used[2]), tonumber(used[3])
end

-- Adds (sign 1) or takes away (sign -1) one entry's requests.
local function adjustUsage(capacityKey, entry, sign)
  if redis.call('HEXISTS', capacityKey, 'used-pods') == 0 then
    return
  end
  local cpu, memory = entryRequests(entry)
  -- Float increments: requests need not be whole numbers (memory "1m" is a thousandth of a byte).
  redis.call('HINCRBYFLOAT', capacityKey, 'used-cpu', sign * cpu)
  redis.call('HINCRBYFLOAT', capacityKey, 'used-memory', sign * memory)
  redis.call('HINCRBY', capacityKey, 'used-pods', sign)
end

-- Sets the pod's reservation entry on the node, keeping the sums.
local function putReservation(capacityKey, reservationsKey, uid, entry)
  local previous = redis.call('HGET', reservationsKey, uid)
  if previous then
    adjustUsage(capacityKey, previous, -1)
  end
  redis.call('HSET', reservationsKey, uid, entry)
  adjustUsage(capacityKey, entry, 1)
end

-- Removes the pod's reservation entry from the node, keeping the sums.
local function dropReservation(capacityKey, reservationsKey, uid)
  local previous = redis.call('HGET', reservationsKey, uid)
  if previous then
    redis.call('HDEL', reservationsKey, uid)
    adjustUsage(capacityKey, previous, -1)
  end
end
