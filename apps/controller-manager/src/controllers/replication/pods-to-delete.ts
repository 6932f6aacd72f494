import type { Pod } from '#api';
import { podAvailability } from './pod-availability.js';

const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/**
 * The `count` pods to delete when scaling down, as Kubernetes' ActivePodsWithRanks: the
 * first of these rules that separates two pods decides, the cheaper-to-lose pod going first.
 *  1. not on a node < on a node        5. more pods of the set on its node < fewer
 *  2. Pending < Unknown < Running      6. ready for less time < longer
 *  3. not ready < ready                7. more container restarts < fewer
 *  4. lower pod-deletion-cost < higher 8. newer < older (creationTimestamp)
 * Example: nodes A {p1, p2, p3} and B {p4}, all Running and ready since the same time:
 * deleting 2 takes two pods from A (rule 5), leaving the set spread over both nodes.
 */
export function podsToDelete(pods: readonly Pod[], count: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, ...rankOf(pod, perNode) }));
  ranked.sort(
    (a, b) =>
      Number(a.assigned) - Number(b.assigned) ||
      a.phase - b.phase ||
      Number(a.ready) - Number(b.ready) ||
      a.deletionCost - b.deletionCost ||
      b.podsOnNode - a.podsOnNode ||
      b.readySince - a.readySince ||
      b.restarts - a.restarts ||
      b.created - a.created,
  );
  return ranked.slice(0, count).map(({ pod }) => pod);
}

function rankOf(pod: Pod, perNode: ReadonlyMap<string, number>) {
  const node = pod.spec?.nodeName;
  const ready = podAvailability(pod, 0, 0).ready;
  const readyCondition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const cost = Number(pod.metadata.annotations?.[DELETION_COST] ?? 0);
  return {
    assigned: Boolean(node),
    phase: PHASE_ORDER[pod.status?.phase ?? 'Pending'] ?? 0,
    ready,
    deletionCost: Number.isFinite(cost) ? cost : 0,
    podsOnNode: node ? (perNode.get(node) ?? 0) : 0,
    readySince: ready ? timeOf(readyCondition?.lastTransitionTime) : 0,
    restarts: Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0)),
    created: timeOf(pod.metadata.creationTimestamp),
  };
}

function timeOf(timestamp: string | undefined): number {
  const ms = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}
