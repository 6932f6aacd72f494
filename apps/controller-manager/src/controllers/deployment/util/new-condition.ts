import type { DeploymentCondition } from './deployment-condition.js';

/** NewDeploymentCondition: both timestamps now; setCondition keeps lastTransitionTime when the status stays. */
export function newCondition(
  type: 'Available' | 'Progressing' | 'ReplicaFailure',
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: Date,
): DeploymentCondition {
  const time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}
