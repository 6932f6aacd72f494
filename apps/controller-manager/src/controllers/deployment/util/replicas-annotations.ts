import type { ReplicaSet } from '#api';
import { DEPLOYMENT_ANNOTATIONS } from './deployment-annotations.js';

/**
 * Sets desired-replicas and max-replicas on `rs` (a copy being prepared for a write);
 * answers whether anything changed, which is also ReplicasAnnotationsNeedUpdate.
 */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of [
    [DEPLOYMENT_ANNOTATIONS.desiredReplicas, String(desired)],
    [DEPLOYMENT_ANNOTATIONS.maxReplicas, String(max)],
  ] as const) {
    if (annotations[key] !== value) {
      annotations[key] = value;
      changed = true;
    }
  }
  return changed;
}
