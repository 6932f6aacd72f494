import type { ReplicaSet } from '#api';
import type { ReconcileResult } from '#reconcile';
import { cleanupDeployment } from './cleanup.js';
import type { DeploymentWriter } from './deployment-writer.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { deploymentComplete } from './util/deployment-complete.js';
import { newReplicaSetTarget } from './util/new-replica-set-target.js';
import { oldReplicaSetsScaleDown } from './util/old-replica-sets-scale-down.js';

/**
 * rolloutRolling: one step per reconcile. Grow the new RS within maxSurge, or else shrink
 * old RSs within maxUnavailable; each step changes RS specs, and the ReplicaSet controller's
 * status updates bring the key back for the next step. Once complete, trim the history.
 */
export async function rolloutRolling(w: DeploymentWriter, claimed: readonly ReplicaSet[]): Promise<ReconcileResult> {
  const { newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, true);
  if (!newRS) return undefined;
  const allRSs = [...oldRSs, newRS];

  if (await reconcileNewReplicaSet(w, allRSs, newRS)) return syncRolloutStatus(w, allRSs, newRS);
  const active = oldRSs.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  const steps = oldReplicaSetsScaleDown(w.d, active, newRS);
  const current = new Map<ReplicaSet, ReplicaSet>();
  for (const { rs, to } of steps) current.set(rs, await w.scaleTo(current.get(rs) ?? rs, to));
  if (steps.some(({ from, to }) => from !== to)) return syncRolloutStatus(w, allRSs, newRS);

  if (deploymentComplete(w.d, w.d.status ?? {})) await cleanupDeployment(w, oldRSs);
  return syncRolloutStatus(w, allRSs, newRS);
}

/** reconcileNewReplicaSet: shrink a new RS above spec.replicas, else grow it by newReplicaSetTarget. */
async function reconcileNewReplicaSet(w: DeploymentWriter, allRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  const replicas = w.d.spec?.replicas ?? 1;
  const size = newRS.spec?.replicas ?? 0;
  if (size === replicas) return false;
  if (size > replicas) {
    await w.scaleTo(newRS, replicas);
    return true;
  }
  const target = newReplicaSetTarget(w.d, allRSs, newRS);
  if (target === size) return false;
  await w.scaleTo(newRS, target);
  return true;
}
