import type { Deployment, ReplicaSet } from '#api';
import { annotatedInt } from './annotated-int.js';
import { DEPLOYMENT_ANNOTATIONS } from './deployment-annotations.js';

/** IsSaturated: the new RS has all the Deployment's replicas, sized for them, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = d.spec?.replicas ?? 1;
  return (
    (rs.spec?.replicas ?? 0) === replicas &&
    annotatedInt(rs, DEPLOYMENT_ANNOTATIONS.desiredReplicas) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}
