import { BUILTIN_RESOURCES, type KubeObject, type ResourceType } from '#api';
import type { Informer } from '#client';
import { runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { GarbageCollectorReconciler } from './garbage-collector.reconciler.js';
import { ObjectGraph } from './object-graph.js';

/** Every kind that can be listed and watched: any of them may own or depend on another. */
const WATCHED: readonly ResourceType[] = BUILTIN_RESOURCES.filter(
  (t) => t.verbs.includes('list') && t.verbs.includes('watch'),
);

/** The garbage collector of kube-controller-manager: ownerReferences, orphan and foreground deletion. */
export const garbageCollectorController: ControllerDefinition = {
  name: 'garbage-collector',
  async start(context) {
    const graph = new ObjectGraph();
    const informers = new Map<ResourceType, Informer<KubeObject>>();
    for (const type of WATCHED) {
      const informer = context.informers.informerFor<KubeObject>(type);
      graph.track(informer);
      informers.set(type, informer);
    }
    const reconciler = new GarbageCollectorReconciler(
      { client: context.client, graph, informerOf: (type) => informers.get(type) },
      WATCHED,
    );
    return runController({
      reconciler,
      queue: context.queueFor('garbage-collector'),
      informers: [...informers].map(([type, informer]) => ({ informer, keysFor: (obj) => graph.keysFor(type, obj) })),
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => context.logger.warn({ err }, 'garbage-collector: could not queue a key'),
    });
  },
};
