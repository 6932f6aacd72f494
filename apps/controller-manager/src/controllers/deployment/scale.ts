import type { ReplicaSet } from '#api';
import type { DeploymentWriter } from './deployment-writer.js';
import { activeOrLatest } from './util/active-or-latest.js';
import { isSaturated } from './util/is-saturated.js';
import { proportionalSizes } from './util/proportional-sizes.js';

/**
 * scale: applies a change of spec.replicas. With one active RS it simply takes the new size;
 * once the new RS is saturated the old ones go to 0; mid-rollout (RollingUpdate, several
 * active RSs) the change is spread over them in proportion (util/proportional-sizes.ts).
 */
export async function scale(w: DeploymentWriter, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const replicas = w.d.spec?.replicas ?? 1;
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if ((only.spec?.replicas ?? 0) !== replicas) await w.scaleTo(only, replicas);
    return;
  }
  if (isSaturated(w.d, newRS)) {
    for (const old of oldRSs) if ((old.spec?.replicas ?? 0) > 0) await w.scaleTo(old, 0);
    return;
  }
  if (w.d.spec?.strategy?.type === 'Recreate') return;
  const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  const { operation, sizes } = proportionalSizes(w.d, active);
  for (const { rs, size } of sizes) await w.scale(rs, size, operation);
}
