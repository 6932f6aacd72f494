import type { Deployment, ReplicaSet } from '#api';
import { annotatedInt } from './annotated-int.js';
import { DEPLOYMENT_ANNOTATIONS } from './deployment-annotations.js';
import { replicaSetOrder } from './replica-set-order.js';
import { replicaTotals } from './replica-totals.js';
import { rollingLimits } from './rolling-limits.js';

/** Go's math.Round: halves away from zero (Math.round rounds -2.5 to -2). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/**
 * How many replicas `rs` should gain (or lose) when the Deployment is resized mid-rollout:
 * its share of the new total, by the max-replicas it was last sized for.
 * Example: RS of 3, annotated max 5 (5 replicas + 0 surge), Deployment now 10 + 0:
 * round(3 * 10 / 5) - 3 = +3.
 */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const rsReplicas = rs.spec?.replicas ?? 0;
  const replicas = d.spec?.replicas ?? 1;
  if (replicas === 0) return -rsReplicas;
  const deploymentReplicas = replicas + rollingLimits(d).maxSurge;
  const annotated = annotatedInt(rs, DEPLOYMENT_ANNOTATIONS.maxReplicas) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return roundHalfAway((rsReplicas * deploymentReplicas) / annotated) - rsReplicas;
}

/**
 * Proportional scaling (the RollingUpdate branch of Kubernetes' scale()): new sizes of the
 * active RSs when spec.replicas changes while several RSs have pods, so that a resize does
 * not discard rollout progress. Returns the sizes in the order they should be written, and
 * whether this is a scale "up" or "down".
 *
 * Example (Kubernetes' TestScale, surge 0): 7 -> 10 with v3 = 2, v2 = 3, v1 = 2 (all sized
 * for 7): 3 to add. Largest first: v2 gets round(3*10/7) - 3 = 1, v3 round(2*10/7) - 2 = 1,
 * v1 round(2*10/7) - 2 = 1 but only 3 - 2 = 1 remain -> v3 3, v2 4, v1 3. What rounding leaves
 * over goes to (or comes from) the first RS in the order, never below 0.
 */
export function proportionalSizes(
  d: Deployment,
  activeReplicaSets: readonly ReplicaSet[],
): { operation: 'up' | 'down' | ''; sizes: { rs: ReplicaSet; size: number }[] } {
  const replicas = d.spec?.replicas ?? 1;
  const allowedSize = replicas > 0 ? replicas + rollingLimits(d).maxSurge : 0;
  const toAdd = allowedSize - replicaTotals(activeReplicaSets).spec;
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  const ordered = [...activeReplicaSets];
  if (toAdd > 0) ordered.sort(replicaSetOrder.bySizeNewer);
  else if (toAdd < 0) ordered.sort(replicaSetOrder.bySizeOlder);

  let added = 0;
  const sizes = ordered.map((rs) => {
    const current = rs.spec?.replicas ?? 0;
    if (toAdd === 0 || current === 0 || added === toAdd) return { rs, size: current };
    const fraction = replicaSetFraction(rs, d);
    const allowed = toAdd - added;
    const proportion = toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    added += proportion;
    return { rs, size: current + proportion };
  });
  if (sizes.length > 0 && toAdd !== 0) sizes[0].size = Math.max(0, sizes[0].size + toAdd - added);
  return { operation, sizes };
}
