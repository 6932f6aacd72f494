import type { ReplicaSet } from '#api';
import type { DeploymentWriter } from './deployment-writer.js';
import { calculateStatus } from './util/calculate-status.js';
import { canonicalJson } from './util/canonical-json.js';

/** syncDeploymentStatus: writes the counts and the Available condition when they changed (scaling and paused paths). */
export async function syncStatus(
  w: DeploymentWriter,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): Promise<void> {
  const status = calculateStatus(w.d, allRSs, newRS, w.now());
  if (canonicalJson(status) === canonicalJson(w.d.status ?? {})) return;
  w.d.status = status;
  await w.updateStatus();
}
