import type { DeploymentStatus } from '#api';
import type { DeploymentCondition } from './deployment-condition.js';

/**
 * SetDeploymentCondition: the same status and reason change nothing (not even
 * lastUpdateTime); the same status with another reason keeps lastTransitionTime; the
 * condition moves to the end of the list, as in Kubernetes.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = status.conditions?.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}
