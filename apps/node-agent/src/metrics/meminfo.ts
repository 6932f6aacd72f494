export interface NodeMemory {
  availableBytes: number;
  usageBytes: number;
  workingSetBytes: number;
}

/**
 * The node's memory figures from /proc/meminfo, computed the way the kubelet's summary does
 * for the root cgroup: usage is everything not free (page cache included), and the working
 * set is usage minus the inactive file cache, the part the kernel reclaims first. That
 * working set is what `kubectl top node` shows and what memory-pressure eviction watches.
 */
export function nodeMemory(meminfoText: string): NodeMemory {
  const kib = (field: string): number => {
    const match = new RegExp(`^${field.replace(/[()]/g, '\\$&')}:\\s+(\\d+)`, 'm').exec(meminfoText);
    if (!match) throw new Error(`/proc/meminfo has no ${field}`);
    return Number(match[1]) * 1024;
  };
  const usage = kib('MemTotal') - kib('MemFree');
  return {
    availableBytes: kib('MemAvailable'),
    usageBytes: usage,
    workingSetBytes: Math.max(0, usage - kib('Inactive(file)')),
  };
}
