import type { EndpointSlice, Pod, Service } from '#api';
import { objectKey, runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { ENDPOINT_SLICES, PODS, SERVICES } from '../endpoints/endpoints-resources.js';
import { servicesSelecting } from '../endpoints/index.js';
import { SERVICE_NAME_LABEL } from '../endpoints/pod-endpoints.js';
import { EndpointSliceReconciler } from './endpoint-slice.reconciler.js';

/** The EndpointSlice controller of kube-controller-manager: discovery.k8s.io/v1 slices for every Service with a selector. */
export const endpointSliceController: ControllerDefinition = {
  name: 'endpointslice',
  async start(context) {
    const services = context.informers.informerFor<Service>(SERVICES);
    const pods = context.informers.informerFor<Pod>(PODS);
    const slices = context.informers.informerFor<EndpointSlice>(ENDPOINT_SLICES);
    const logger = context.logger.child({ controller: 'endpointslice' });
    return runController({
      reconciler: new EndpointSliceReconciler({
        client: context.client,
        services,
        pods,
        slices,
        recorder: context.recorderFor?.('endpoint-slice-controller') ?? context.recorder,
      }),
      queue: context.queueFor('endpointslice'),
      informers: [
        { informer: services, keysFor: (svc) => [objectKey(svc.metadata.namespace, svc.metadata.name!)] },
        { informer: pods, keysFor: servicesSelecting(services) },
        {
          informer: slices,
          keysFor: (slice) => {
            const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
            return service ? [objectKey(slice.metadata.namespace, service)] : [];
          },
        },
      ],
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => logger.warn({ err }, 'adding a key failed; the next event or resync adds it'),
    });
  },
};
