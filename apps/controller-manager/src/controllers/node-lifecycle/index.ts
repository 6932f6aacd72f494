import type { Lease, Node, Pod } from '#api';
import { runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { NodeLifecycleResources as R } from './node-lifecycle-resources.js';
import { NodeLifecycleReconciler } from './node-lifecycle.reconciler.js';

/** kube's node lifecycle controller with its taint manager and the orphaned-pod part of pod GC; keys are node names. */
export const nodeLifecycleController: ControllerDefinition = {
  name: 'node-lifecycle',
  async start(context) {
    const nodes = context.informers.informerFor<Node>(R.nodes);
    const pods = context.informers.informerFor<Pod>(R.pods);
    const leases = context.informers.informerFor<Lease>(R.leases, { namespace: R.leaseNamespace });
    const { nodeMonitorGracePeriodSeconds, defaultEvictionTolerationSeconds } = context.settings;
    return runController({
      reconciler: new NodeLifecycleReconciler({
        client: context.client,
        nodes,
        pods,
        leases,
        recorder: context.recorder,
        nodeMonitorGracePeriodSeconds,
        defaultEvictionTolerationSeconds,
      }),
      queue: context.queueFor('node-lifecycle'),
      informers: [
        { informer: nodes, keysFor: (node) => [node.metadata.name!] },
        { informer: leases, keysFor: (lease) => [lease.metadata.name!] },
        { informer: pods, keysFor: (pod) => [(pod as Pod).spec?.nodeName ?? ''].filter(Boolean) },
      ],
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => context.logger.warn({ err }, 'node-lifecycle: could not queue a key'),
    });
  },
};
