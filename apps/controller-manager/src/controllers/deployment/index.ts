import type { Deployment, Pod, ReplicaSet } from '#api';
import { runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import type { DeploymentDeps } from './deployment-deps.js';
import { deploymentSources } from './deployment-sources.js';
import { DeploymentReconciler } from './deployment.reconciler.js';
import { RESOURCE_TYPES } from './resource-types.js';

/** The Deployment controller: ReplicaSets per pod template, rolling and recreate rollouts, history, status. */
export const deploymentController: ControllerDefinition = {
  name: 'deployment',
  async start(context) {
    const expectations = context.expectationsFor('deployment');
    const deps: DeploymentDeps = {
      client: context.client,
      deployments: context.informers.informerFor<Deployment>(RESOURCE_TYPES.deployments),
      replicaSets: context.informers.informerFor<ReplicaSet>(RESOURCE_TYPES.replicaSets),
      pods: context.informers.informerFor<Pod>(RESOURCE_TYPES.pods),
      recorder: context.recorderFor?.('deployment-controller') ?? context.recorder,
      expectations,
    };
    return runController({
      reconciler: new DeploymentReconciler(deps),
      queue: context.queueFor('deployment'),
      informers: deploymentSources(deps),
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      expectations,
      onError: (err) => context.logger.warn({ err, controller: 'deployment' }, 'could not queue a deployment key'),
    });
  },
};
