import type { ReplicaSet } from '#api';
import type { DeploymentWriter } from './deployment-writer.js';
import { replicaSetOrder } from './util/replica-set-order.js';

/**
 * cleanupDeployment: keeps revisionHistoryLimit old RSs for rollback and deletes the rest,
 * lowest revision first. Only RSs with no pods, no replicas asked for and a status of their
 * current spec go: one still scaling down would orphan its pods' history. Example: limit 2,
 * old revisions 1..5 at 0 -> 1, 2 and 3 are deleted.
 */
export async function cleanupDeployment(w: DeploymentWriter, oldRSs: readonly ReplicaSet[]): Promise<void> {
  const limit = w.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === 2147483647) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(replicaSetOrder.byRevision);
  const excess = cleanable.length - limit;
  for (const rs of cleanable.slice(0, Math.max(0, excess))) {
    const settled =
      (rs.status?.replicas ?? 0) === 0 &&
      (rs.spec?.replicas ?? 0) === 0 &&
      (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if (settled) await w.deleteReplicaSet(rs);
  }
}
