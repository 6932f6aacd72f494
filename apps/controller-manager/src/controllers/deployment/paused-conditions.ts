import type { DeploymentWriter } from './deployment-writer.js';
import { DEPLOYMENT_REASONS } from './util/deployment-reasons.js';
import { newCondition } from './util/new-condition.js';
import { progressDeadlineMs } from './util/progress-deadline-ms.js';
import { setCondition } from './util/set-condition.js';

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused while paused (the deadline does
 * not run), DeploymentResumed on resume; a ProgressDeadlineExceeded is never overwritten.
 */
export async function checkPausedConditions(w: DeploymentWriter): Promise<void> {
  if (progressDeadlineMs(w.d) === undefined) return;
  const current = w.d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (current?.reason === DEPLOYMENT_REASONS.progressDeadlineExceeded) return;
  const pausedConditionExists = current?.reason === DEPLOYMENT_REASONS.deploymentPaused;
  const paused = w.d.spec?.paused === true;
  if (paused === pausedConditionExists) return;
  setCondition(
    (w.d.status ??= {}),
    paused
      ? newCondition('Progressing', 'Unknown', DEPLOYMENT_REASONS.deploymentPaused, 'Deployment is paused', w.now())
      : newCondition('Progressing', 'Unknown', DEPLOYMENT_REASONS.deploymentResumed, 'Deployment is resumed', w.now()),
  );
  await w.updateStatus();
}
