import { BUILTIN_RESOURCES, type Namespace } from '#api';
import { runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { NAMESPACED_CONTENT_TYPES } from './namespaced-content-types.js';
import { NamespaceReconciler } from './namespace.reconciler.js';

const NAMESPACES = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'namespaces')!;

/** The namespace controller of kube-controller-manager: empties deleted namespaces, then finalizes them. */
export const namespaceController: ControllerDefinition = {
  name: 'namespace',
  async start(context) {
    const namespaces = context.informers.informerFor<Namespace>(NAMESPACES);
    return runController({
      reconciler: new NamespaceReconciler({
        client: context.client,
        namespaces,
        recorder: context.recorder,
        contentTypes: NAMESPACED_CONTENT_TYPES,
        namespaceType: NAMESPACES,
      }),
      queue: context.queueFor('namespace'),
      informers: [{ informer: namespaces, keysFor: (ns) => [ns.metadata.name!] }],
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => context.logger.warn({ err }, 'namespace: could not queue a key'),
    });
  },
};
