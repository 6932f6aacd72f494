/**
 * The kubelet's Summary API (GET /stats/summary, k8s.io/kubelet/pkg/apis/stats/v1alpha1), the
 * subset kubenest fills: what metrics-server and `kubectl top` need, plus the node's
 * filesystem and network. Field names and units are the kubelet's.
 */
export interface CpuStats {
  time: string;
  usageNanoCores: number;
  usageCoreNanoSeconds: number;
}

export interface MemoryStats {
  time: string;
  availableBytes?: number;
  usageBytes?: number;
  workingSetBytes: number;
}

export interface NetworkStats {
  time: string;
  name?: string;
  rxBytes?: number;
  rxErrors?: number;
  txBytes?: number;
  txErrors?: number;
  interfaces: { name: string; rxBytes: number; rxErrors: number; txBytes: number; txErrors: number }[];
}

export interface FsStats {
  time: string;
  availableBytes: number;
  capacityBytes: number;
  usedBytes: number;
  inodesFree: number;
  inodes: number;
  inodesUsed: number;
}

export interface ContainerSummary {
  name: string;
  startTime: string;
  cpu: CpuStats;
  memory: MemoryStats;
}

export interface PodSummary {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerSummary[];
  cpu: CpuStats;
  memory: MemoryStats;
}

export interface NodeSummary {
  nodeName: string;
  startTime: string;
  cpu: CpuStats;
  memory: MemoryStats;
  network?: NetworkStats;
  fs: FsStats;
}

export interface Summary {
  node: NodeSummary;
  pods: PodSummary[];
  /**
   * kubenest's addition: seconds between the two readings the CPU rates come from (metrics
   * API `window`). Clients of the kubelet's schema ignore unknown fields.
   */
  windowSeconds: number;
}

/** A pod's totals are its containers' sums, at the newest of their sample times. */
export function podTotals(containers: ContainerSummary[]): Pick<PodSummary, 'cpu' | 'memory'> {
  const time =
    containers
      .map((c) => c.cpu.time)
      .sort()
      .at(-1) ?? new Date().toISOString();
  const sum = (pick: (c: ContainerSummary) => number | undefined) =>
    containers.reduce((total, c) => total + (pick(c) ?? 0), 0);
  return {
    cpu: {
      time,
      usageNanoCores: sum((c) => c.cpu.usageNanoCores),
      usageCoreNanoSeconds: sum((c) => c.cpu.usageCoreNanoSeconds),
    },
    memory: {
      time,
      usageBytes: sum((c) => c.memory.usageBytes),
      workingSetBytes: sum((c) => c.memory.workingSetBytes),
    },
  };
}
