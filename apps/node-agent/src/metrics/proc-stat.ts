/** USER_HZ: /proc/stat counts clock ticks of 1/100 s on every Linux architecture. */
export const USER_HZ = 100;

/**
 * The node's cumulative CPU time in core-nanoseconds from the aggregate `cpu` line of
 * /proc/stat: every column but idle and iowait (user nice system idle iowait irq softirq
 * steal ...; guest time is already inside user and nice, so it is not added again).
 */
export function nodeCpuNanoSeconds(procStat: string): number {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no aggregate "cpu" line');
  const [user, nice, system, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const ticks = user + nice + system + irq + softirq + steal;
  if (!Number.isFinite(ticks)) throw new Error(`/proc/stat: unreadable cpu line "${line}"`);
  return (ticks * 1e9) / USER_HZ;
}
