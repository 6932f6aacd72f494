import type { KubeObject } from '#api';
import { DEPLOYMENT_ANNOTATIONS } from './deployment-annotations.js';

/** The deployment.kubernetes.io/revision annotation as a number; 0 when absent or malformed, as Kubernetes' MaxRevision treats it. */
export function revisionOf(obj: KubeObject): number {
  const value = Number(obj.metadata.annotations?.[DEPLOYMENT_ANNOTATIONS.revision] ?? '0');
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
