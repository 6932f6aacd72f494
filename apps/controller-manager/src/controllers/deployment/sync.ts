import type { ReplicaSet } from '#api';
import { cleanupDeployment } from './cleanup.js';
import type { DeploymentWriter } from './deployment-writer.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { scale } from './scale.js';
import { syncStatus } from './sync-status.js';

/**
 * sync: the path of a paused Deployment and of a scaling event. Sizes change, the rollout
 * does not move: no new RS is created while paused. A paused Deployment also trims its
 * history, since no rollout will do it.
 */
export async function sync(w: DeploymentWriter, claimed: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, false);
  await scale(w, newRS, oldRSs);
  if (w.d.spec?.paused) await cleanupDeployment(w, oldRSs);
  await syncStatus(w, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
}
