import type { ReplicaSet } from '#api';
import type { ReconcileResult } from '#reconcile';
import type { DeploymentWriter } from './deployment-writer.js';
import { calculateStatus } from './util/calculate-status.js';
import { canonicalJson } from './util/canonical-json.js';
import { deploymentComplete } from './util/deployment-complete.js';
import { deploymentProgressing } from './util/deployment-progressing.js';
import { DEPLOYMENT_REASONS } from './util/deployment-reasons.js';
import { deploymentTimedOut } from './util/deployment-timed-out.js';
import { newCondition } from './util/new-condition.js';
import { progressDeadlineMs } from './util/progress-deadline-ms.js';
import { setCondition } from './util/set-condition.js';
import { stuckRequeueMs } from './util/stuck-requeue-ms.js';

/**
 * syncRolloutStatus: the status of a rollout step, with the Progressing condition.
 * Complete -> NewReplicaSetAvailable; progress seen -> ReplicaSetUpdated with a fresh
 * lastUpdateTime (restarting the deadline); no progress for progressDeadlineSeconds ->
 * ProgressDeadlineExceeded. Instead of polling, the key is requeued for just after the
 * deadline, the way Kubernetes' requeueStuckDeployment does.
 */
export async function syncRolloutStatus(
  w: DeploymentWriter,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): Promise<ReconcileResult> {
  const d = w.d;
  const now = w.now();
  const status = calculateStatus(d, allRSs, newRS, now);
  const hasDeadline = progressDeadlineMs(d) !== undefined;
  if (!hasDeadline) status.conditions = status.conditions?.filter((c) => c.type !== 'Progressing');
  const current = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const complete =
    status.replicas === status.updatedReplicas && current?.reason === DEPLOYMENT_REASONS.newReplicaSetAvailable;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasDeadline && !complete) {
    if (deploymentComplete(d, status)) {
      setCondition(
        status,
        newCondition(
          'Progressing',
          'True',
          DEPLOYMENT_REASONS.newReplicaSetAvailable,
          `${subject} has successfully progressed.`,
          now,
        ),
      );
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(
        'Progressing',
        'True',
        DEPLOYMENT_REASONS.replicaSetUpdated,
        `${subject} is progressing.`,
        now,
      );
      // Unlike setCondition, progress under the same reason still renews lastUpdateTime.
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      status.conditions = status.conditions?.filter((c) => c.type !== 'Progressing');
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(
        status,
        newCondition(
          'Progressing',
          'False',
          DEPLOYMENT_REASONS.progressDeadlineExceeded,
          `${subject} has timed out progressing.`,
          now,
        ),
      );
    }
  }
  setReplicaFailure(status, newRS, allRSs);
  if (canonicalJson(status) === canonicalJson(d.status ?? {})) {
    const after = stuckRequeueMs(d, status, now);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }
  w.d.status = status;
  await w.updateStatus();
  // The write comes back as an event; the requeue is then computed from the stored condition.
  return undefined;
}

/** getReplicaFailures: an RS's ReplicaFailure condition (quota, admission) surfaces on the Deployment. */
function setReplicaFailure(
  status: NonNullable<DeploymentWriter['d']['status']>,
  newRS: ReplicaSet | undefined,
  allRSs: ReplicaSet[],
): void {
  const failure = [...(newRS ? [newRS] : []), ...allRSs]
    .flatMap((rs) => rs.status?.conditions ?? [])
    .find((c) => c.type === 'ReplicaFailure');
  status.conditions = status.conditions?.filter((c) => c.type !== 'ReplicaFailure');
  if (failure)
    status.conditions?.push({
      type: 'ReplicaFailure',
      status: failure.status,
      reason: failure.reason,
      message: failure.message,
      lastTransitionTime: failure.lastTransitionTime,
      lastUpdateTime: failure.lastTransitionTime,
    });
}
