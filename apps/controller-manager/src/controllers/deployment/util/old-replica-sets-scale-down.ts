import type { Deployment, ReplicaSet } from '#api';
import { replicaSetOrder } from './replica-set-order.js';
import { replicaTotals } from './replica-totals.js';
import { rollingLimits } from './rolling-limits.js';

export interface ScaleStep {
  rs: ReplicaSet;
  from: number;
  to: number;
}

/**
 * reconcileOldReplicaSets as a plan: which old RSs to shrink, oldest first, in two passes.
 *
 * 1. Unhealthy replicas (spec - available) may go first, within
 *    maxScaledDown = allPods - minAvailable - newRSUnavailable; removing pods that serve
 *    nothing never lowers availability, and they might block the new RS (quota).
 * 2. Then available old pods, only down to minAvailable = replicas - maxUnavailable.
 *
 * Example: 10 replicas, maxSurge 3, maxUnavailable 2 (minAvailable 8). Old RS 10 all
 * available, new RS 3 none available yet: allPods 13, maxScaledDown 13 - 8 - 3 = 2, nothing
 * unhealthy, 10 available - 8 = 2 -> old to 8. The new RS's 3 pods become available: 11
 * available -> old to 5 (and the new RS can then grow to 5).
 */
export function oldReplicaSetsScaleDown(d: Deployment, oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): ScaleStep[] {
  const oldPods = replicaTotals(oldRSs).spec;
  if (oldPods === 0) return [];
  const replicas = d.spec?.replicas ?? 1;
  const minAvailable = replicas - rollingLimits(d).maxUnavailable;
  const newSpec = newRS.spec?.replicas ?? 0;
  const newUnavailable = newSpec - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = oldPods + newSpec - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];

  const oldestFirst = [...oldRSs].sort(replicaSetOrder.byCreation);
  const sizes = new Map(oldestFirst.map((rs) => [rs, rs.spec?.replicas ?? 0]));
  const steps: ScaleStep[] = [];
  const shrink = (rs: ReplicaSet, by: number) => {
    const from = sizes.get(rs)!;
    sizes.set(rs, from - by);
    steps.push({ rs, from, to: from - by });
  };

  let cleaned = 0;
  for (const rs of oldestFirst) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = sizes.get(rs)! - (rs.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const by = Math.min(maxScaledDown - cleaned, unhealthy);
    shrink(rs, by);
    cleaned += by;
  }

  // Availability comes from RS status, which the cleanup above does not change. An old RS's
  // status can still count pods its last scale-down is deleting (the RS controller has not
  // written status since), so none counts more available pods than its spec keeps: otherwise
  // one stale status lets two scale-downs in a row go below minAvailable.
  const available =
    oldRSs.reduce((sum, rs) => sum + Math.min(rs.status?.availableReplicas ?? 0, rs.spec?.replicas ?? 0), 0) +
    (newRS.status?.availableReplicas ?? 0);
  if (available <= minAvailable) return steps;
  const toScaleDown = available - minAvailable;
  let scaled = 0;
  for (const rs of oldestFirst) {
    if (scaled >= toScaleDown) break;
    const size = sizes.get(rs)!;
    if (size === 0) continue;
    const by = Math.min(size, toScaleDown - scaled);
    shrink(rs, by);
    scaled += by;
  }
  return steps;
}
