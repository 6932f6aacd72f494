-- Shared by every write script (spliced in by script-loader.ts at "-- @include change-log").
-- One counter feeds one stream inside one script, so stream IDs are exactly the
-- resourceVersions, gap-free: a watcher detects trimmed history by a jump in IDs.

-- Returns the next cluster-wide resourceVersion as a decimal string.
local function nextResourceVersion(counterKey)
  -- %d keeps large integers out of Lua's %.14g exponent notation.
  return string.format('%d', redis.call('INCR', counterKey))
end

-- Appends one change under ID <rv>-0. prev (the object before a MODIFIED) lets
-- filtered watchers turn an update into ADDED/DELETED as Kubernetes does.
local function appendChange(streamKey, maxLen, rv, changeType, resource, namespace, name, obj, prev)
  if prev then
    redis.call('XADD', streamKey, 'MAXLEN', '~', maxLen, rv .. '-0',
      'type', changeType, 'r', resource, 'ns', namespace, 'name', name, 'obj', obj, 'prev', prev)
  else
    redis.call('XADD', streamKey, 'MAXLEN', '~', maxLen, rv .. '-0',
      'type', changeType, 'r', resource, 'ns', namespace, 'name', name, 'obj', obj)
  end
end

-- Member of the expiry sorted set: storage name and key cannot contain each other's "/".
local function expiryMember(resource, namespace, name)
  return resource .. '/' .. namespace .. '/' .. name
end
