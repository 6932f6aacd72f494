import type { Deployment, ReplicaSet } from '#api';
import { annotatedInt } from './util/annotated-int.js';
import { DEPLOYMENT_ANNOTATIONS } from './util/deployment-annotations.js';

/**
 * isScalingEvent: an active RS was sized for another spec.replicas (its desired-replicas
 * annotation differs), so the user resized the Deployment: scale before rolling on.
 */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return [...oldRSs, ...(newRS ? [newRS] : [])]
    .filter((rs) => (rs.spec?.replicas ?? 0) > 0)
    .some((rs) => {
      const desired = annotatedInt(rs, DEPLOYMENT_ANNOTATIONS.desiredReplicas);
      return desired !== undefined && desired !== replicas;
    });
}
