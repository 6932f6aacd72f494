import { BUILTIN_RESOURCES, type Pod } from '#api';
import { objectKey, runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { podOwnerKeys } from './pod-owner-keys.js';
import { ReplicaSetReconciler } from './replica-set.reconciler.js';
import type { ReplicatedKind, ReplicatedObject } from './replicated-kind.js';

const PODS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'pods')!;

/** The ControllerDefinition of one replicated kind: its own queue, expectations and event source. */
export function replicationControllerDefinition(kind: ReplicatedKind): ControllerDefinition {
  return {
    name: kind.controllerName,
    async start(context) {
      const owners = context.informers.informerFor<ReplicatedObject>(kind.type);
      const pods = context.informers.informerFor<Pod>(PODS);
      const logger = context.logger.child({ controller: kind.controllerName });
      const expectations = context.expectationsFor(kind.controllerName);
      const reconciler = new ReplicaSetReconciler({
        kind,
        client: context.client,
        owners,
        pods,
        recorder: context.recorderFor?.(kind.component) ?? context.recorder,
        expectations,
        logger,
      });
      return runController({
        reconciler,
        queue: context.queueFor(kind.controllerName),
        informers: [
          { informer: owners, keysFor: (obj) => [objectKey(obj.metadata.namespace, obj.metadata.name!)] },
          { informer: pods, keysFor: podOwnerKeys(kind, owners) },
        ],
        resyncPeriodMs: context.settings.resyncPeriodMs,
        concurrency: context.settings.concurrency,
        expectations,
        onError: (err) => logger.warn({ err }, 'adding a key failed; the next event or resync adds it'),
      });
    },
  };
}
