import type { Deployment, DeploymentStatus, ReplicaSet } from '#api';
import { DEPLOYMENT_REASONS } from './deployment-reasons.js';
import { newCondition } from './new-condition.js';
import { replicaTotals } from './replica-totals.js';
import { rollingLimits } from './rolling-limits.js';
import { setCondition } from './set-condition.js';

/**
 * calculateStatus: counts from the RSs' status (replicas, updated = the new RS's pods, ready,
 * available), unavailable from their spec, and the Available condition: True once at least
 * replicas - maxUnavailable pods are available (10 replicas, maxUnavailable 2 -> 8).
 * The Progressing condition is carried over; progress.ts decides it.
 */
export function calculateStatus(
  d: Deployment,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  now: Date,
): DeploymentStatus {
  const all = replicaTotals(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: all.actual,
    updatedReplicas: replicaTotals([newRS]).actual,
    readyReplicas: all.ready,
    availableReplicas: all.available,
    unavailableReplicas: Math.max(0, all.spec - all.available),
    conditions: structuredClone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const replicas = d.spec?.replicas ?? 1;
  setCondition(
    status,
    all.available >= replicas - rollingLimits(d).maxUnavailable
      ? newCondition(
          'Available',
          'True',
          DEPLOYMENT_REASONS.minimumReplicasAvailable,
          'Deployment has minimum availability.',
          now,
        )
      : newCondition(
          'Available',
          'False',
          DEPLOYMENT_REASONS.minimumReplicasUnavailable,
          'Deployment does not have minimum availability.',
          now,
        ),
  );
  return status;
}
