import type { FilterStatus } from './filter-status.js';

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/**
 * The FailedScheduling message, worded as kube-scheduler's FitError plus the default
 * preemption PostFilter's message, e.g.
 *   0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint
 *   {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available:
 *   1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.
 * Reasons are counted over nodes and sorted as strings ("<count> <reason>"), as Kubernetes'
 * sortReasonsHistogram does. kubenest does not preempt: a node rejected for resources or ports
 * is reported as Kubernetes reports it when no lower-priority pod could be evicted there.
 */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<FilterStatus>): string {
  if (numAllNodes === 0) return ERR_NO_NODES_AVAILABLE;
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const status of statuses) {
    for (const reason of status.reasons) count(reasons, reason);
    count(preemption, status.unresolvable ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS);
  }
  const head = `0/${numAllNodes} nodes are available`;
  return `${head}: ${histogram(reasons)}. preemption: ${head}: ${histogram(preemption)}.`;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function histogram(map: Map<string, number>): string {
  return [...map]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}
