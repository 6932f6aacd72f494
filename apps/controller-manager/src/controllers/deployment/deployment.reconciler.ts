import { labelSelectorFromObject, type ParsedLabelSelector } from '#api';
import { splitObjectKey, type Reconciler, type ReconcileResult } from '#reconcile';
import { claimReplicaSets } from './claim-replica-sets.js';
import type { DeploymentDeps } from './deployment-deps.js';
import { DeploymentWriter } from './deployment-writer.js';
import { isScalingEvent } from './is-scaling-event.js';
import { replicaSetsOfDeployment } from './new-replica-set.js';
import { checkPausedConditions } from './paused-conditions.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { sync } from './sync.js';
import { syncStatus } from './sync-status.js';
import { DEPLOYMENT_REASONS } from './util/deployment-reasons.js';

/**
 * syncDeployment: which path a Deployment takes this time. Deleting -> status only;
 * paused or resized -> sync (scale, no rollout); otherwise a step of its strategy.
 */
export class DeploymentReconciler implements Reconciler {
  readonly name = 'deployment';

  constructor(private readonly deps: DeploymentDeps) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitObjectKey(key);
    const cached = this.deps.deployments.get(namespace, name);
    if (!cached?.spec) return undefined;
    const w = new DeploymentWriter(this.deps, key, structuredClone(cached));

    const selector = this.selectorOf(w);
    if (!selector) return undefined;
    const claimed = await claimReplicaSets(w, selector);

    if (w.d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, false);
      await syncStatus(w, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
      return undefined;
    }
    await checkPausedConditions(w);
    if (w.d.spec?.paused) return sync(w, claimed);

    const { newRS, oldRSs } = await replicaSetsOfDeployment(w, claimed, false);
    // The new RS as just written (revision, annotations), so the next phase does not write it from a stale copy.
    const current = [...oldRSs, ...(newRS ? [newRS] : [])];
    if (isScalingEvent(w.d, newRS, oldRSs)) return sync(w, current);

    return w.d.spec?.strategy?.type === 'Recreate' ? rolloutRecreate(w, current) : rolloutRolling(w, current);
  }

  /**
   * An empty selector would claim every RS and pod of the namespace and an invalid one
   * cannot match: both are reported and not retried (a spec change brings the key back).
   */
  private selectorOf(w: DeploymentWriter): ParsedLabelSelector | undefined {
    let selector: ParsedLabelSelector;
    try {
      selector = labelSelectorFromObject(w.d.spec!.selector);
    } catch (error) {
      w.event('Warning', 'InvalidSelector', `Invalid selector: ${(error as Error).message}`);
      return undefined;
    }
    if (selector.isEmpty()) {
      w.event(
        'Warning',
        DEPLOYMENT_REASONS.selectingAll,
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      return undefined;
    }
    return selector;
  }
}
