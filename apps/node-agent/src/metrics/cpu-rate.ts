/** A cumulative CPU counter read at a moment: core-nanoseconds consumed so far, and when (ms since the epoch). */
export interface CpuReading {
  usageCoreNanoSeconds: number;
  atMs: number;
}

/**
 * Average CPU use between two readings in nanocores (1e9 = one core busy all the time), as
 * cAdvisor and the kubelet report `usageNanoCores`. 0 without a usable earlier reading, and
 * 0 when the counter went backwards (the container restarted, so its counter started over).
 */
export function nanoCoresBetween(previous: CpuReading | undefined, current: CpuReading): number {
  if (!previous) return 0;
  const elapsedNanos = (current.atMs - previous.atMs) * 1e6;
  const usedNanos = current.usageCoreNanoSeconds - previous.usageCoreNanoSeconds;
  if (elapsedNanos <= 0 || usedNanos < 0) return 0;
  return Math.round((usedNanos / elapsedNanos) * 1e9);
}
