import type { Deployment, DeploymentStatus } from '#api';
import { DEPLOYMENT_REASONS } from './deployment-reasons.js';
import { progressDeadlineMs } from './progress-deadline-ms.js';

/**
 * DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing
 * condition's lastUpdateTime. Example: deadline 600 s, last progress at 10:00:00 -> timed
 * out from 10:10:00 on (strictly after). A complete rollout never times out.
 */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Date): boolean {
  const deadline = progressDeadlineMs(d);
  if (deadline === undefined) return false;
  const condition = status.conditions?.find((c) => c.type === 'Progressing');
  if (!condition) return false;
  if (condition.reason === DEPLOYMENT_REASONS.newReplicaSetAvailable) return false;
  if (condition.reason === DEPLOYMENT_REASONS.progressDeadlineExceeded) return true;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  return Number.isFinite(from) && from + deadline < now.getTime();
}
