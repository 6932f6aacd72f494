import type { ContainerRuntime } from '#runtime';
import type { CgroupStats } from './cgroup-stats.js';

export interface ContainerUsage {
  usageCoreNanoSeconds: number;
  usageBytes?: number;
  workingSetBytes: number;
}

/**
 * One container's cumulative CPU and working set. Docker containers: their cgroup files
 * (fast); when no cgroup is found (an unknown layout, a remote daemon), Docker's stats API.
 * Process runtime: /proc/<pid> of the container's process, through the runtime.
 */
export async function readContainerUsage(
  runtime: ContainerRuntime,
  cgroups: CgroupStats | undefined,
  containerId: string,
): Promise<ContainerUsage | undefined> {
  const fromCgroup = runtime.name === 'docker' ? cgroups?.read(containerId) : undefined;
  if (fromCgroup) return fromCgroup;
  const stats = await runtime.stats(containerId);
  return stats && { usageCoreNanoSeconds: stats.cpuUsageCoreNanoSeconds, workingSetBytes: stats.memoryWorkingSetBytes };
}
