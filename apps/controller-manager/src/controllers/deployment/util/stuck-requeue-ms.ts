import type { Deployment, DeploymentStatus } from '#api';
import { deploymentComplete } from './deployment-complete.js';
import { DEPLOYMENT_REASONS } from './deployment-reasons.js';
import { progressDeadlineMs } from './progress-deadline-ms.js';

/**
 * requeueStuckDeployment: when to look again so that ProgressDeadlineExceeded is reported
 * on time without polling. Example: deadline 600 s, last progress 580 s ago -> 21 s (a
 * second past the deadline, so it has surely passed). Under a second left -> 1 s.
 * Undefined when there is nothing to wait for (no deadline, complete, or already timed out).
 */
export function stuckRequeueMs(d: Deployment, next: DeploymentStatus, now: Date): number | undefined {
  const deadline = progressDeadlineMs(d);
  const condition = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (deadline === undefined || !condition) return undefined;
  if (deploymentComplete(d, next) || condition.reason === DEPLOYMENT_REASONS.progressDeadlineExceeded) return undefined;
  const lastUpdate = Date.parse(condition.lastUpdateTime ?? '');
  if (!Number.isFinite(lastUpdate)) return undefined;
  const after = lastUpdate + deadline - now.getTime();
  return after < 1000 ? 1000 : after + 1000;
}
