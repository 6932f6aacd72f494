import type { Pod, ReplicaSet } from '#api';
import type { ReconcileResult } from '#reconcile';
import { cleanupDeployment } from './cleanup.js';
import { controllerRef } from './controller-ref.js';
import type { DeploymentWriter } from './deployment-writer.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { deploymentComplete } from './util/deployment-complete.js';
import { replicaTotals } from './util/replica-totals.js';

/**
 * rolloutRecreate: old RSs to 0, then wait until none of their pods runs (status.replicas
 * and the pod cache both), and only then create or grow the new RS, so that two versions
 * never serve at once.
 */
export async function rolloutRecreate(w: DeploymentWriter, claimed: readonly ReplicaSet[]): Promise<ReconcileResult> {
  let { newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, false);
  const active = oldRSs.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  for (const rs of active) await w.scaleTo(rs, 0);
  if (active.length > 0 || oldPodsRunning(w, newRS, oldRSs, claimed))
    return syncRolloutStatus(w, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);

  if (!newRS) ({ newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, true));
  if (!newRS) return undefined;
  await w.scaleTo(newRS, w.d.spec?.replicas ?? 1);
  if (deploymentComplete(w.d, w.d.status ?? {})) await cleanupDeployment(w, oldRSs);
  return syncRolloutStatus(w, [...oldRSs, newRS], newRS);
}

/** oldPodsRunning: any old RS still counts pods, or the cache holds a pod of an old RS that has not finished. */
function oldPodsRunning(
  w: DeploymentWriter,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  claimed: readonly ReplicaSet[],
): boolean {
  if (replicaTotals(oldRSs).actual > 0) return true;
  const oldUids = new Set(claimed.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid).map((rs) => rs.metadata.uid));
  return w.deps.pods.list(w.d.metadata.namespace).some((pod: Pod) => {
    const owner = controllerRef(pod)?.uid;
    const phase = pod.status?.phase;
    return owner !== undefined && oldUids.has(owner) && phase !== 'Succeeded' && phase !== 'Failed';
  });
}
