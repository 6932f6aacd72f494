import type { Deployment, ReplicaSet } from '#api';
import { replicaTotals } from './replica-totals.js';
import { rollingLimits } from './rolling-limits.js';

/**
 * NewRSNewReplicas: the size the new RS may have now.
 *
 * RollingUpdate: grow it by as much as maxSurge leaves room for, never past spec.replicas.
 * Example: 10 replicas, maxSurge 3; old RS 10, new RS 0 -> 13 - 10 = 3 of room -> new 3.
 * Once the old RS is down to 8 (13 - 11 = 2 of room) -> new 5. With 13 pods already there
 * is no room and the new RS keeps its size. Recreate: straight to spec.replicas.
 */
export function newReplicaSetTarget(
  d: Deployment,
  allReplicaSets: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
): number {
  const replicas = d.spec?.replicas ?? 1;
  const current = newRS.spec?.replicas ?? 0;
  if (d.spec?.strategy?.type === 'Recreate') return replicas;
  const maxTotalPods = replicas + rollingLimits(d).maxSurge;
  const currentPods = replicaTotals(allReplicaSets).spec;
  if (currentPods >= maxTotalPods) return current;
  return current + Math.min(maxTotalPods - currentPods, replicas - current);
}
