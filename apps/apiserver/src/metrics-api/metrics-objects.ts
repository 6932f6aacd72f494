import type { KubeObject } from '#api';
import type { CpuMemory, NodeStatsSummary } from './node-summaries.js';

export const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1';

type Usage = { cpu: string; memory: string };

/**
 * Usage as metrics-server writes it: CPU in nanocores ("12345678n"), memory in KiB
 * ("20480Ki"); kubectl parses both as quantities and prints millicores and MiB.
 */
export function usageOf(stats: CpuMemory): Usage {
  return {
    cpu: `${Math.max(0, Math.round(stats.cpu.usageNanoCores))}n`,
    memory: `${Math.floor(Math.max(0, stats.memory.workingSetBytes) / 1024)}Ki`,
  };
}

function windowOf(summary: NodeStatsSummary): string {
  return `${Math.max(1, Math.round(summary.windowSeconds ?? 10))}s`;
}

/** NodeMetrics for a Node, labels copied as metrics-server does (kubectl top node -l filters on them). */
export function nodeMetrics(node: KubeObject, summary: NodeStatsSummary, now: Date): KubeObject {
  return {
    kind: 'NodeMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: {
      name: node.metadata.name,
      creationTimestamp: now.toISOString().replace(/\.\d+Z$/, 'Z'),
      labels: node.metadata.labels ?? {},
    },
    timestamp: summary.node.cpu.time,
    window: windowOf(summary),
    usage: usageOf(summary.node),
  } as KubeObject;
}

/** PodMetrics for a pod its node reported, or undefined when the node has no sample of it yet. */
export function podMetrics(pod: KubeObject, summary: NodeStatsSummary, now: Date): KubeObject | undefined {
  const stats = summary.pods.find((p) => p.podRef.uid === pod.metadata.uid);
  if (!stats || stats.containers.length === 0) return undefined;
  return {
    kind: 'PodMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: now.toISOString().replace(/\.\d+Z$/, 'Z'),
      labels: pod.metadata.labels ?? {},
    },
    timestamp: stats.cpu.time,
    window: windowOf(summary),
    containers: stats.containers.map((c) => ({ name: c.name, usage: usageOf(c) })),
  } as KubeObject;
}
