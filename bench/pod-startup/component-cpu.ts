import { cpuMsWithChildren } from '../support/process-usage.js';

/**
 * Call at the start of a phase with the cluster's processes by name; the returned function
 * tells each one's CPU milliseconds since (with the children it waited for, such as the node
 * agent's `ip` and `nsenter`).
 */
export function componentCpuSince(pids: Record<string, number | undefined>): () => Record<string, number> {
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, pid ? cpuMsWithChildren(pid) : NaN]),
  );
  return () =>
    Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, pid ? cpuMsWithChildren(pid) - before[name]! : NaN]),
    );
}
