import type { Endpoints, Pod, Service } from '#api';
import { objectKey, runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { ENDPOINTS, PODS, SERVICES } from './endpoints-resources.js';
import { EndpointsReconciler } from './endpoints.reconciler.js';
import { selects } from './pod-endpoints.js';

/** The endpoints controller of kube-controller-manager: v1 Endpoints for every Service with a selector. */
export const endpointsController: ControllerDefinition = {
  name: 'endpoints',
  async start(context) {
    const services = context.informers.informerFor<Service>(SERVICES);
    const pods = context.informers.informerFor<Pod>(PODS);
    const endpoints = context.informers.informerFor<Endpoints>(ENDPOINTS);
    const logger = context.logger.child({ controller: 'endpoints' });
    return runController({
      reconciler: new EndpointsReconciler({
        client: context.client,
        services,
        pods,
        endpoints,
        recorder: context.recorderFor?.('endpoint-controller') ?? context.recorder,
      }),
      queue: context.queueFor('endpoints'),
      informers: [
        { informer: services, keysFor: (svc) => [objectKey(svc.metadata.namespace, svc.metadata.name!)] },
        { informer: pods, keysFor: servicesSelecting(services) },
        { informer: endpoints, keysFor: (ep) => [objectKey(ep.metadata.namespace, ep.metadata.name!)] },
      ],
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => logger.warn({ err }, 'adding a key failed; the next event or resync adds it'),
    });
  },
};

/** Keys of the Services whose selector selects a pod (its old and new labels both, on updates). */
export function servicesSelecting(services: { list(namespace?: string): Service[] }): (pod: Pod) => string[] {
  return (pod) =>
    services
      .list(pod.metadata.namespace)
      .filter((svc) => selects(svc, pod))
      .map((svc) => objectKey(svc.metadata.namespace, svc.metadata.name!));
}
